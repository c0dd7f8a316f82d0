namespace TheoryCheck.Numerics.LinearAlgebra;

/// <summary>
/// Householder QR of an upper-triangular n×n block with one appended row — the re-orthonormalisation of the moving
/// frame of the exact subspace engines (docs/theory/subspace.md §2 eq. 2.3 for kgmm, §10.2 for xor): the (n + 1)×n
/// block P (row-major, row stride n, P[i, c] = p[i·n + c]) is reduced by n reflections to [T'; 0] with T' upper
/// triangular, so P = U·T' with U ((n + 1)×n) orthonormal columns. Fixed-size, allocation-free (stack buffers only
/// when the factor is requested), no rank decision.
/// </summary>
/// <remarks>
/// Reflection j: x = P[j..n, j]; ‖x‖² as two fma partial sums (rows j, j+2, … and j+1, j+3, …) added; α = −sign(x_0)‖x‖
/// (copysign, so a zero x_0 gives −‖x‖); v = x − αe_1; τ = 1/(‖x‖² − αx_0) (= 2/vᵀv); applied to each later column c as
/// P ← P − s·v with s = τ·fma(v_0, P_{jc}, Σ_{i&gt;j} P_{ij}P_{ic}) (the sum by fma in row order). A column with ‖x‖² = 0
/// is left as it is (its reflection is the identity): no numerical rank is ever decided, and the frame keeps its size
/// when the weights span fewer dimensions (subspace.md §6). The order of every floating-point operation is fixed, so
/// the result is a pure function of the input on every machine with IEEE fma.
/// </remarks>
public static class AppendedRowQr
{
    /// <summary>
    /// Overwrites <paramref name="block"/> ((n + 1)·n entries, row-major) with [T'; 0]. When
    /// <paramref name="orthonormalFactor"/> is not empty ((n + 1)·n entries, row-major) it receives U, with P = U·T'.
    /// </summary>
    /// <param name="block">P, (n + 1) rows of n entries; rows 0..n−1 upper triangular on entry is typical but not required.</param>
    /// <param name="n">Number of columns n ≥ 1.</param>
    /// <param name="orthonormalFactor">Empty, or (n + 1)·n entries for U.</param>
    public static void Triangularise(Span<double> block, int n, Span<double> orthonormalFactor)
    {
        var p = block[..((n + 1) * n)];
        bool keepFactor = !orthonormalFactor.IsEmpty;
        Span<double> reflectors = keepFactor ? stackalloc double[(n + 1) * n] : default;
        Span<double> taus = keepFactor ? stackalloc double[n] : default;
        for (int j = 0; j < n; j++)
        {
            double even = 0, odd = 0;
            for (int i = j; i <= n; i += 2)
            {
                even = Math.FusedMultiplyAdd(p[i * n + j], p[i * n + j], even);
                if (i + 1 <= n) odd = Math.FusedMultiplyAdd(p[(i + 1) * n + j], p[(i + 1) * n + j], odd);
            }
            double normSquared = even + odd;
            if (keepFactor) taus[j] = 0;
            if (normSquared == 0) continue;
            double x0 = p[j * n + j];
            double alpha = -Math.CopySign(Math.Sqrt(normSquared), x0);
            double v0 = x0 - alpha;
            double tau = 1.0 / Math.FusedMultiplyAdd(-alpha, x0, normSquared);
            for (int c = j + 1; c < n; c++)
            {
                double rest = 0;
                for (int i = j + 1; i <= n; i++) rest = Math.FusedMultiplyAdd(p[i * n + j], p[i * n + c], rest);
                double s = Math.FusedMultiplyAdd(v0, p[j * n + c], rest) * tau;
                p[j * n + c] = Math.FusedMultiplyAdd(-s, v0, p[j * n + c]);
                for (int i = j + 1; i <= n; i++) p[i * n + c] = Math.FusedMultiplyAdd(-s, p[i * n + j], p[i * n + c]);
            }
            if (keepFactor)
            {
                taus[j] = tau;
                for (int i = 0; i <= n; i++) reflectors[i * n + j] = i < j ? 0 : i == j ? v0 : p[i * n + j];
            }
            p[j * n + j] = alpha;
            for (int i = j + 1; i <= n; i++) p[i * n + j] = 0;
        }
        if (keepFactor) AccumulateFactor(reflectors, taus, n, orthonormalFactor);
    }

    /// <summary>U = H_0·H_1·…·H_{n−1} applied to the first n columns of I_{n+1}, H_j = I − τ_j v_j v_jᵀ.</summary>
    private static void AccumulateFactor(ReadOnlySpan<double> reflectors, ReadOnlySpan<double> taus, int n, Span<double> u)
    {
        if (u.Length != (n + 1) * n) throw new ArgumentException("the orthonormal factor needs (n + 1)·n entries", nameof(u));
        u.Clear();
        for (int c = 0; c < n; c++) u[c * n + c] = 1;
        for (int j = n - 1; j >= 0; j--)
        {
            if (taus[j] == 0) continue;
            for (int c = 0; c < n; c++)
            {
                double s = 0;
                for (int i = 0; i <= n; i++) s += reflectors[i * n + j] * u[i * n + c];
                s *= taus[j];
                for (int i = 0; i <= n; i++) u[i * n + c] -= s * reflectors[i * n + j];
            }
        }
    }
}
