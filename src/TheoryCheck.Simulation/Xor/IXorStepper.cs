using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// The stepping state of one xor run as the trajectory recorder sees it (<see cref="XorTrajectoryRecorder"/>): advance
/// to a step, read the summary statistics (v, W·μ, W·ν, R⊥, xor.md §4) there. Implemented by the full-vector
/// <see cref="XorSgdSimulation"/> and the subspace <see cref="XorSubspaceSimulation"/>.
/// </summary>
internal interface IXorStepper
{
    /// <summary>Number of SGD steps done, ℓ.</summary>
    long Step { get; }

    /// <summary>Step size δ = c_δ/d.</summary>
    double StepSize { get; }

    /// <summary>Completed, or diverged with the step and time of detection.</summary>
    RunStatus Status { get; }

    /// <summary>Runs steps until <paramref name="targetStep"/> or a divergence.</summary>
    RunStatus AdvanceTo(long targetStep, CancellationToken cancellationToken);

    /// <summary>The statistics of the current state, or null (marking the run diverged) when they are not finite.</summary>
    XorStatistics? TryStatistics();
}
