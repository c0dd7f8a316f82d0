using System.Text.Json.Nodes;
using TheoryCheck.Models.Xor;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// The empirical second-layer matrix Ĥ_vv = (1/M)Σ_j σ′(s_j) g_j g_jᵀ or Ĝ_vv = (1/M)Σ_j e_j² g_j g_jᵀ (g_j = g(W X_j);
/// xor.md §9.4, <b>β excluded</b>; K×K, dense eigen-decomposition) with the metrics of xor.md §9.3 and §10: the number of
/// order-one outliers, err(v, top-4) and the cos² of the principal angles between the top-4 space and
/// span{g(Wμ), g(−Wμ), g(Wν), g(−Wν)} of the iterate.
/// </summary>
public sealed record XorSecondLayerSpectrum
{
    /// <summary>Hessian or G.</summary>
    public required XorMatrixKind Kind { get; init; }

    /// <summary>Test or training samples.</summary>
    public required XorSampleSource Source { get; init; }

    /// <summary>SGD step ℓ of the state.</summary>
    public required long Step { get; init; }

    /// <summary>Model time of the state.</summary>
    public required double Time { get; init; }

    /// <summary>Number of samples M.</summary>
    public required int SampleCount { get; init; }

    /// <summary>The matrix (K×K row-major; β excluded).</summary>
    public required double[] Matrix { get; init; }

    /// <summary>All K eigenvalues, descending.</summary>
    public required IReadOnlyList<double> Values { get; init; }

    /// <summary>Unit eigenvectors (length K), same order.</summary>
    public required IReadOnlyList<double[]> Vectors { get; init; }

    /// <summary>Relative threshold of <see cref="OutlierCount"/> (claims.md §2.5: 0.1).</summary>
    public required double OutlierThreshold { get; init; }

    /// <summary>Number of eigenvalues above <see cref="OutlierThreshold"/> × the largest.</summary>
    public required int OutlierCount { get; init; }

    /// <summary>err(v, top-min(4, K)) (0 for K ≤ 4, where the top-4 space is ℝ^K).</summary>
    public required double AlignmentError { get; init; }

    /// <summary>cos² of the principal angles (descending) between the top-min(4, K) space and span{g(±Wμ), g(±Wν)}.</summary>
    public required IReadOnlyList<double> ClusterSpanCosinesSquared { get; init; }

    /// <summary>The empirical accuracy on the same samples (predict 1 iff s &gt; 0).</summary>
    public required double Accuracy { get; init; }

    /// <summary>The spectrum as JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["layer"] = "second",
        ["matrix"] = Kind == XorMatrixKind.Hessian ? "hessian" : "g",
        ["samples"] = Source == XorSampleSource.Test ? "test" : "training",
        ["step"] = Step,
        ["t"] = Time,
        ["sample_count"] = SampleCount,
        ["penalty"] = XorFirstLayerSpectrum.PenaltyConvention,
        ["values"] = new JsonArray(Values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
        ["outlier_threshold"] = OutlierThreshold,
        ["outlier_count"] = OutlierCount,
        ["alignment_error"] = double.IsFinite(AlignmentError) ? AlignmentError : null,
        ["cluster_span_cosines_squared"] = new JsonArray(ClusterSpanCosinesSquared.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
        ["accuracy"] = Accuracy,
    };
}
