namespace TheoryCheck.Numerics.LinearAlgebra;

/// <summary>
/// The Helmert basis Q (k×(k−1)) of the complement of the all-ones vector (kgmm.md §6.1): column j (1-based,
/// j = 1..k−1) has 1/√(j(j+1)) in rows 1..j, −j/√(j(j+1)) in row j+1 and zeros below. QᵀQ = I_{k−1},
/// Qᵀ**1** = 0, QQᵀ = I − **11**ᵀ/k.
/// </summary>
public static class HelmertBasis
{
    /// <summary>Q as a new k×(k−1) row-major array (Q[c·(k−1) + j], 0-based).</summary>
    public static double[] Create(int k)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), "k must be ≥ 2");
        int n = k - 1;
        var q = new double[k * n];
        for (int j = 1; j <= n; j++)
        {
            double s = 1 / Math.Sqrt((double)j * (j + 1));
            for (int row = 0; row < j; row++) q[row * n + (j - 1)] = s;
            q[j * n + (j - 1)] = -j * s;
        }
        return q;
    }
}
