using TheoryCheck.Models.Kgmm;

namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// The effective spectral prediction for an empirical block M̂ = (1/M) Σ_j h_j Y_jY_jᵀ with M/d = φ (kgmm.md §11):
/// outliers (descending), bulk edges, and the predicted alignment error of x^c with the top-n eigenspace.
/// β is excluded from all eigenvalues.
/// </summary>
/// <param name="Kind">Hessian or G (null for a custom weight).</param>
/// <param name="Block">0-based class c of the block (c, c).</param>
/// <param name="SamplesRatio">φ = M/d.</param>
/// <param name="Outliers">Predicted outliers, largest first.</param>
/// <param name="UpperEdge">Right bulk edge z₊ = z(S_*).</param>
/// <param name="LowerEdge">Left bulk edge (max of z on S &gt; 0), or 0 when the bulk reaches 0 (φ·P(h &gt; 0) ≤ 1).</param>
/// <param name="EdgeStieltjes">S_* = argmin of z(S) on (−λφ/h_sup, 0) (the left end for a support-boundary edge).</param>
/// <param name="TopCount">n, the size of the top eigenspace used for the alignment error.</param>
/// <param name="AlignmentError">err_pred,c = √(1 − X̃_{·c}ᵀ Π X̃_{·c}/‖X̃_{·c}‖²), Π = Σ_{j≤n} r̃_j r̃_jᵀ.</param>
/// <param name="QuadratureNodes">Number of (class, node) pairs of the k-dimensional rule.</param>
/// <param name="RuleName">Quadrature rule description.</param>
/// <param name="GridPoints">Points of the log grid used to locate S_*.</param>
public sealed record KgmmSpectralPredictionResult(
    KgmmMatrixKind? Kind,
    int Block,
    double SamplesRatio,
    IReadOnlyList<KgmmPredictedOutlier> Outliers,
    double UpperEdge,
    double LowerEdge,
    double EdgeStieltjes,
    int TopCount,
    double AlignmentError,
    int QuadratureNodes,
    string RuleName,
    int GridPoints)
{
    /// <summary>How the right edge is determined: an interior minimum of z(S), or the support boundary S → −λφ/h_sup.</summary>
    public KgmmEdgeKind EdgeKind { get; init; }

    /// <summary>Largest change of the outliers, the edge and err_pred when the rule is refined (NaN if not estimated).</summary>
    public double QuadratureErrorEstimate { get; init; } = double.NaN;

    /// <summary>h_sup used for the bulk interval (−λφ/h_sup, 0).</summary>
    public double SupportMaximum { get; init; }

    /// <summary>Predicted outlier locations, largest first.</summary>
    public double[] OutlierEigenvalues => Outliers.Select(o => o.Eigenvalue).ToArray();
}
