using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// The result of one simulated kgmm replicate: the observable trajectory (the document printed by
/// <c>theorycheck sgd</c>), the summary statistics (m, R) at every kept record, full-state snapshots for empirical
/// spectra, the status, and run statistics. A diverged run keeps only the records before the divergence and has no
/// <see cref="FinalState"/>.
/// </summary>
public sealed record KgmmRun
{
    /// <summary>The simulated problem.</summary>
    public required KgmmSimulationProblem Problem { get; init; }

    /// <summary>Observables on the grid (the finite records only), status and diagnostics.</summary>
    public required Trajectory Trajectory { get; init; }

    /// <summary>(m, R) at each kept record, aligned with <see cref="Trajectory"/>'s times.</summary>
    public required IReadOnlyList<KgmmStatistics> Statistics { get; init; }

    /// <summary>The SGD step of each kept record (the step ℓ nearest to t/δ).</summary>
    public required IReadOnlyList<long> RecordSteps { get; init; }

    /// <summary>Full states at the problem's snapshot times that were reached before any divergence.</summary>
    public required IReadOnlyList<KgmmState> Snapshots { get; init; }

    /// <summary>The full state at the end of the grid, or null when the run diverged (or the engine keeps no full state).</summary>
    public KgmmState? FinalState { get; init; }

    /// <summary>SGD steps performed.</summary>
    public required long Steps { get; init; }

    /// <summary>Wall-clock seconds spent stepping (excluding setup and observables).</summary>
    public required double StepSeconds { get; init; }

    /// <summary>Completed, or diverged with the step and time of detection.</summary>
    public RunStatus Status => Trajectory.Status;

    /// <summary>SGD steps per second of wall-clock time (0 when no step was done).</summary>
    public double StepsPerSecond => StepSeconds > 0 ? Steps / StepSeconds : 0;
}
