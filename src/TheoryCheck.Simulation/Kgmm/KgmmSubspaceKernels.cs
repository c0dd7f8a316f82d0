using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TheoryCheck.Numerics.LinearAlgebra;
using TheoryCheck.Simulation.Common;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// The dense kernels of one step of the subspace engine (docs/theory/subspace.md §2) on the coordinate matrix X of
/// the weights in the moving frame [μ_1..μ_k, w_1..w_k, r̂]: X has 2k + 1 rows of k entries, row-major,
/// X[j·k + c] = coordinate j of x^c; rows 0..k−1 are the mean coordinates (X_{ac} = m_{ca}), rows k..2k−1 the
/// coordinates T in the frame w of the part of the weights orthogonal to the means, row 2k the coordinate along the
/// residual direction r̂ of the current noise (zero between steps). Spans in, caller-owned spans out, no allocation;
/// every size is a small fixed function of k, none depends on d. The order of every floating-point operation is
/// fixed (written out below), so a step is a pure function of its inputs on every machine with IEEE fma.
/// </summary>
internal static class KgmmSubspaceKernels
{
    /// <summary>
    /// One step (subspace.md §2, eqs. 2.1–2.3) on X (length (2k + 1)·k) with label b, the 2k frame coordinates g of the
    /// standard normal noise and the norm ρ of its residual; returns false, with X unchanged, when a logit is not
    /// finite. <paramref name="scratch"/> holds at least 2k numbers. When <paramref name="orthonormalFactor"/> is not
    /// empty it receives the factor U of the re-orthonormalisation (<see cref="Triangularise"/>).
    /// </summary>
    /// <param name="x">Coordinates, updated in place.</param>
    /// <param name="k">Number of classes.</param>
    /// <param name="label">b (0-based).</param>
    /// <param name="g">Frame coordinates of the noise z ~ N(0, I_d), length 2k.</param>
    /// <param name="residualNorm">ρ = ‖z − Qg‖ (ρ² ~ χ²_{d−2k}).</param>
    /// <param name="sigma">σ = λ^{-1/2}.</param>
    /// <param name="delta">δ = c_δ/d.</param>
    /// <param name="scale">s = 1 − δβ.</param>
    /// <param name="scratch">Work space, ≥ 2k entries.</param>
    /// <param name="orthonormalFactor">Empty, or (k + 1)·k entries for U.</param>
    public static bool Step(Span<double> x, int k, int label, ReadOnlySpan<double> g, double residualNorm, double sigma,
        double delta, double scale, Span<double> scratch, Span<double> orthonormalFactor)
    {
        var logits = scratch[..k];
        var coefficients = scratch.Slice(k, k);
        if (!Logits(x, k, label, g, sigma, logits)) return false;
        Coefficients(logits, label, delta, coefficients);
        Update(x, k, label, g, sigma, scale, residualNorm, coefficients);
        Triangularise(x, k, orthonormalFactor);
        return true;
    }

