using System.Diagnostics;
using System.Text.Json.Nodes;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// The trajectory document shared by every kgmm engine (kgmm.md §3; claims.md §0), so that the engines differ only
/// in how they step: the statistics (m, R) are recorded at the step ℓ nearest to t/δ of every grid time t (halves
/// up), full states are kept at the snapshot steps when the engine has them, and the observable vector (m, R,
/// Rperp, population loss and accuracy, exact given (m, R), §4, §7) is evaluated on the recorded statistics. The
/// diagnostics have the same keys in the same order for every engine; only their values differ.
/// </summary>
internal static class KgmmTrajectoryRecorder
{
    /// <summary>What an engine writes into the diagnostics besides the shared timing and record fields.</summary>
    /// <param name="Engine">Engine name (<c>full</c>, <c>subspace</c>).</param>
    /// <param name="Means">How the means enter.</param>
    /// <param name="Initialisation">The initial law.</param>
    /// <param name="Random">The random streams.</param>
    /// <param name="SimdPath">The instruction-set paths (speed only).</param>
    /// <param name="GeneratorThreads">Threads that drew the normals of the steps (speed only; docs/performance.md, "Whole process").</param>
    internal sealed record EngineDescription(string Engine, string Means, string Initialisation, string Random, string SimdPath, int GeneratorThreads = 1);

    /// <summary>
    /// Steps <paramref name="simulation"/> over the problem's grid and builds the run. <paramref name="snapshot"/> copies
    /// the full state (null for an engine without one: no snapshots, no final state).
    /// </summary>
    public static KgmmRun Record(KgmmSimulationProblem problem, IKgmmStepper simulation, Func<KgmmState>? snapshot,
        Func<KgmmParameters, KgmmObservables>? observables, EngineDescription description, Stopwatch total,
        double setupSeconds, CancellationToken cancellationToken)
    {
        var parameters = problem.Parameters;
        int k = parameters.K;
        var times = problem.Grid.Times;
        var recordSteps = times.Select(problem.StepAt).ToArray();
        var snapshotSteps = snapshot is null ? [] : problem.SnapshotTimes.Select(problem.StepAt).ToArray();
        var statistics = new List<KgmmStatistics>(times.Count);
        var keptSteps = new List<long>(times.Count);
        var snapshots = new List<KgmmState>();
        var m = new double[k * k];
        var r = new double[k * k];

        var stepping = new Stopwatch();
        StepSchedule.Walk(recordSteps, snapshotSteps,
            target =>
            {
                stepping.Start();
                var status = simulation.AdvanceTo(target, cancellationToken);
                stepping.Stop();
                return !status.Diverged && simulation.TryStatistics(m, r);
            },
            () => snapshots.Add(snapshot!()),
            target =>
            {
                statistics.Add(new KgmmStatistics(k, m, r));
                keptSteps.Add(target);
            });

        var observableClock = Stopwatch.StartNew();
        var evaluator = observables?.Invoke(parameters) ?? DefaultObservables(parameters, statistics);
        var names = evaluator.Names;
        var columns = names.Select(_ => new double[statistics.Count]).ToArray();
        var row = new double[evaluator.Count];
        for (int i = 0; i < statistics.Count; i++)
        {
            evaluator.Evaluate(statistics[i].M, statistics[i].R, row);
            for (int j = 0; j < row.Length; j++) columns[j][i] = row[j];
        }
        double observableSeconds = observableClock.Elapsed.TotalSeconds;

        var finalStatus = simulation.Status;
        long steps = simulation.Step;
        double stepSeconds = stepping.Elapsed.TotalSeconds;
        var diagnostics = new JsonObject
        {
            ["engine"] = description.Engine,
            ["steps"] = steps,
            ["step_size"] = simulation.StepSize,
            ["step_seconds"] = stepSeconds,
            ["steps_per_second"] = stepSeconds > 0 ? steps / stepSeconds : null,
            ["setup_seconds"] = setupSeconds,
            ["observable_seconds"] = observableSeconds,
            ["total_seconds"] = total.Elapsed.TotalSeconds,
            ["means"] = description.Means,
            ["initialisation"] = description.Initialisation,
            ["record_rule"] = "step nearest to t/δ (halves up); trajectory times are the grid times",
            ["record_steps"] = new JsonArray(keptSteps.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["loss_rule"] = evaluator.LossRule,
            ["accuracy_standard_error"] = evaluator.AccuracyStandardError,
            ["random"] = description.Random,
            ["simd_path"] = description.SimdPath,
            ["generator_threads"] = description.GeneratorThreads,
        };
        var trajectory = new Trajectory(KgmmModel.Id, "sgd", parameters.ToJson(), problem.Dimension, problem.Seed,
            times.Take(statistics.Count).ToArray(),
            names.Select((name, j) => new KeyValuePair<string, double[]>(name, columns[j])).ToArray(),
            finalStatus, diagnostics)
        {
            Faults = KgmmObservables.AccuracyFault(evaluator.AccuracyStandardError, $"sgd run d = {problem.Dimension}, seed {problem.Seed}") is { } fault ? [fault] : [],
        };
        return new KgmmRun
        {
            Problem = problem,
            Trajectory = trajectory,
            Statistics = statistics,
            RecordSteps = keptSteps,
            Snapshots = snapshots,
            FinalState = finalStatus.Diverged || snapshot is null ? null : snapshot(),
            Steps = steps,
            StepSeconds = stepSeconds,
        };
    }

    /// <summary>
    /// The default observables: the population loss by the kgmm.md §6.2 rule (<see cref="KgmmQuadrature"/>) with its
    /// order chosen at the recorded R of largest σ_max, so it stays accurate as R grows along the run.
    /// </summary>
    private static KgmmObservables DefaultObservables(KgmmParameters parameters, List<KgmmStatistics> statistics)
    {
        double largest = -1;
        KgmmStatistics? widest = null;
        foreach (var s in statistics)
        {
            double sigma = KgmmQuadrature.MaxStandardDeviation(parameters, s.R);
            if (sigma > largest) (largest, widest) = (sigma, s);
        }
        return widest is null ? KgmmQuadrature.Observables(parameters) : KgmmQuadrature.Observables(parameters, widest.R);
    }
}
