using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Simulation.Cws;

/// <summary>
/// The stepping state of one cws run as the trajectory recorder sees it (<see cref="CwsTrajectoryRecorder"/>): advance to
/// a step, read the closure statistics (M_c, S_c, ‖X‖², ⟨X, μ⟩, Σ_𝒞 X_i μ_i; cws.md §2) there. Implemented by the
/// full-vector <see cref="CwsSgdSimulation"/> and the subspace <see cref="CwsSubspaceSimulation"/>.
/// </summary>
internal interface ICwsStepper
{
    /// <summary>SGD steps done, ℓ.</summary>
    long Step { get; }

    /// <summary>Completed, or diverged with the step and time of detection.</summary>
    RunStatus Status { get; }

    /// <summary>Runs steps until <paramref name="targetStep"/> or a divergence.</summary>
    RunStatus AdvanceTo(long targetStep, CancellationToken cancellationToken = default);

    /// <summary>The statistics of the current state, or null (marking the run diverged) when they are not finite.</summary>
    CwsStatistics? TryStatistics();
}
