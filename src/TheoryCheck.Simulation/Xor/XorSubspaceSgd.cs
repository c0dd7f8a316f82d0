using System.Diagnostics;
using System.Globalization;
using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// The exact subspace engine of xor (engine name "subspace"; docs/theory/subspace.md §10): runs
/// <see cref="XorSubspaceSimulation"/>, which tracks the first layer only in a moving orthonormal frame of dimension
/// K + 2 containing span(μ, ν, W_1..W_K), over the output grid. The trajectory document is the one of the full engine
/// <see cref="XorSgd"/> (same observable names and order — v, mmu, mnu, Rperp, loss, accuracy, covered — record rule
/// "step nearest to t/δ", diagnostics keys; the document's engine field stays "sgd"), and the law of the recorded
/// statistics is exactly that of full-vector SGD at the same d (subspace.md §10.4), at a cost per step independent of d.
/// Every observable of the full engine's trajectory is a function of the statistics (xor.md §4, §6, §7.3), so all of
/// them are available here.
/// </summary>
/// <remarks>
/// There is no full parameter vector: <see cref="XorRun.FinalState"/> is null and <see cref="XorRun.Snapshots"/> is empty
/// whatever the problem's snapshot times, so spectral and alignment claims (empirical Hessian/G, xor.md §9.4, §10) need
/// the full engine. A run is not pathwise equal to a full-engine run with the same seed (other random streams); it is
/// equal in law. Thread-safe: every call builds its own simulation and observable evaluator.
/// </remarks>
public sealed class XorSubspaceSgd : ISimulationEngine<XorSimulationProblem, XorRun>
{
    /// <summary>How μ, ν and the frame enter, written to the diagnostics.</summary>
    public const string FrameConvention =
        "μ, ν = the first two vectors of a moving orthonormal frame of dimension K + 2 (coordinates only; equal in law to the full engine's random frame, subspace.md §10.3)";

    private readonly XorPopulationRule? _rule;

    /// <summary>The engine with the default population rule of the loss/accuracy (as <see cref="XorSgd()"/>).</summary>
    public XorSubspaceSgd()
    {
    }

    /// <summary>The engine with a given population rule (as <see cref="XorSgd(XorPopulationRule)"/>).</summary>
    public XorSubspaceSgd(XorPopulationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _rule = rule;
    }

    /// <inheritdoc />
    public string Name => EngineNames.Subspace;

    /// <inheritdoc />
    public XorRun Run(XorSimulationProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var parameters = problem.Parameters;
        var total = Stopwatch.StartNew();
        var simulation = new XorSubspaceSimulation(parameters, problem.Dimension, problem.Seed);
        double setupSeconds = total.Elapsed.TotalSeconds;
        var description = new XorTrajectoryRecorder.EngineDescription(
            Name,
            FrameConvention,
            parameters.Init == XorInitialisation.Warm
                ? "warm: W·μ = mmu0, W·ν = mnu0, frame coordinates √rperp0·I, v = v0 (exact, subspace.md §10.3)"
                : "random: v_i ~ N(0, 1), W_i ~ N(0, I_d/d), drawn exactly in frame coordinates: W·μ, W·ν ~ N(0, 1/d) entries, Bartlett factor of the orthogonal part (subspace.md §10.3)",
            string.Create(CultureInfo.InvariantCulture,
                $"Philox4x32-10 streams xor.subspace.init / .init.chi2 / .sgd / .chi2 / .chi2.retry / .chi2.boost keyed by (seed, d); residual χ²_{simulation.ResidualDegreesOfFreedom} by Marsaglia–Tsang"),
            string.Create(CultureInfo.InvariantCulture, $"random {RandomStream.BestPath}, kernels scalar (frame of dimension {simulation.FrameDimension})"));
        return XorTrajectoryRecorder.Record(problem, simulation, snapshot: null, _rule, description, total, setupSeconds,
            cancellationToken);
    }
}
