using System.Text.Json.Nodes;
using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Theory.Cws;

/// <summary>
/// The exact least-squares moment recursion (cws.md §5.1) on a time grid: at the step ℓ nearest to t·d of every grid
/// time (the simulation's record rule), the exact SGD expectations E[𝓡], E[⟨X, μ⟩], E‖X‖² and E[M_c], plus
/// n = E[X] and E[X_i²] = P_ii at the last record. cosine, clean_share and error are not quadratic in X and have no
/// exact recursion.
/// </summary>
public sealed record CwsRecursionSolution
{
    /// <summary>The data model.</summary>
    public required CwsMixture Mixture { get; init; }

    /// <summary>γ(t).</summary>
    public required CwsSchedule Schedule { get; init; }

    /// <summary>The parameters as recorded in the trajectory document.</summary>
    public required JsonObject ParametersJson { get; init; }

    /// <summary>d.</summary>
    public int Dimension => Mixture.Dimension;

    /// <summary>Grid times reached.</summary>
    public required double[] Times { get; init; }

    /// <summary>The SGD step of each record (nearest to t·d, halves up).</summary>
    public required long[] RecordSteps { get; init; }

    /// <summary>E[𝓡] per record.</summary>
    public required double[] Risk { get; init; }

    /// <summary>E[⟨X, μ⟩] per record.</summary>
    public required double[] Overlap { get; init; }

    /// <summary>E‖X‖² per record.</summary>
    public required double[] Norm2 { get; init; }

    /// <summary>E[M_c] per record (C entries each).</summary>
    public required double[][] ClassMeans { get; init; }

    /// <summary>n = E[X] at the last record.</summary>
    public required double[] FinalMean { get; init; }

    /// <summary>E[X_i²] = P_ii at the last record.</summary>
    public required double[] FinalProjectedNorms { get; init; }

    /// <summary>Completed, or diverged (non-finite moments) with the step.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>Wall-clock seconds.</summary>
    public required double Seconds { get; init; }

    /// <summary>Trajectory document: engine "exact", d, observables risk, overlap, norm2 (their exact SGD expectations).</summary>
    public Trajectory ToTrajectory()
    {
        var diagnostics = new JsonObject
        {
            ["method"] = "exact first/second-moment recursion of least-squares SGD (cws.md §5.1)",
            ["record_rule"] = "step nearest to t·d (halves up)",
            ["record_steps"] = new JsonArray(RecordSteps.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["means"] = Mixture.MeanSource,
            ["schedule"] = Schedule.ToString(),
            ["seconds"] = Seconds,
        };
        return new Trajectory(CwsModel.Id, "exact", (JsonObject)ParametersJson.DeepClone(), Dimension, null, Times,
            [new(CwsModel.Risk, Risk), new(CwsModel.Overlap, Overlap), new(CwsModel.Norm2, Norm2)], Status, diagnostics);
    }
}
