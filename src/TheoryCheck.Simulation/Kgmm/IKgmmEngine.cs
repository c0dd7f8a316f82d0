namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// A finite-d simulation engine of kgmm (design.md, "Simulation"): given a <see cref="KgmmSimulationProblem"/> it
/// produces the observables on the output grid as a <see cref="KgmmRun"/>. Today: <see cref="KgmmSgd"/>, the
/// full-vector online SGD; later an exact reduced engine (the statistics simulated in a moving basis of
/// span(means, weights)) can implement the same interface, so a claim picks its engine without knowing how it works.
/// Implementations must be safe to call from several threads at once (one run per call) and a run must be a pure
/// function of its problem.
/// </summary>
public interface IKgmmEngine
{
    /// <summary>Engine name written to the trajectory document ("sgd" for the full-vector engine).</summary>
    string Name { get; }

    /// <summary>Simulates one replicate.</summary>
    KgmmRun Run(KgmmSimulationProblem problem, CancellationToken cancellationToken = default);
}
