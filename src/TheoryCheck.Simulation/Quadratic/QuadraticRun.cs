using System.Text.Json.Nodes;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Quadratic;

namespace TheoryCheck.Simulation.Quadratic;

/// <summary>
/// One simulated run of the quadratic: χ²_t (full-gradient alignment) and the loss ½e_tᵀHe_t at the recorded
/// steps, with the run status (a diverged run keeps only the records before the divergence) and diagnostics.
/// </summary>
public sealed record QuadraticRun
{
    /// <summary>Parameters simulated.</summary>
    public required QuadraticParameters Parameters { get; init; }

    /// <summary>Seed of the run's random streams.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Recorded steps t, ascending (only those reached before a divergence).</summary>
    public required long[] Steps { get; init; }

    /// <summary>χ²_t at <see cref="Steps"/>.</summary>
    public required double[] Alignment { get; init; }

    /// <summary>½e_tᵀHe_t at <see cref="Steps"/>.</summary>
    public required double[] Loss { get; init; }

    /// <summary>Completed, or diverged at a step.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>SGD steps taken.</summary>
    public long StepsTaken { get; init; }

    /// <summary>Standard normals drawn.</summary>
    public long NormalsDrawn { get; init; }

    /// <summary>Wall-clock seconds of the run.</summary>
    public double Seconds { get; init; }

    /// <summary>The command-line trajectory document (engine "sgd") at the recorded steps.</summary>
    public Trajectory ToTrajectory()
    {
        var observables = new List<KeyValuePair<string, double[]>>
        {
            new(QuadraticModel.Alignment, Alignment),
            new(QuadraticModel.Loss, Loss),
        };
        var diagnostics = new JsonObject
        {
            ["engine"] = "full-vector SGD (quadratic.md §1), counter-based normal streams",
            ["steps"] = StepsTaken,
            ["normals"] = NormalsDrawn,
            ["seconds"] = Seconds,
            ["alignment"] = "per run χ² = ‖P_D He‖²/‖He‖²",
        };
        return new Trajectory(QuadraticModel.Id, "sgd", Parameters.ToJson(), Parameters.Dimension, (long)Seed,
            Steps.Select(s => (double)s).ToArray(), observables, Status, diagnostics);
    }
}
