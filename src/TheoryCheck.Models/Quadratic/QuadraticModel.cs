using System.Text.Json.Nodes;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Models.Quadratic;

/// <summary>
/// The <c>quadratic</c> model (parameters.md, quadratic section; quadratic.md): an ill-conditioned quadratic
/// with a two-level Hessian spectrum, trained by SGD / Dom-SGD / Bulk-SGD with additive, Hessian-shaped or
/// streaming least-squares noise. Time is the step count.
/// </summary>
public static class QuadraticModel
{
    /// <summary>Model id.</summary>
    public const string Id = "quadratic";

    /// <summary>Observable name: χ² = ‖P_D∇L‖²/‖∇L‖² of the full gradient (squared ratio).</summary>
    public const string Alignment = "alignment";

    /// <summary>Observable name: excess loss ½eᵀHe.</summary>
    public const string Loss = "loss";

    /// <summary>Observable name (theory): the critical step size η*_t (+∞ in the high-alignment regime).</summary>
    public const string EtaStar = "eta_star";

    /// <summary>Observable name (theory): η_dom, above which one Dom-SGD step increases the expected loss.</summary>
    public const string EtaDom = "eta_dom";

    /// <summary>Observable name (theory): η_bulk, below which one Bulk-SGD step decreases the expected loss.</summary>
    public const string EtaBulk = "eta_bulk";

    /// <summary>Id, parameters (names, defaults and ranges of parameters.md) and observables.</summary>
    public static ModelDescriptor Descriptor { get; } = new(
        Id,
        "ill-conditioned quadratic, SGD / Dom-SGD / Bulk-SGD, suspicious alignment",
        "Suspicious alignment of SGD (arXiv 2601.11789); Song–Ahn–Yun 2024 (arXiv 2405.16002)",
        "t = step count",
        [
            new("d", "dimension", ParameterKind.Integer, 2000L) { Minimum = 2, Maximum = int.MaxValue },
            new("k", "dominant dimensions (1 ≤ k < d)", ParameterKind.Integer, 20L) { Minimum = 1 },
            new("lambda_dom", "Hessian eigenvalue on the dominant subspace (> lambda_bulk)", ParameterKind.Real, 1.0)
                { Minimum = 0, MinimumInclusive = false },
            new("lambda_bulk", "Hessian eigenvalue on the bulk subspace", ParameterKind.Real, 0.001)
                { Minimum = 0, MinimumInclusive = false },
            new("eta", "constant step size (0 < eta < 2/lambda_dom)", ParameterKind.Real, 0.5)
                { Minimum = 0, MinimumInclusive = false },
            new("noise", "additive (Σ = σ²I), hessian (Σ = σ²H), streaming (least squares, x ~ N(0, H), batch b)",
                ParameterKind.Choice, "additive") { Choices = ["additive", "hessian", "streaming"] },
            new("sigma2", "noise variance σ² (streaming: label noise variance)", ParameterKind.Real, 1.0) { Minimum = 0 },
            new("batch", "streaming batch size b", ParameterKind.Integer, 1L) { Minimum = 1, Maximum = int.MaxValue },
            new("init_scale", "e_0 ~ N(0, R² I), R = init_scale", ParameterKind.Real, 100.0)
                { Minimum = 0, MinimumInclusive = false },
            new("method", "sgd, dom (Dom-SGD), bulk (Bulk-SGD)", ParameterKind.Choice, "sgd") { Choices = ["sgd", "dom", "bulk"] },
            new("switch_at", "step at which method takes over from SGD", ParameterKind.Integer, 0L) { Minimum = 0 },
            new("seed", "simulation seed", ParameterKind.Integer, (JsonNode?)null) { SimulationOnly = true },
        ],
        [
            new(Alignment, "χ² = ‖P_D∇L‖²/‖∇L‖² of the full gradient (squared); theory: ratio of expectations χ²_RE"),
            new(Loss, "excess loss ½eᵀHe (theory: its expectation)"),
            new(EtaStar, "theory: critical step size η*_t; +∞ in the high-alignment regime") { TheoryOnly = true },
            new(EtaDom, "theory: one Dom-SGD step increases the expected loss iff η > η_dom") { TheoryOnly = true },
            new(EtaBulk, "theory: one Bulk-SGD step decreases the expected loss iff η < η_bulk") { TheoryOnly = true },
        ]);
}
