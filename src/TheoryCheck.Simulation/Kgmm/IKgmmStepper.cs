using TheoryCheck.Models.Observables;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// The stepping state of one kgmm run as the trajectory recorder sees it (<see cref="KgmmTrajectoryRecorder"/>):
/// advance to a step, read the summary statistics (m, R) there. Implemented by the full-vector
/// <see cref="KgmmSgdSimulation"/> and the subspace <see cref="KgmmSubspaceSimulation"/>.
/// </summary>
internal interface IKgmmStepper
{
    /// <summary>Number of SGD steps done, ℓ.</summary>
    long Step { get; }

    /// <summary>Step size δ = c_δ/d.</summary>
    double StepSize { get; }

    /// <summary>Completed, or diverged with the step and time of detection.</summary>
    RunStatus Status { get; }

    /// <summary>Runs steps until <paramref name="targetStep"/> or a divergence.</summary>
    RunStatus AdvanceTo(long targetStep, CancellationToken cancellationToken);

    /// <summary>Writes m and R (k×k row-major) of the current state; false when they are not finite.</summary>
    bool TryStatistics(Span<double> m, Span<double> r);
}