    /// <summary>
    /// <paramref name="count"/> steps for k = 3 with the coordinates held in registers: the same operations in the same
    /// order as <see cref="Step"/> (so the same bits), written out for the 6×3 coordinate matrix. Step i uses the class
    /// indicator δ_{jb} (j = 0..2) at <paramref name="indicators"/>[3i..3i+3), the noise coordinates at
    /// <paramref name="noise"/>[6i..6i+6) and the residual norm <paramref name="residualNorms"/>[i]. Returns the number of
    /// steps done: <paramref name="count"/>, or the index of the first step whose logits are not finite (X is then the
    /// state before that step).
    /// </summary>
    public static int Advance3(Span<double> x, ReadOnlySpan<double> indicators, ReadOnlySpan<double> noise,
        ReadOnlySpan<double> residualNorms, int count, double sigma, double delta, double scale)
    {
        if (x.Length < 21 || indicators.Length < 3 * count || noise.Length < 6 * count || residualNorms.Length < count)
            throw new ArgumentException("spans too short for k = 3");
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double ir = ref MemoryMarshal.GetReference(indicators);
        ref double gr = ref MemoryMarshal.GetReference(noise);
        ref double rr = ref MemoryMarshal.GetReference(residualNorms);
        // Rows 0..2: mean coordinates X_{ac}; rows 3..5: frame coordinates T_{ic}.
        double m00 = xr, m01 = Unsafe.Add(ref xr, 1), m02 = Unsafe.Add(ref xr, 2);
        double m10 = Unsafe.Add(ref xr, 3), m11 = Unsafe.Add(ref xr, 4), m12 = Unsafe.Add(ref xr, 5);
        double m20 = Unsafe.Add(ref xr, 6), m21 = Unsafe.Add(ref xr, 7), m22 = Unsafe.Add(ref xr, 8);
        double t00 = Unsafe.Add(ref xr, 9), t01 = Unsafe.Add(ref xr, 10), t02 = Unsafe.Add(ref xr, 11);
        double t10 = Unsafe.Add(ref xr, 12), t11 = Unsafe.Add(ref xr, 13), t12 = Unsafe.Add(ref xr, 14);
        double t20 = Unsafe.Add(ref xr, 15), t21 = Unsafe.Add(ref xr, 16), t22 = Unsafe.Add(ref xr, 17);
        int done = 0;
        for (; done < count; done++)
        {
            ref double g = ref Unsafe.Add(ref gr, 6 * done);
            ref double o = ref Unsafe.Add(ref ir, 3 * done);
            double g0 = g, g1 = Unsafe.Add(ref g, 1), g2 = Unsafe.Add(ref g, 2);
            double g3 = Unsafe.Add(ref g, 3), g4 = Unsafe.Add(ref g, 4), g5 = Unsafe.Add(ref g, 5);
            double o0 = o, o1 = Unsafe.Add(ref o, 1), o2 = Unsafe.Add(ref o, 2);

            // Logits (eq. 2.1): even rows 0, 2, 4 and odd rows 1, 3, 5; X_{bc} selected exactly by the indicator.
            double z0 = Math.FusedMultiplyAdd(sigma,
                Math.FusedMultiplyAdd(g4, t10, Math.FusedMultiplyAdd(g2, m20, Math.FusedMultiplyAdd(g0, m00, 0.0)))
                + Math.FusedMultiplyAdd(g5, t20, Math.FusedMultiplyAdd(g3, t00, Math.FusedMultiplyAdd(g1, m10, 0.0))),
                Select(o0, o1, o2, m00, m10, m20));
            double z1 = Math.FusedMultiplyAdd(sigma,
                Math.FusedMultiplyAdd(g4, t11, Math.FusedMultiplyAdd(g2, m21, Math.FusedMultiplyAdd(g0, m01, 0.0)))
                + Math.FusedMultiplyAdd(g5, t21, Math.FusedMultiplyAdd(g3, t01, Math.FusedMultiplyAdd(g1, m11, 0.0))),
                Select(o0, o1, o2, m01, m11, m21));
            double z2 = Math.FusedMultiplyAdd(sigma,
                Math.FusedMultiplyAdd(g4, t12, Math.FusedMultiplyAdd(g2, m22, Math.FusedMultiplyAdd(g0, m02, 0.0)))
                + Math.FusedMultiplyAdd(g5, t22, Math.FusedMultiplyAdd(g3, t02, Math.FusedMultiplyAdd(g1, m12, 0.0))),
                Select(o0, o1, o2, m02, m12, m22));
            if (!(double.IsFinite(z0) & double.IsFinite(z1) & double.IsFinite(z2))) break;

            // Coefficients a_c = −δ(π_c − δ_{bc}).
            double max = double.MaxNative(double.MaxNative(z0, z1), z2);
            double e0 = FixedOrderExp.Exp(z0 - max), e1 = FixedOrderExp.Exp(z1 - max), e2 = FixedOrderExp.Exp(z2 - max);
            double inverse = 1.0 / (e0 + e1 + e2);
            double a0 = -delta * (e0 * inverse - o0);
            double a1 = -delta * (e1 * inverse - o1);
            double a2 = -delta * (e2 * inverse - o2);

            // Update (eq. 2.2).
            double u = Math.FusedMultiplyAdd(sigma, g0, o0);
            m00 = Math.FusedMultiplyAdd(scale, m00, a0 * u); m01 = Math.FusedMultiplyAdd(scale, m01, a1 * u); m02 = Math.FusedMultiplyAdd(scale, m02, a2 * u);
            u = Math.FusedMultiplyAdd(sigma, g1, o1);
            m10 = Math.FusedMultiplyAdd(scale, m10, a0 * u); m11 = Math.FusedMultiplyAdd(scale, m11, a1 * u); m12 = Math.FusedMultiplyAdd(scale, m12, a2 * u);
            u = Math.FusedMultiplyAdd(sigma, g2, o2);
            m20 = Math.FusedMultiplyAdd(scale, m20, a0 * u); m21 = Math.FusedMultiplyAdd(scale, m21, a1 * u); m22 = Math.FusedMultiplyAdd(scale, m22, a2 * u);
            u = Math.FusedMultiplyAdd(sigma, g3, 0.0);
            double p00 = Math.FusedMultiplyAdd(scale, t00, a0 * u), p01 = Math.FusedMultiplyAdd(scale, t01, a1 * u), p02 = Math.FusedMultiplyAdd(scale, t02, a2 * u);
            u = Math.FusedMultiplyAdd(sigma, g4, 0.0);
            double p10 = Math.FusedMultiplyAdd(scale, t10, a0 * u), p11 = Math.FusedMultiplyAdd(scale, t11, a1 * u), p12 = Math.FusedMultiplyAdd(scale, t12, a2 * u);
            u = Math.FusedMultiplyAdd(sigma, g5, 0.0);
            double p20 = Math.FusedMultiplyAdd(scale, t20, a0 * u), p21 = Math.FusedMultiplyAdd(scale, t21, a1 * u), p22 = Math.FusedMultiplyAdd(scale, t22, a2 * u);
            double residual = sigma * Unsafe.Add(ref rr, done);
            double p30 = a0 * residual, p31 = a1 * residual, p32 = a2 * residual;

            // Re-orthonormalisation (eq. 2.3), reflection 0: column 0, rows 0..3.
            double normSquared = Math.FusedMultiplyAdd(p20, p20, Math.FusedMultiplyAdd(p00, p00, 0.0))
                + Math.FusedMultiplyAdd(p30, p30, Math.FusedMultiplyAdd(p10, p10, 0.0));
            if (normSquared != 0)
            {
                double alpha = -Math.CopySign(Math.Sqrt(normSquared), p00);
                double v0 = p00 - alpha;
                double tau = 1.0 / Math.FusedMultiplyAdd(-alpha, p00, normSquared);
                double s1 = Math.FusedMultiplyAdd(v0, p01, Math.FusedMultiplyAdd(p30, p31, Math.FusedMultiplyAdd(p20, p21, Math.FusedMultiplyAdd(p10, p11, 0.0)))) * tau;
                double s2 = Math.FusedMultiplyAdd(v0, p02, Math.FusedMultiplyAdd(p30, p32, Math.FusedMultiplyAdd(p20, p22, Math.FusedMultiplyAdd(p10, p12, 0.0)))) * tau;
                p01 = Math.FusedMultiplyAdd(-s1, v0, p01);
                p11 = Math.FusedMultiplyAdd(-s1, p10, p11);
                p21 = Math.FusedMultiplyAdd(-s1, p20, p21);
                p31 = Math.FusedMultiplyAdd(-s1, p30, p31);
                p02 = Math.FusedMultiplyAdd(-s2, v0, p02);
                p12 = Math.FusedMultiplyAdd(-s2, p10, p12);
                p22 = Math.FusedMultiplyAdd(-s2, p20, p22);
                p32 = Math.FusedMultiplyAdd(-s2, p30, p32);
                p00 = alpha;
                p10 = 0;
                p20 = 0;
            }
            // Reflection 1: column 1, rows 1..3.
            normSquared = Math.FusedMultiplyAdd(p31, p31, Math.FusedMultiplyAdd(p11, p11, 0.0)) + Math.FusedMultiplyAdd(p21, p21, 0.0);
            if (normSquared != 0)
            {
                double alpha = -Math.CopySign(Math.Sqrt(normSquared), p11);
                double v0 = p11 - alpha;
                double tau = 1.0 / Math.FusedMultiplyAdd(-alpha, p11, normSquared);
                double s2 = Math.FusedMultiplyAdd(v0, p12, Math.FusedMultiplyAdd(p31, p32, Math.FusedMultiplyAdd(p21, p22, 0.0))) * tau;
                p12 = Math.FusedMultiplyAdd(-s2, v0, p12);
                p22 = Math.FusedMultiplyAdd(-s2, p21, p22);
                p32 = Math.FusedMultiplyAdd(-s2, p31, p32);
                p11 = alpha;
                p21 = 0;
            }
            // Reflection 2: column 2, rows 2..3.
            normSquared = Math.FusedMultiplyAdd(p22, p22, 0.0) + Math.FusedMultiplyAdd(p32, p32, 0.0);
            if (normSquared != 0) p22 = -Math.CopySign(Math.Sqrt(normSquared), p22);
            t00 = p00; t01 = p01; t02 = p02;
            t10 = p10; t11 = p11; t12 = p12;
            t20 = p20; t21 = p21; t22 = p22;
        }
        xr = m00; Unsafe.Add(ref xr, 1) = m01; Unsafe.Add(ref xr, 2) = m02;
        Unsafe.Add(ref xr, 3) = m10; Unsafe.Add(ref xr, 4) = m11; Unsafe.Add(ref xr, 5) = m12;
        Unsafe.Add(ref xr, 6) = m20; Unsafe.Add(ref xr, 7) = m21; Unsafe.Add(ref xr, 8) = m22;
        Unsafe.Add(ref xr, 9) = t00; Unsafe.Add(ref xr, 10) = t01; Unsafe.Add(ref xr, 11) = t02;
        Unsafe.Add(ref xr, 12) = t10; Unsafe.Add(ref xr, 13) = t11; Unsafe.Add(ref xr, 14) = t12;
        Unsafe.Add(ref xr, 15) = t20; Unsafe.Add(ref xr, 16) = t21; Unsafe.Add(ref xr, 17) = t22;
        Unsafe.Add(ref xr, 18) = 0; Unsafe.Add(ref xr, 19) = 0; Unsafe.Add(ref xr, 20) = 0;
        return done;
    }

