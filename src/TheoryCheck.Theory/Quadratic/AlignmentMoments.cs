namespace TheoryCheck.Theory.Quadratic;

/// <summary>
/// Per-run distribution summary of the alignment χ² = G_D/(G_D + G_B) (quadratic.md §3): its mean E[χ²], second
/// moment E[(χ²)²] and standard deviation across runs, with how they were computed.
/// </summary>
/// <param name="RatioOfExpectations">χ²_RE = E[G_D]/(E[G_D] + E[G_B]).</param>
/// <param name="Mean">E[χ²].</param>
/// <param name="SecondMoment">E[(χ²)²] (NaN for the delta method).</param>
/// <param name="StandardDeviation">sd(χ²) across runs.</param>
/// <param name="Method">"exact-gaussian" (the s-integrals of §3) or "delta" (delta method of §3).</param>
/// <param name="QuadraturePoints">Trapezoid points in x = log s (0 for the delta method).</param>
public sealed record AlignmentMoments(double RatioOfExpectations, double Mean, double SecondMoment, double StandardDeviation,
    string Method, int QuadraturePoints)
{
    /// <summary>E[χ²] − χ²_RE, the per-run bias of the ratio of expectations.</summary>
    public double Gap => Mean - RatioOfExpectations;
}
