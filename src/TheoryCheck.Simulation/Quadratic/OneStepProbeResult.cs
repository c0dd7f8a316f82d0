using TheoryCheck.Models.Quadratic;

namespace TheoryCheck.Simulation.Quadratic;

/// <summary>
/// Monte-Carlo estimate of one step from a fixed state (N independent noise draws): the changes of the loss and of
/// the per-run alignment χ², the new gradient block norms G_S' = ‖P_S He'‖², and the change of the ratio of their
/// means Ḡ_D'/(Ḡ_D' + Ḡ_B') − χ²_0 (an estimate of the one-step change of χ²_RE, with a delta-method standard error).
/// </summary>
public sealed record OneStepProbeResult
{
    /// <summary>Update rule of the probed step.</summary>
    public required QuadraticMethod Method { get; init; }

    /// <summary>Step size of the probed step.</summary>
    public required double StepSize { get; init; }

    /// <summary>Number of noise draws N.</summary>
    public required int Draws { get; init; }

    /// <summary>Seed of the probe's noise stream.</summary>
    public required ulong Seed { get; init; }

    /// <summary>χ² of the starting state.</summary>
    public required double InitialAlignment { get; init; }

    /// <summary>Loss of the starting state.</summary>
    public required double InitialLoss { get; init; }

    /// <summary>L(e') − L(e) over draws.</summary>
    public required ProbeStatistic LossChange { get; init; }

    /// <summary>χ²(e') − χ²(e) over draws (per-run alignment).</summary>
    public required ProbeStatistic AlignmentChange { get; init; }

    /// <summary>G_D' = λ_D²Σ_D e_i'² over draws.</summary>
    public required ProbeStatistic DominantGradient { get; init; }

    /// <summary>G_B' = λ_B²Σ_B e_i'² over draws.</summary>
    public required ProbeStatistic BulkGradient { get; init; }

    /// <summary>Ḡ_D'/(Ḡ_D' + Ḡ_B') − χ²_0 with its delta-method standard error.</summary>
    public required ProbeStatistic RatioOfMeansChange { get; init; }

    /// <summary>Wall-clock seconds.</summary>
    public double Seconds { get; init; }
}
