using System.Diagnostics;
using System.Globalization;
using TheoryCheck.Models.Kgmm;
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
    private readonly int _generatorThreads = 1;

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

    /// <summary>
    /// Threads that draw the normals of one run (1, default, or 2: a worker per run draws the coming steps' normals
    /// while the run's thread updates; docs/performance.md, "Whole process"). Speed only: the results are the same
    /// bits. Two pays for a single run on an otherwise idle core; seed ensembles and claims, which already use every
    /// core, keep one. Written to the diagnostics as <c>generator_threads</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to anything but 1 or 2.</exception>
    public int GeneratorThreads
    {
        get => _generatorThreads;
        init => _generatorThreads = value is 1 or 2
            ? value
            : throw new ArgumentOutOfRangeException(nameof(GeneratorThreads), value, "generator threads must be 1 or 2");
    }

    /// <inheritdoc />
    public KgmmRun Run(KgmmSimulationProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var total = Stopwatch.StartNew();
        using var simulation = new KgmmSgdSimulation(problem.Parameters, problem.Dimension, problem.Seed, _generatorThreads);
        double setupSeconds = total.Elapsed.TotalSeconds;
        return KgmmTrajectoryRecorder.Record(problem, simulation, simulation.Snapshot, _observables, Description, total,
            setupSeconds, cancellationToken);
    }

    private KgmmTrajectoryRecorder.EngineDescription Description => new(
        Name,
        MeansConvention,
        "x^c_0 ~ N(0, I_d/d), independent",
        "Philox4x32-10 streams kgmm.means / kgmm.init / kgmm.sgd keyed by (seed, d)",
        string.Create(CultureInfo.InvariantCulture, $"random {RandomStream.BestPath}, kernels {FixedOrderKernels.Path}"),
        _generatorThreads);
}
