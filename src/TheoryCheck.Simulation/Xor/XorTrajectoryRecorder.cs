using System.Diagnostics;
using System.Text.Json.Nodes;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// The trajectory document shared by every xor engine (xor.md §3–§6; claims.md §0), so that the engines differ only in
/// how they step: the statistics (v, W·μ, W·ν, R⊥) are recorded at the step ℓ nearest to t/δ of every grid time t
/// (halves up), full states are kept at the snapshot steps when the engine has them, and the observable vector
/// (statistics, population loss and accuracy — exact functions of the statistics, §4, §6 — and the covered-cluster
/// count, §7.3) is evaluated on the recorded statistics. The diagnostics have the same keys in the same order for every
/// engine; only their values differ.
/// </summary>
internal static class XorTrajectoryRecorder
{
    /// <summary>What an engine writes into the diagnostics besides the shared timing and record fields.</summary>
    /// <param name="Engine">Engine name (<c>full</c>, <c>subspace</c>).</param>
    /// <param name="Frame">How μ, ν and the frame enter.</param>
    /// <param name="Initialisation">The initial law.</param>
    /// <param name="Random">The random streams.</param>
    /// <param name="SimdPath">The instruction-set paths (speed only).</param>
    internal sealed record EngineDescription(string Engine, string Frame, string Initialisation, string Random, string SimdPath);

    /// <summary>
    /// Steps <paramref name="simulation"/> over the problem's grid and builds the run. <paramref name="snapshot"/> copies
    /// the full state (null for an engine without one: no snapshots, no final state).
    /// </summary>
    public static XorRun Record(XorSimulationProblem problem, IXorStepper simulation, Func<XorState>? snapshot,
        XorPopulationRule? rule, EngineDescription description, Stopwatch total, double setupSeconds,
        CancellationToken cancellationToken)
    {
        var parameters = problem.Parameters;
        var times = problem.Grid.Times;
        var recordSteps = times.Select(problem.StepAt).ToArray();
        var snapshotSteps = snapshot is null ? [] : problem.SnapshotTimes.Select(problem.StepAt).ToArray();
        var statistics = new List<XorStatistics>(times.Count);
        var keptSteps = new List<long>(times.Count);
        var snapshots = new List<XorState>();
        var stepping = new Stopwatch();
        XorStatistics? current = null;
        StepSchedule.Walk(recordSteps, snapshotSteps,
            target =>
            {
                stepping.Start();
                var status = simulation.AdvanceTo(target, cancellationToken);
                stepping.Stop();
                current = status.Diverged ? null : simulation.TryStatistics();
                return current is not null;
            },
            () => snapshots.Add(snapshot!()),
            target =>
            {
                statistics.Add(current!);
                keptSteps.Add(target);
            });

        var observableClock = Stopwatch.StartNew();
        var evaluator = new XorObservables(parameters, rule);
        var names = evaluator.Names;
        var columns = names.Select(_ => new double[statistics.Count]).ToArray();
        var row = new double[evaluator.Count];
        for (int i = 0; i < statistics.Count; i++)
        {
            evaluator.Evaluate(statistics[i], row);
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
            ["frame"] = description.Frame,
            ["initialisation"] = description.Initialisation,
            ["record_rule"] = "step nearest to t/δ (halves up); trajectory times are the grid times",
            ["record_steps"] = new JsonArray(keptSteps.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["loss_rule"] = evaluator.Metrics.LossRuleName,
            ["accuracy_rule"] = evaluator.Metrics.AccuracyRuleName,
            ["loss_standard_error"] = evaluator.LossStandardError,
            ["accuracy_standard_error"] = evaluator.AccuracyStandardError,
            ["random"] = description.Random,
            ["simd_path"] = description.SimdPath,
        };
        var trajectory = new Trajectory(XorModel.Id, "sgd", parameters.ToJson(), problem.Dimension, problem.Seed,
            times.Take(statistics.Count).ToArray(),
            names.Select((name, j) => new KeyValuePair<string, double[]>(name, columns[j])).ToArray(),
            finalStatus, diagnostics);
        return new XorRun
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
}
