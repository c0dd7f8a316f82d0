using System.Diagnostics;
using System.Globalization;
using TheoryCheck.Models;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Simulation.Cws;

/// <summary>
/// The exact subspace engine of cws (engine name "subspace"; docs/theory/subspace.md §11): runs
/// <see cref="CwsSubspaceSimulation"/>, which tracks X only in a frame made of fixed orthonormal bases of the clean-block
/// and noisy-block parts of the class means (and of the clean-set signal) plus one moving direction in the noisy block,
/// over the output grid. The trajectory document is the full engine's (<see cref="CwsSgd"/>: same observables, record
/// rule and diagnostics keys, plus "frame"), and the law of the recorded statistics is exactly that of full-vector SGD at
/// the same d (§11.4), at a cost per step independent of d. Every observable of cws.md §4 is a function of the closure
/// statistics, which are exact functions of the frame coordinates (eq. 11.0), so all of them are available.
/// </summary>
/// <remarks>
/// Applies to the isotropic and zero-one families only (one covariance shared by all classes, variances 0 or 1), with
/// any means (default or explicit) and any schedule. <c>cov = power-law</c> and any mixture outside that structure are
/// refused with an <see cref="InputException"/> before any step (§11.7). There is no d-dimensional iterate:
/// <see cref="CwsRun.FinalIterate"/> is null. A run is not pathwise equal to a full-engine run with the same seed (other
/// random streams); it is equal in law. Thread-safe: every call builds its own simulation; the geometry is cached per
/// mixture and shared read-only.
/// </remarks>
public sealed class CwsSubspaceSgd : ISimulationEngine<CwsSimulationProblem, CwsRun>
{
    /// <inheritdoc />
    public string Name => EngineNames.Subspace;

    /// <inheritdoc />
    /// <exception cref="InputException">The problem is not isotropic or zero-one (one line, nothing is run).</exception>
    public CwsRun Run(CwsSimulationProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Parameters is { } parameters && CwsSubspaceGeometry.Refusal(parameters) is string reason) throw new InputException(reason);
        var total = Stopwatch.StartNew();
        var simulation = new CwsSubspaceSimulation(problem.Mixture, problem.Loss, problem.Schedule, problem.Seed);
        var geometry = simulation.Geometry;
        var description = new CwsTrajectoryRecorder.EngineDescription(
            Name,
            "X_0 = 0 (all frame coordinates 0; exact)",
            "X ← X − (γ(t_{ℓ−1})/d)·ℓ′(⟨X, a⟩, y_c)·a in frame coordinates, t_{ℓ−1} = (ℓ − 1)/d (subspace.md §11.2)",
            string.Create(CultureInfo.InvariantCulture,
                $"Philox4x32-10 streams cws.subspace.sgd / .chi2 / .chi2.retry / .chi2.boost keyed by (seed, d); residual χ²_{simulation.ResidualDegreesOfFreedom} by Marsaglia–Tsang"),
            string.Create(CultureInfo.InvariantCulture, $"random {RandomStream.BestPath}, kernels scalar (frame of dimension {geometry.FrameDimension})"),
            string.Create(CultureInfo.InvariantCulture,
                $"clean block: {geometry.CleanModes} modes, basis of span(P_Z m_c) (k_Z = {geometry.CleanRank}); noisy block: {geometry.NoisyModes} modes, basis of span(P_N m_c, P_N s, s = P_C μ the clean-set part of μ) (k_N = {geometry.NoisyRank}){(geometry.HasMovingDirection ? " + one moving direction" : ", no moving direction")} (subspace.md §11.1)"));
        return CwsTrajectoryRecorder.Record(problem, simulation, description, total, finalIterate: null, cancellationToken);
    }
}
