using System.Diagnostics;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Quadratic;

namespace TheoryCheck.Simulation.Quadratic;

/// <summary>
/// Entry point of the quadratic simulation side: single runs and seed ensembles of <see cref="QuadraticEngine"/>
/// recorded at given steps. Ensembles run seeds in parallel; each seed owns its random streams, so results are
/// bit-identical for any thread count.
/// </summary>
public static class QuadraticSimulator
{
    /// <summary>The steps of a time grid (t rounded to the nearest step), ascending and distinct.</summary>
    public static long[] StepsOf(TimeGrid grid) => grid.Times.Select(t => (long)Math.Round(t)).Distinct().OrderBy(t => t).ToArray();

    /// <summary>One run from <paramref name="seed"/>, recording χ² and the loss at <paramref name="steps"/> (ascending, ≥ 0).</summary>
    public static QuadraticRun Run(QuadraticParameters parameters, ulong seed, IReadOnlyList<long> steps) =>
        Run(new QuadraticEngine(parameters, seed), steps);

    /// <summary>One run on an existing engine (reset to <see cref="QuadraticEngine.Seed"/> first is the caller's choice).</summary>
    public static QuadraticRun Run(QuadraticEngine engine, IReadOnlyList<long> steps)
    {
        for (int i = 0; i < steps.Count; i++)
            if (steps[i] < engine.Step || (i > 0 && steps[i] <= steps[i - 1]))
                throw new ArgumentException("recording steps must be strictly increasing and not before the engine's current step", nameof(steps));
        var p = engine.Parameters;
        var clock = Stopwatch.StartNew();
        var recorded = new List<long>(steps.Count);
        var alignment = new List<double>(steps.Count);
        var loss = new List<double>(steps.Count);
        var status = RunStatus.Completed;
        long start = engine.Step;
        int next = 0;
        while (next < steps.Count)
        {
            if (engine.Step == steps[next])
            {
                recorded.Add(engine.Step);
                alignment.Add(engine.Alignment);
                loss.Add(engine.Loss);
                next++;
                continue;
            }
            if (!engine.Advance())
            {
                status = RunStatus.DivergedAt(engine.Step, engine.Step, "the SGD state became non-finite (‖e‖² overflowed)");
                break;
            }
        }
        long taken = engine.Step - start;
        long perStep = p.Noise == QuadraticNoise.Streaming ? 2L * p.Batch * (p.Dimension + 1) : p.Dimension;
        return new QuadraticRun
        {
            Parameters = p,
            Seed = engine.Seed,
            Steps = recorded.ToArray(),
            Alignment = alignment.ToArray(),
            Loss = loss.ToArray(),
            Status = status,
            StepsTaken = taken,
            NormalsDrawn = taken * perStep,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>One run recorded on <paramref name="grid"/>.</summary>
    public static QuadraticRun Run(QuadraticParameters parameters, ulong seed, TimeGrid grid) => Run(parameters, seed, StepsOf(grid));

    /// <summary>
    /// Runs every seed of <paramref name="seeds"/> on up to <paramref name="threads"/> threads (one engine per
    /// thread) and returns the runs in seed order.
    /// </summary>
    public static QuadraticEnsemble RunEnsemble(QuadraticParameters parameters, IReadOnlyList<ulong> seeds, IReadOnlyList<long> steps, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        parameters.Validate();
        var runs = new QuadraticRun[seeds.Count];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, seeds.Count, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => (QuadraticEngine?)null,
            (i, _, engine) =>
            {
                if (engine is null) engine = new QuadraticEngine(parameters, seeds[i]);
                else engine.Reset(seeds[i]);
                runs[i] = Run(engine, steps);
                return engine;
            },
            _ => { });
        return new QuadraticEnsemble(parameters, runs, clock.Elapsed.TotalSeconds);
    }
}
