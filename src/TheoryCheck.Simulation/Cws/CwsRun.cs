using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Simulation.Cws;

/// <summary>
/// The result of one simulated <c>cws</c> replicate: the observable trajectory (the document printed by
/// <c>theorycheck sgd</c>), the closure statistics at every kept record, the final iterate, the status and run
/// statistics. A diverged run keeps only the records before the divergence and has no final iterate.
/// </summary>
public sealed record CwsRun
{
    /// <summary>The simulated problem.</summary>
    public required CwsSimulationProblem Problem { get; init; }

    /// <summary>Observables on the grid (finite records only), status and diagnostics.</summary>
    public required Trajectory Trajectory { get; init; }

    /// <summary>(M_c, S_c, ‖X‖², ⟨X, μ⟩, clean overlap) at each kept record.</summary>
    public required IReadOnlyList<CwsStatistics> Statistics { get; init; }

    /// <summary>The SGD step of each kept record.</summary>
    public required IReadOnlyList<long> RecordSteps { get; init; }

    /// <summary>X at the end of the grid, or null when the run diverged.</summary>
    public double[]? FinalIterate { get; init; }

    /// <summary>SGD steps performed.</summary>
    public required long Steps { get; init; }

    /// <summary>Wall-clock seconds spent stepping.</summary>
    public required double StepSeconds { get; init; }

    /// <summary>Completed, or diverged with the step and time of detection.</summary>
    public RunStatus Status => Trajectory.Status;

    /// <summary>SGD steps per second (0 when no step was done).</summary>
    public double StepsPerSecond => StepSeconds > 0 ? Steps / StepSeconds : 0;
}
