using System.Runtime.CompilerServices;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// The dense kernels of one step of the subspace engine (docs/theory/subspace.md §2) on the coordinate matrix X of
/// the weights in the moving frame [μ_1..μ_k, w_1..w_k, r̂]: X has 2k + 1 rows of k entries, row-major,
/// X[j·k + c] = coordinate j of x^c; rows 0..k−1 are the mean coordinates (X_{ac} = m_{ca}), rows k..2k−1 the
/// coordinates T in the frame w of the part of the weights orthogonal to the means, row 2k the coordinate along the
/// residual direction r̂ of the current noise (zero between steps). Spans in, caller-owned spans out, no allocation;
/// every size is a small fixed function of k, none depends on d.
/// </summary>
internal static class KgmmSubspaceKernels
{
    /// <summary>
    /// Logits of a step, ζ_c = x^c·(μ_b + σz) = X_{bc} + σ Σ_{j&lt;2k} g_j X_{jc} (subspace.md §2, eq. 2.1), with
    /// g the 2k frame coordinates of the standard normal noise z (the residual is orthogonal to every x^c).
    /// Returns whether all k logits are finite.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Logits(ReadOnlySpan<double> x, int k, int label, ReadOnlySpan<double> g, double sigma, Span<double> logits)
    {
        int n = 2 * k;
        bool finite = true;
        for (int c = 0; c < k; c++)
        {
            double projection = 0;
            for (int j = 0; j < n; j++) projection = Math.FusedMultiplyAdd(g[j], x[j * k + c], projection);
            double zeta = Math.FusedMultiplyAdd(sigma, projection, x[label * k + c]);
            logits[c] = zeta;
            finite &= double.IsFinite(zeta);
        }
        return finite;
    }