    /// <summary>The entry of (y_0, y_1, y_2) picked by a class indicator (o_0, o_1, o_2) ∈ {e_0, e_1, e_2}, exactly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Select(double o0, double o1, double o2, double y0, double y1, double y2) =>
        Math.FusedMultiplyAdd(o0, y0, Math.FusedMultiplyAdd(o1, y1, o2 * y2));

    /// <summary>
    /// Logits of a step, ζ_c = x^c·(μ_b + σz) = X_{bc} + σ Σ_{j&lt;2k} g_j X_{jc} (subspace.md §2, eq. 2.1), with
    /// g the 2k frame coordinates of the standard normal noise z (the residual is orthogonal to every x^c). The sum is
    /// accumulated with fma in two partial sums (even and odd j) added at the end. Returns whether all k logits are finite.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Logits(ReadOnlySpan<double> x, int k, int label, ReadOnlySpan<double> g, double sigma, Span<double> logits)
    {
        int n = 2 * k;
        bool finite = true;
        for (int c = 0; c < k; c++)
        {
            double even = 0, odd = 0;
            for (int j = 0; j < n; j += 2)
            {
                even = Math.FusedMultiplyAdd(g[j], x[j * k + c], even);
                odd = Math.FusedMultiplyAdd(g[j + 1], x[(j + 1) * k + c], odd);
            }
            double zeta = Math.FusedMultiplyAdd(sigma, even + odd, x[label * k + c]);
            logits[c] = zeta;
            finite &= double.IsFinite(zeta);
        }
        return finite;
    }

