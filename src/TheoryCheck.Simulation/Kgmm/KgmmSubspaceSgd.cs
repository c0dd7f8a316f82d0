using System.Diagnostics;
using System.Globalization;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// The exact subspace engine of kgmm (engine name "subspace"; docs/theory/subspace.md): runs
/// <see cref="KgmmSubspaceSimulation"/>, which tracks the weights only in a moving orthonormal frame of dimension 2k
/// containing span(means, weights), over the output grid. The trajectory document is the one of the full engine
/// <see cref="KgmmSgd"/> (same observable names and order, record rule "step nearest to t/δ", diagnostics keys; the
/// document's engine field stays "sgd"), and the law of the recorded (m, R) is exactly that of full-vector SGD at the
/// same d (subspace.md §3–§5), at a cost per step independent of d.
/// </summary>
/// <remarks>
/// There is no full parameter vector: <see cref="KgmmRun.FinalState"/> is null and <see cref="KgmmRun.Snapshots"/> is
/// empty whatever the problem's snapshot times, so spectral claims (empirical Hessian/G, alignment with eigenvectors,
/// kgmm.md §10–§12) need the full engine. A run is not pathwise equal to a full-engine run with the same seed (other
/// random streams); it is equal in law. Thread-safe: every call builds its own simulation and observable evaluator.
/// </remarks>
public sealed class KgmmSubspaceSgd : ISimulationEngine<KgmmSimulationProblem, KgmmRun>
{
    /// <summary>How the means enter, written to the diagnostics.</summary>
    public const string MeansConvention =
        "orthonormal, as the first k vectors of the moving frame (coordinates only; equal in law to any orthonormal means, subspace.md §5)";

    /// <summary>The initial law, written to the diagnostics.</summary>
    public const string InitialisationConvention =
        "x^c_0 ~ N(0, I_d/d), independent, drawn exactly in frame coordinates: m(0) ~ N(0, 1/d) entries, Bartlett factor of the orthogonal part (subspace.md §5)";

    private readonly Func<KgmmParameters, KgmmObservables>? _observables;

    /// <summary>The engine with the default observables (as <see cref="KgmmSgd()"/>).</summary>
    public KgmmSubspaceSgd()
    {
    }

    /// <summary>The engine with a given factory of the observable evaluator (as <see cref="KgmmSgd(Func{KgmmParameters, KgmmObservables})"/>).</summary>
    public KgmmSubspaceSgd(Func<KgmmParameters, KgmmObservables> observablesFactory)
    {
        ArgumentNullException.ThrowIfNull(observablesFactory);
        _observables = observablesFactory;
    }

    /// <inheritdoc />
    public string Name => EngineNames.Subspace;

    /// <inheritdoc />
    public KgmmRun Run(KgmmSimulationProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var total = Stopwatch.StartNew();
        var simulation = new KgmmSubspaceSimulation(problem.Parameters, problem.Dimension, problem.Seed);
        double setupSeconds = total.Elapsed.TotalSeconds;
        var description = new KgmmTrajectoryRecorder.EngineDescription(
            Name,
            MeansConvention,
            InitialisationConvention,
            string.Create(CultureInfo.InvariantCulture,
                $"Philox4x32-10 streams kgmm.subspace.init / .init.chi2 / .sgd / .chi2 / .chi2.retry / .chi2.boost keyed by (seed, d); residual χ²_{simulation.ResidualDegreesOfFreedom} by Marsaglia–Tsang"),
            string.Create(CultureInfo.InvariantCulture, $"random {RandomStream.BestPath}, kernels scalar (frame of dimension {simulation.FrameDimension})"));
        return KgmmTrajectoryRecorder.Record(problem, simulation, snapshot: null, _observables, description, total,
            setupSeconds, cancellationToken);
    }
}