    /// <summary>
    /// The SGD update in frame coordinates (subspace.md §2, eq. 2.2), with a_c = −δ(π_c − δ_{bc}), s = 1 − δβ:
    /// mean rows X_{ac} ← s·X_{ac} + a_c(δ_{ab} + σg_a) (a &lt; k); frame rows X_{jc} ← s·X_{jc} + a_c σ g_j
    /// (k ≤ j &lt; 2k); residual row X_{2k,c} ← a_c σ ρ, with ρ = ‖r‖ the norm of the noise's residual.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update(Span<double> x, int k, int label, ReadOnlySpan<double> g, double sigma, double scale,
        double residualNorm, ReadOnlySpan<double> coefficients)
    {
        int n = 2 * k;
        for (int j = 0; j < n; j++)
        {
            double direction = sigma * g[j];
            if (j == label) direction += 1.0;
            var row = x.Slice(j * k, k);
            for (int c = 0; c < k; c++) row[c] = Math.FusedMultiplyAdd(scale, row[c], coefficients[c] * direction);
        }
        double residual = sigma * residualNorm;
        var last = x.Slice(n * k, k);
        for (int c = 0; c < k; c++) last[c] = coefficients[c] * residual;
    }

    /// <summary>
    /// Re-orthonormalisation of the frame (subspace.md §2, eq. 2.3): the (k + 1)×k block P of rows k..2k is reduced by
    /// k Householder reflections to [T'; 0], T' upper triangular, so P = U·T' with U ((k + 1)×k) orthonormal columns;
    /// the new frame is w' = [w, r̂]·U and the new frame coordinates are T'. Rows k..2k−1 receive T', row 2k becomes 0.
    /// A zero column is left as it is (its reflection is the identity): no numerical rank is ever decided, the frame
    /// keeps its 2k dimensions when the weights span fewer (subspace.md §6). When <paramref name="orthonormalFactor"/>
    /// is not empty ((k + 1)·k entries, row-major) it receives U (tests of the pathwise coupling).
    /// </summary>
    public static void Triangularise(Span<double> x, int k, Span<double> orthonormalFactor)
    {
        int first = k; // row of P's row 0
        bool keepFactor = !orthonormalFactor.IsEmpty;
        Span<double> reflectors = keepFactor ? stackalloc double[(k + 1) * k] : default;
        Span<double> taus = keepFactor ? stackalloc double[k] : default;
        for (int j = 0; j < k; j++)
        {
            // Column j, rows j..k of P.
            double normSquared = 0;
            for (int i = j; i <= k; i++)
            {
                double v = x[(first + i) * k + j];
                normSquared = Math.FusedMultiplyAdd(v, v, normSquared);
            }
            if (keepFactor) taus[j] = 0;
            if (normSquared == 0) continue;
            double x0 = x[(first + j) * k + j];
            double norm = Math.Sqrt(normSquared);
            double alpha = x0 >= 0 ? -norm : norm;
            double v0 = x0 - alpha;
            // vᵀv = ‖x‖² − 2αx_0 + α² = 2(‖x‖² − αx_0); H = I − τvvᵀ.
            double tau = 1.0 / (normSquared - alpha * x0);
            for (int c = j + 1; c < k; c++)
            {
                double s = v0 * x[(first + j) * k + c];
                for (int i = j + 1; i <= k; i++) s = Math.FusedMultiplyAdd(x[(first + i) * k + j], x[(first + i) * k + c], s);
                s *= tau;
                x[(first + j) * k + c] = Math.FusedMultiplyAdd(-s, v0, x[(first + j) * k + c]);
                for (int i = j + 1; i <= k; i++)
                    x[(first + i) * k + c] = Math.FusedMultiplyAdd(-s, x[(first + i) * k + j], x[(first + i) * k + c]);
            }
            if (keepFactor)
            {
                taus[j] = tau;
                for (int i = 0; i <= k; i++) reflectors[i * k + j] = i < j ? 0 : i == j ? v0 : x[(first + i) * k + j];
            }
            x[(first + j) * k + j] = alpha;
            for (int i = j + 1; i <= k; i++) x[(first + i) * k + j] = 0;
        }
        if (keepFactor) AccumulateFactor(reflectors, taus, k, orthonormalFactor);
    }

    /// <summary>U = H_0·H_1·…·H_{k−1} applied to the first k columns of I_{k+1}, H_j = I − τ_j v_j v_jᵀ.</summary>
    private static void AccumulateFactor(ReadOnlySpan<double> reflectors, ReadOnlySpan<double> taus, int k, Span<double> u)
    {
        if (u.Length != (k + 1) * k) throw new ArgumentException("the orthonormal factor needs (k + 1)·k entries", nameof(u));
        u.Clear();
        for (int c = 0; c < k; c++) u[c * k + c] = 1;
        for (int j = k - 1; j >= 0; j--)
        {
            if (taus[j] == 0) continue;
            for (int c = 0; c < k; c++)
            {
                double s = 0;
                for (int i = 0; i <= k; i++) s += reflectors[i * k + j] * u[i * k + c];
                s *= taus[j];
                for (int i = 0; i <= k; i++) u[i * k + c] -= s * reflectors[i * k + j];
            }
        }
    }

    /// <summary>
    /// Summary statistics from the coordinates (subspace.md §1): m_{ca} = X_{ac} (a &lt; k) and
    /// R_{ce} = Σ_{j&lt;2k} X_{jc} X_{je} (the frame is orthonormal), k×k row-major each.
    /// </summary>
    public static void Statistics(ReadOnlySpan<double> x, int k, Span<double> m, Span<double> r)
    {
        int n = 2 * k;
        for (int c = 0; c < k; c++)
        {
            for (int a = 0; a < k; a++) m[c * k + a] = x[a * k + c];
            for (int e = c; e < k; e++)
            {
                double s = 0;
                for (int j = 0; j < n; j++) s = Math.FusedMultiplyAdd(x[j * k + c], x[j * k + e], s);
                r[c * k + e] = r[e * k + c] = s;
            }
        }
    }
}
