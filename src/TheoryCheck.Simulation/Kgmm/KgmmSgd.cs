using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Numerics.Kernels;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// The full-vector online-SGD engine of kgmm (kgmm.md §3; engine name "full", trajectory engine "sgd"): runs <see cref="KgmmSgdSimulation"/>
/// over the output grid, records m_{ca} = x^c·μ_a and R_{ce} = x^c·x^e at the step ℓ nearest to t/δ of every grid
/// time t (claims.md §0), and evaluates the full observable vector (m, R, Rperp, population loss and accuracy, exact
/// given (m, R), §3–§4, §7) with the Models/Kgmm observables of those statistics. The trajectory carries the grid
/// times; the steps actually recorded are in the diagnostics (they differ from t/δ by at most ½ step).
/// </summary>
/// <remarks>Thread-safe: every call builds its own simulation and observable evaluator.</remarks>
public sealed class KgmmSgd : ISimulationEngine<KgmmSimulationProblem, KgmmRun>
{
    /// <summary>How the means are drawn, written to the diagnostics.</summary>
    public const string MeansConvention =
        "random orthonormal frame: Gram–Schmidt QR (positive diagonal) of a d×k standard Gaussian matrix (kgmm.md §3)";

    private readonly Func<KgmmParameters, KgmmObservables>? _observables;

    /// <summary>
    /// The engine with the default observables: the population loss by the kgmm.md §6.2 rule
    /// (<see cref="KgmmQuadrature"/>) with its order chosen at the recorded R of largest σ_max, so it stays accurate
    /// as R grows along the run.
    /// </summary>
    public KgmmSgd()
    {
    }

    /// <summary>
    /// The engine with a given factory of the observable evaluator (it fixes the quadrature rule of the population
    /// loss; called once per run, so evaluators are never shared between threads).
    /// </summary>
    public KgmmSgd(Func<KgmmParameters, KgmmObservables> observablesFactory)
    {
        ArgumentNullException.ThrowIfNull(observablesFactory);
        _observables = observablesFactory;
    }

    /// <inheritdoc />
    public string Name => EngineNames.Full;

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

    /// <inheritdoc />
    public KgmmRun Run(KgmmSimulationProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var parameters = problem.Parameters;
        int k = parameters.K;
        var total = Stopwatch.StartNew();
        var simulation = new KgmmSgdSimulation(parameters, problem.Dimension, problem.Seed);
        double setupSeconds = total.Elapsed.TotalSeconds;

        var times = problem.Grid.Times;
        var recordSteps = times.Select(problem.StepAt).ToArray();
        var snapshotSteps = problem.SnapshotTimes.Select(problem.StepAt).ToArray();
        var statistics = new List<KgmmStatistics>(times.Count);
        var keptSteps = new List<long>(times.Count);
        var snapshots = new List<KgmmState>();
        var m = new double[k * k];
        var r = new double[k * k];

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
            if (status.Diverged || !simulation.TryStatistics(m, r)) break;
            while (nextSnapshot < snapshotSteps.Length && snapshotSteps[nextSnapshot] == target)
            {
                snapshots.Add(simulation.Snapshot());
                nextSnapshot++;
            }
            while (nextRecord < recordSteps.Length && recordSteps[nextRecord] == target)
            {
                statistics.Add(new KgmmStatistics(k, m, r));
                keptSteps.Add(target);
                nextRecord++;
            }
        }

        var observableClock = Stopwatch.StartNew();
        var evaluator = _observables?.Invoke(parameters) ?? DefaultObservables(parameters, statistics);
        var names = evaluator.Names;
        var columns = names.Select(_ => new double[statistics.Count]).ToArray();
        var row = new double[evaluator.Count];
        for (int i = 0; i < statistics.Count; i++)
        {
            evaluator.Evaluate(statistics[i].M, statistics[i].R, row);
            for (int j = 0; j < row.Length; j++) columns[j][i] = row[j];
        }
        double observableSeconds = observableClock.Elapsed.TotalSeconds;

        var status2 = simulation.Status;
        long steps = simulation.Step;
        double stepSeconds = stepping.Elapsed.TotalSeconds;
        var diagnostics = new JsonObject
        {
            ["engine"] = Name,
            ["steps"] = steps,
            ["stepSize"] = simulation.StepSize,
            ["stepSeconds"] = stepSeconds,
            ["stepsPerSecond"] = stepSeconds > 0 ? steps / stepSeconds : null,
            ["setupSeconds"] = setupSeconds,
            ["observableSeconds"] = observableSeconds,
            ["totalSeconds"] = total.Elapsed.TotalSeconds,
            ["means"] = MeansConvention,
            ["initialisation"] = "x^c_0 ~ N(0, I_d/d), independent",
            ["recordRule"] = "step nearest to t/δ (halves up); trajectory times are the grid times",
            ["recordSteps"] = new JsonArray(keptSteps.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["lossRule"] = evaluator.LossRule,
            ["accuracyStandardError"] = evaluator.AccuracyStandardError,
            ["random"] = "Philox4x32-10 streams kgmm.means / kgmm.init / kgmm.sgd keyed by (seed, d)",
            ["simdPath"] = string.Create(CultureInfo.InvariantCulture, $"random {RandomStream.BestPath}, kernels {FixedOrderKernels.Path}"),
        };
        var trajectory = new Trajectory(KgmmModel.Id, "sgd", parameters.ToJson(), problem.Dimension, problem.Seed,
            times.Take(statistics.Count).ToArray(),
            names.Select((name, j) => new KeyValuePair<string, double[]>(name, columns[j])).ToArray(),
            status2, diagnostics)
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
            FinalState = status2.Diverged ? null : simulation.Snapshot(),
            Steps = steps,
            StepSeconds = stepSeconds,
        };
    }
}
