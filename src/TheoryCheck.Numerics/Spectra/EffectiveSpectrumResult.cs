namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// The d → ∞ (M/d = φ) prediction for a weighted sample second-moment matrix (1/M)Σ_j h_j Y_jY_jᵀ (kgmm.md §11):
/// outliers (largest first), bulk edges and the Stieltjes point of the right edge.
/// </summary>
/// <param name="Outliers">Predicted outliers, largest first.</param>
/// <param name="UpperEdge">Right bulk edge z₊ = z(S_*).</param>
/// <param name="LowerEdge">Left bulk edge (max of z on S &gt; 0), or 0 when the bulk reaches 0 (φ·P(h &gt; 0) ≤ 1).</param>
/// <param name="EdgeStieltjes">S_* (the left end of the interval for a support-boundary edge).</param>
/// <param name="EdgeKind">Interior minimum or support boundary.</param>
/// <param name="MeanWeight">E[h] (the bulk of an isotropic S⊥ has variance E[h]/λ).</param>
/// <param name="SupportMaximum">h_sup used for the bulk interval (−λφ/h_sup, 0).</param>
/// <param name="NodeCount">Nodes with h &gt; 0 used in the expectations.</param>
public sealed record EffectiveSpectrumResult(
    IReadOnlyList<EffectiveSpectrumOutlier> Outliers,
    double UpperEdge,
    double LowerEdge,
    double EdgeStieltjes,
    BulkEdgeKind EdgeKind,
    double MeanWeight,
    double SupportMaximum,
    int NodeCount)
{
    /// <summary>Predicted outlier locations, largest first.</summary>
    public double[] OutlierEigenvalues => Outliers.Select(o => o.Eigenvalue).ToArray();

    /// <summary>
    /// Predicted alignment error of a vector with S-coordinates x̃ with the top-n empirical eigenspace (kgmm.md §11):
    /// err² = 1 − Σ_{j ≤ n} (r̃_jᵀx̃)²/‖x̃‖² (bulk eigenvectors, when fewer than n outliers exist, contribute 0).
    /// </summary>
    public double AlignmentError(ReadOnlySpan<double> coordinates, int top)
    {
        if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), "n must be ≥ 1");
        double norm2 = 0;
        foreach (double x in coordinates) norm2 += x * x;
        if (!(norm2 > 0)) throw new ArgumentException("the vector must be non-zero", nameof(coordinates));
        double captured = 0;
        for (int j = 0; j < Math.Min(top, Outliers.Count); j++)
        {
            var r = Outliers[j].Coordinates;
            if (r.Length != coordinates.Length) throw new ArgumentException("coordinates must have length q", nameof(coordinates));
            double dot = 0;
            for (int i = 0; i < r.Length; i++) dot += r[i] * coordinates[i];
            captured += dot * dot;
        }
        return Math.Sqrt(Math.Max(0, 1 - captured / norm2));
    }
}
