namespace TheoryCheck.Simulation.Engines;

/// <summary>
/// A finite-d simulation engine of one model (design.md, "Engines"): given a problem (parameters, d, seed, output
/// grid) it produces one replicate's run. Every model's engines implement this seam under a short name —
/// <c>full</c> (the d-dimensional parameter vector) and, where the model is isotropic, <c>subspace</c> (the exact
/// moving-frame engine, cost per step independent of d) — so a claim picks an engine by name without knowing how
/// it works. Implementations are safe to call from several threads at once (one run per call), and a run is a pure
/// function of its problem.
/// </summary>
/// <typeparam name="TProblem">The model's simulation problem.</typeparam>
/// <typeparam name="TRun">The model's run record (trajectory, status, diagnostics).</typeparam>
public interface ISimulationEngine<in TProblem, out TRun>
{
    /// <summary>Engine name as users select it (<c>--engine NAME</c>) and results record it, e.g. <c>full</c>.</summary>
    string Name { get; }

    /// <summary>Simulates one replicate.</summary>
    TRun Run(TProblem problem, CancellationToken cancellationToken = default);
}
