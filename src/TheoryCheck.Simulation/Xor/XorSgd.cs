using TheoryCheck.Numerics.Kernels;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// The full-vector online-SGD engine of xor (xor.md §3; engine name "full", trajectory engine "sgd"): runs
/// <see cref="XorSgdSimulation"/> over the output grid, records the statistics (v, W·μ, W·ν, R⊥) at the step ℓ nearest
/// to t/δ of every grid time t (claims.md §0), and evaluates the observable vector (statistics, population loss and
/// accuracy — exact functions of the statistics, xor.md §4, §6 — and the covered-cluster count, §7.3) with the
/// Models/Xor observables. The trajectory carries the grid times; the steps actually recorded are in the diagnostics.
/// </summary>
/// <remarks>Thread-safe: every call builds its own simulation and observable evaluator.</remarks>
public sealed class XorSgd : ISimulationEngine<XorSimulationProblem, XorRun>
{
    /// <summary>How μ, ν and the warm-start directions are drawn, written to the diagnostics.</summary>
    public const string FrameConvention =
        "random orthonormal frame: Gram–Schmidt QR of a d×(K+2) standard Gaussian matrix; μ, ν = columns 1, 2, warm-start directions = columns 3..K+2 (xor.md §3)";

    private readonly XorPopulationRule? _rule;

    /// <summary>The engine with the default population rule of the loss/accuracy (<see cref="XorPopulationRule.Default"/>).</summary>
    public XorSgd()
    {
    }

    /// <summary>The engine with a given population rule (it fixes the QMC of the loss and accuracy observables).</summary>
    public XorSgd(XorPopulationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _rule = rule;
    }

    /// <inheritdoc />
    public string Name => EngineNames.Full;

    /// <inheritdoc />
    public XorRun Run(XorSimulationProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var parameters = problem.Parameters;
        var total = Stopwatch.StartNew();
        var simulation = new XorSgdSimulation(parameters, problem.Dimension, problem.Seed);
        double setupSeconds = total.Elapsed.TotalSeconds;

        var times = problem.Grid.Times;
        var recordSteps = times.Select(problem.StepAt).ToArray();
        var snapshotSteps = problem.SnapshotTimes.Select(problem.StepAt).ToArray();
        var statistics = new List<XorStatistics>(times.Count);
        var keptSteps = new List<long>(times.Count);
        var snapshots = new List<XorState>();
        var stepping = new Stopwatch();
        int nextRecord = 0, nextSnapshot = 0;
        while (nextRecord < recordSteps.Length || nextSnapshot < snapshotSteps.Length)
        {
            long target = Math.Min(
                nextRecord < recordSteps.Length ? recordSteps[nextRecord] : long.MaxValue,
                nextSnapshot < snapshotSteps.Length ? snapshotSteps[nextSnapshot] : long.MaxValue);
            stepping.Start();
            var status = simulation.AdvanceTo(target, cancellationToken);
            stepping.Stop();
            if (status.Diverged) break;
            var current = simulation.TryStatistics();
            if (current is null) break;
            while (nextSnapshot < snapshotSteps.Length && snapshotSteps[nextSnapshot] == target)
            {
                snapshots.Add(simulation.Snapshot());
                nextSnapshot++;
            }
            while (nextRecord < recordSteps.Length && recordSteps[nextRecord] == target)
            {
                statistics.Add(current);
                keptSteps.Add(target);
                nextRecord++;
            }
        }

        var observableClock = Stopwatch.StartNew();
        var evaluator = new XorObservables(parameters, _rule);
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
            ["engine"] = Name,
            ["steps"] = steps,
            ["step_size"] = simulation.StepSize,
            ["step_seconds"] = stepSeconds,
            ["steps_per_second"] = stepSeconds > 0 ? steps / stepSeconds : null,
            ["setup_seconds"] = setupSeconds,
            ["observable_seconds"] = observableSeconds,
            ["total_seconds"] = total.Elapsed.TotalSeconds,
            ["frame"] = FrameConvention,
            ["initialisation"] = parameters.Init == XorInitialisation.Warm
                ? "warm: W_i = mmu0_i μ + mnu0_i ν + √rperp0 u_i, v = v0 (statistics at t = 0 exact, xor.md §3)"
                : "random: v_i ~ N(0, 1), W_i ~ N(0, I_d/d), independent",
            ["record_rule"] = "step nearest to t/δ (halves up); trajectory times are the grid times",
            ["record_steps"] = new JsonArray(keptSteps.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["loss_rule"] = evaluator.Metrics.LossRuleName,
            ["accuracy_rule"] = evaluator.Metrics.AccuracyRuleName,
            ["loss_standard_error"] = evaluator.LossStandardError,
            ["accuracy_standard_error"] = evaluator.AccuracyStandardError,
            ["random"] = "Philox4x32-10 streams xor.frame / xor.init / xor.sgd keyed by (seed, d)",
            ["simd_path"] = string.Create(CultureInfo.InvariantCulture, $"random {RandomStream.BestPath}, kernels {FixedOrderKernels.Path}"),
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
            FinalState = finalStatus.Diverged ? null : simulation.Snapshot(),
            Steps = steps,
            StepSeconds = stepSeconds,
        };
    }
}
