using System.Text.Json.Nodes;
using TheoryCheck.Models.Xor;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// Top eigenpairs of an empirical first-layer block Ĥ_{W_iW_i} or Ĝ_{W_iW_i} (xor.md §9.4; <b>β excluded</b>) with the
/// alignment metrics of xor.md §10: err(W_i, top-2), cos² of the principal angles between the top-2 space and
/// span(μ, ν), and the distance of W_i from span(μ, ν).
/// </summary>
public sealed record XorFirstLayerSpectrum
{
    /// <summary>The convention written to every report.</summary>
    public const string PenaltyConvention = "β excluded: eigenvalues of the data term only (xor.md §9.4); the Hessian with the ℓ2 penalty adds β";

    /// <summary>Hessian or G.</summary>
    public required XorMatrixKind Kind { get; init; }

    /// <summary>0-based neuron i.</summary>
    public required int Neuron { get; init; }

    /// <summary>Test or training samples.</summary>
    public required XorSampleSource Source { get; init; }

    /// <summary>SGD step ℓ of the state.</summary>
    public required long Step { get; init; }

    /// <summary>Model time of the state.</summary>
    public required double Time { get; init; }

    /// <summary>Number of samples M.</summary>
    public required int SampleCount { get; init; }

    /// <summary>Samples with u_ij &gt; 0 (the others have weight 0).</summary>
    public required int ActiveCount { get; init; }

    /// <summary>Top eigenvalues θ_1 ≥ θ_2 ≥ … (Ritz values; β excluded).</summary>
    public required IReadOnlyList<double> Values { get; init; }

    /// <summary>Unit eigenvectors (Ritz vectors, length d), same order.</summary>
    public required IReadOnlyList<double[]> Vectors { get; init; }

    /// <summary>Recomputed residual norms ‖A v − θ v‖.</summary>
    public required IReadOnlyList<double> ResidualNorms { get; init; }

    /// <summary>Whether every pair met the Lanczos tolerance.</summary>
    public required bool Converged { get; init; }

    /// <summary>Whether the fresh-start check found no missed eigenvalue.</summary>
    public required bool FreshStartCheckPassed { get; init; }

    /// <summary>Products A·u used by Lanczos.</summary>
    public required long MatvecCount { get; init; }

    /// <summary>Relative residual tolerance of Lanczos.</summary>
    public required double Tolerance { get; init; }

    /// <summary>err(W_i, top-j) = ‖W_i − U_jU_jᵀW_i‖/‖W_i‖ for j = 1..n (entry j − 1).</summary>
    public required IReadOnlyList<double> ProjectionResiduals { get; init; }

    /// <summary>err(W_i, top-2): the first-layer alignment error of Thm 4.1 (xor.md §10).</summary>
    public double AlignmentError => ProjectionResiduals[Math.Min(2, ProjectionResiduals.Count) - 1];

    /// <summary>cos² of the principal angles (descending) between the top-2 eigenspace and span(μ, ν).</summary>
    public required IReadOnlyList<double> MuNuCosinesSquared { get; init; }

    /// <summary>‖W_i − P W_i‖/‖W_i‖ with P the projection on span(μ, ν) (= √(R⊥_ii/‖W_i‖²)).</summary>
    public required double MuNuResidual { get; init; }

    /// <summary>Seconds to build the operator.</summary>
    public required double SetupSeconds { get; init; }

    /// <summary>Seconds of the Lanczos run.</summary>
    public required double EigenSeconds { get; init; }

    /// <summary>The spectrum as JSON (eigenvectors omitted; neuron 1-based).</summary>
    public JsonObject ToJson() => new()
    {
        ["layer"] = "first",
        ["matrix"] = Kind == XorMatrixKind.Hessian ? "hessian" : "g",
        ["neuron"] = Neuron + 1,
        ["samples"] = Source == XorSampleSource.Test ? "test" : "training",
        ["step"] = Step,
        ["t"] = Time,
        ["sample_count"] = SampleCount,
        ["active_count"] = ActiveCount,
        ["penalty"] = PenaltyConvention,
        ["values"] = Numbers(Values),
        ["residual_norms"] = Numbers(ResidualNorms),
        ["converged"] = Converged,
        ["fresh_start_check_passed"] = FreshStartCheckPassed,
        ["matvecs"] = MatvecCount,
        ["tolerance"] = Tolerance,
        ["alignment_error"] = AlignmentError,
        ["projection_residuals"] = Numbers(ProjectionResiduals),
        ["mu_nu_cosines_squared"] = Numbers(MuNuCosinesSquared),
        ["mu_nu_residual"] = MuNuResidual,
        ["setup_seconds"] = SetupSeconds,
        ["eigen_seconds"] = EigenSeconds,
    };

    private static JsonArray Numbers(IReadOnlyList<double> values) =>
        new(values.Select(v => (JsonNode?)(double.IsFinite(v) ? JsonValue.Create(v) : null)).ToArray());
}
