using System.Numerics.Tensors;

namespace TheoryCheck.Models.Quadratic;

/// <summary>
/// Observables of one state e = θ − θ* of the quadratic (quadratic.md §1, §3), as span kernels. The gradient is
/// ∇L = He; with G_S := ‖P_S He‖² = Σ_{i∈S} λ_i² e_i², the alignment is χ² = G_D/(G_D + G_B) (squared ratio of
/// the full gradient) and the loss is ½eᵀHe. The dominant block is the first k coordinates.
/// </summary>
public static class QuadraticObservables
{
    /// <summary>Σ_{i&lt;k} e_i² (dominant block) and Σ_{i≥k} e_i² (bulk block).</summary>
    public static (double Dominant, double Bulk) BlockSquares(ReadOnlySpan<double> e, int dominantCount)
    {
        if ((uint)dominantCount > (uint)e.Length) throw new ArgumentOutOfRangeException(nameof(dominantCount), "k must lie in [0, d]");
        return (TensorPrimitives.SumOfSquares(e[..dominantCount]), TensorPrimitives.SumOfSquares(e[dominantCount..]));
    }

    /// <summary>
    /// χ² = λ_D²S_D/(λ_D²S_D + λ_B²S_B) from the block sums of squares S_S = Σ_{i∈S} e_i²; NaN when the
    /// gradient vanishes (0/0).
    /// </summary>
    public static double AlignmentFromSquares(double dominantSquares, double bulkSquares, double lambdaDominant, double lambdaBulk)
    {
        double gd = lambdaDominant * lambdaDominant * dominantSquares, gb = lambdaBulk * lambdaBulk * bulkSquares;
        return gd / (gd + gb);
    }

    /// <summary>Loss ½(λ_D S_D + λ_B S_B) from the block sums of squares.</summary>
    public static double LossFromSquares(double dominantSquares, double bulkSquares, double lambdaDominant, double lambdaBulk) =>
        0.5 * (lambdaDominant * dominantSquares + lambdaBulk * bulkSquares);

    /// <summary>χ² = G_D/(G_D + G_B) of the state <paramref name="e"/> (length d) on the two-level spectrum of <paramref name="parameters"/>.</summary>
    public static double Alignment(ReadOnlySpan<double> e, QuadraticParameters parameters)
    {
        CheckLength(e, parameters);
        var (sd, sb) = BlockSquares(e, parameters.DominantCount);
        return AlignmentFromSquares(sd, sb, parameters.LambdaDominant, parameters.LambdaBulk);
    }

    /// <summary>Loss ½eᵀHe of the state <paramref name="e"/> (length d) on the two-level spectrum of <paramref name="parameters"/>.</summary>
    public static double Loss(ReadOnlySpan<double> e, QuadraticParameters parameters)
    {
        CheckLength(e, parameters);
        var (sd, sb) = BlockSquares(e, parameters.DominantCount);
        return LossFromSquares(sd, sb, parameters.LambdaDominant, parameters.LambdaBulk);
    }

    /// <summary>
    /// χ² = Σ_{i&lt;k} λ_i²e_i² / Σ_i λ_i²e_i² for a general diagonal H = diag(<paramref name="lambda"/>) whose
    /// first <paramref name="dominantCount"/> coordinates form the dominant block.
    /// </summary>
    public static double Alignment(ReadOnlySpan<double> e, ReadOnlySpan<double> lambda, int dominantCount)
    {
        if (lambda.Length != e.Length) throw new ArgumentException("e and lambda must have the same length");
        if ((uint)dominantCount > (uint)e.Length) throw new ArgumentOutOfRangeException(nameof(dominantCount), "k must lie in [0, d]");
        double gd = 0, gb = 0;
        for (int i = 0; i < e.Length; i++)
        {
            double g = lambda[i] * e[i];
            if (i < dominantCount) gd += g * g; else gb += g * g;
        }
        return gd / (gd + gb);
    }

    /// <summary>Loss ½Σ_i λ_i e_i² for a general diagonal H = diag(<paramref name="lambda"/>).</summary>
    public static double Loss(ReadOnlySpan<double> e, ReadOnlySpan<double> lambda)
    {
        if (lambda.Length != e.Length) throw new ArgumentException("e and lambda must have the same length");
        double s = 0;
        for (int i = 0; i < e.Length; i++) s += lambda[i] * e[i] * e[i];
        return 0.5 * s;
    }

    private static void CheckLength(ReadOnlySpan<double> e, QuadraticParameters parameters)
    {
        if (e.Length != parameters.Dimension)
            throw new ArgumentException($"state has length {e.Length}, expected d = {parameters.Dimension}");
    }
}
