using TheoryCheck.Numerics.Kernels;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Simulation.Cws;

/// <summary>
/// The full-vector one-pass SGD engine of <c>cws</c> (engine name "full", trajectory engine "sgd"): runs
/// <see cref="CwsSgdSimulation"/> over the output grid, records the closure statistics of the iterate at the step ℓ
/// nearest to t·d of every grid time (claims.md §0) and evaluates the population observables exactly from them
/// (cws.md §4: functions of the per-mode X_i and the model; the logistic risk by the Models/Cws quadrature). The
/// trajectory carries the grid times; the steps recorded are in the diagnostics.
/// </summary>
/// <remarks>Thread-safe: every call builds its own simulation; the problem's mixture is shared read-only.</remarks>
public sealed class CwsSgd : ISimulationEngine<CwsSimulationProblem, CwsRun>
{
    /// <inheritdoc />
    public string Name => EngineNames.Full;

    /// <inheritdoc />
    public CwsRun Run(CwsSimulationProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var total = Stopwatch.StartNew();
        var mixture = problem.Mixture;
        var simulation = new CwsSgdSimulation(mixture, problem.Loss, problem.Schedule, problem.Seed);
        var times = problem.Grid.Times;
        var statistics = new List<CwsStatistics>(times.Count);
        var steps = new List<long>(times.Count);
        var stepping = new Stopwatch();
        foreach (double t in times)
        {
            long target = problem.StepAt(t);
            stepping.Start();
            var status = simulation.AdvanceTo(target, cancellationToken);
            stepping.Stop();
            if (status.Diverged) break;
            var s = simulation.TryStatistics();
            if (s is null) break;
            statistics.Add(s);
            steps.Add(target);
        }

        var observables = new CwsObservables(mixture, problem.Loss);
        var names = observables.Names;
        var columns = names.Select(_ => new double[statistics.Count]).ToArray();
        var row = new double[observables.Count];
        for (int i = 0; i < statistics.Count; i++)
        {
            observables.Evaluate(statistics[i], row);
            for (int j = 0; j < row.Length; j++) columns[j][i] = row[j];
        }

        var runStatus = simulation.Status;
        double stepSeconds = stepping.Elapsed.TotalSeconds;
        long done = simulation.Step;
        var diagnostics = new JsonObject
        {
            ["engine"] = Name,
            ["steps"] = done,
            ["step_seconds"] = stepSeconds,
            ["steps_per_second"] = stepSeconds > 0 ? done / stepSeconds : null,
            ["total_seconds"] = total.Elapsed.TotalSeconds,
            ["means"] = mixture.MeanSource,
            ["schedule"] = problem.Schedule.ToString(),
            ["initialisation"] = "X_0 = 0",
            ["update"] = "X ← X − (γ(t_{ℓ−1})/d)·ℓ′(⟨X, a⟩, y_c)·a, t_{ℓ−1} = (ℓ − 1)/d",
            ["record_rule"] = "step nearest to t·d (halves up); trajectory times are the grid times",
            ["record_steps"] = new JsonArray(steps.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["quadrature"] = observables.Quadrature.RuleDescription,
            ["random"] = "Philox4x32-10 stream cws.sgd keyed by (seed, d): class from raw position ℓ−1, z from normal positions [(ℓ−1)d, ℓd)",
            ["simd_path"] = string.Create(CultureInfo.InvariantCulture, $"random {RandomStream.BestPath}, kernels {FixedOrderKernels.Path}"),
        };
        var trajectory = new Trajectory(CwsModel.Id, "sgd", (JsonObject)problem.ParametersJson.DeepClone(), problem.Dimension, problem.Seed,
            times.Take(statistics.Count).ToArray(),
            names.Select((name, j) => new KeyValuePair<string, double[]>(name, columns[j])).ToArray(),
            runStatus, diagnostics);
        return new CwsRun
        {
            Problem = problem,
            Trajectory = trajectory,
            Statistics = statistics,
            RecordSteps = steps,
            FinalIterate = runStatus.Diverged ? null : simulation.Iterate.ToArray(),
            Steps = done,
            StepSeconds = stepSeconds,
        };
    }
}