    /// <summary>
    /// The gradient coefficients a_c = −δ(π_c − δ_{bc}) of the update, with the softmax π_c = e_c/Σ_e e_e,
    /// e_c = exp(ζ_c − max ζ) (<see cref="FixedOrderExp"/>; the sum in class order, one division 1/Σ then products).
    /// The logits must be finite.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Coefficients(Span<double> logits, int label, double delta, Span<double> coefficients)
    {
        int k = logits.Length;
        double max = logits[0];
        for (int c = 1; c < k; c++) max = double.MaxNative(max, logits[c]);
        double sum = 0;
        for (int c = 0; c < k; c++)
        {
            double e = FixedOrderExp.Exp(logits[c] - max);
            coefficients[c] = e;
            sum += e;
        }
        double inverse = 1.0 / sum;
        for (int c = 0; c < k; c++)
        {
            double pi = coefficients[c] * inverse;
            coefficients[c] = -delta * (pi - (c == label ? 1.0 : 0.0));
        }
    }

    /// <summary>
    /// The SGD update in frame coordinates (subspace.md §2, eq. 2.2), with a_c = −δ(π_c − δ_{bc}), s = 1 − δβ:
    /// X_{jc} ← fma(s, X_{jc}, a_c·u_j) with u_j = σg_j + δ_{jb} (rows j &lt; 2k: means, then frame); residual row
    /// X_{2k,c} ← a_c·(σρ), with ρ = ‖r‖ the norm of the noise's residual.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update(Span<double> x, int k, int label, ReadOnlySpan<double> g, double sigma, double scale,
        double residualNorm, ReadOnlySpan<double> coefficients)
    {
        int n = 2 * k;
        for (int j = 0; j < n; j++)
        {
            double direction = Math.FusedMultiplyAdd(sigma, g[j], j == label ? 1.0 : 0.0);
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
    /// The arithmetic is <see cref="AppendedRowQr.Triangularise"/> (shared with the xor engine); a zero column is left as
    /// it is: no numerical rank is ever decided, and the frame keeps its 2k dimensions when the weights span fewer
    /// (subspace.md §6). When <paramref name="orthonormalFactor"/> is not empty ((k + 1)·k entries, row-major) it receives
    /// U (tests of the pathwise coupling).
    /// </summary>
    public static void Triangularise(Span<double> x, int k, Span<double> orthonormalFactor) =>
        AppendedRowQr.Triangularise(x.Slice(k * k, (k + 1) * k), k, orthonormalFactor);

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
