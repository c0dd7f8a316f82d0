using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// The result of one simulated xor replicate: the observable trajectory (engine "sgd"; the same names and order as the
/// ODE's), the statistics at every kept record, full-state snapshots for empirical spectra, the status and run
/// statistics. A diverged run keeps only the records before the divergence and has no <see cref="FinalState"/>.
/// </summary>
public sealed record XorRun
{
    /// <summary>The simulated problem.</summary>
    public required XorSimulationProblem Problem { get; init; }

    /// <summary>Observables on the grid (the finite records only), status and diagnostics.</summary>
    public required Trajectory Trajectory { get; init; }

    /// <summary>The statistics at each kept record, aligned with <see cref="Trajectory"/>'s times.</summary>
    public required IReadOnlyList<XorStatistics> Statistics { get; init; }

    /// <summary>The SGD step of each kept record (the step ℓ nearest to t/δ).</summary>
    public required IReadOnlyList<long> RecordSteps { get; init; }

    /// <summary>Full states at the problem's snapshot times reached before any divergence.</summary>
    public required IReadOnlyList<XorState> Snapshots { get; init; }

    /// <summary>The full state at the end of the grid, or null when the run diverged.</summary>
    public XorState? FinalState { get; init; }

    /// <summary>SGD steps performed.</summary>
    public required long Steps { get; init; }

    /// <summary>Wall-clock seconds spent stepping (excluding setup and observables).</summary>
    public required double StepSeconds { get; init; }

    /// <summary>Completed, or diverged with the step and time of detection.</summary>
    public RunStatus Status => Trajectory.Status;

    /// <summary>SGD steps per second of wall-clock time (0 when no step was done).</summary>
    public double StepsPerSecond => StepSeconds > 0 ? Steps / StepSeconds : 0;
}
