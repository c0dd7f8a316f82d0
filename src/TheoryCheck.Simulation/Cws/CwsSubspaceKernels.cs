using TheoryCheck.Numerics.LinearAlgebra;

namespace TheoryCheck.Simulation.Cws;

/// <summary>
/// The dense kernels of one step of the cws subspace engine (docs/theory/subspace.md §11.2) on the coordinates of X in the
/// frame [e^Z_1..e^Z_{k_Z}, e^N_1..e^N_{k_N}, w, r̂] (<see cref="CwsSubspaceGeometry"/>): x[0..k_Z) = α^Z (clean block),
/// x[k_Z..k_Z+k_N) = α^N (fixed noisy directions), x[k_Z+k_N] = τ (along the moving direction w; 0 when there is none),
/// x[k_Z+k_N+1] the coordinate along the residual direction r̂ of the current noise (zero between steps). Spans in,
/// caller-owned spans out, no allocation; every size is a small fixed function of the mixture, none depends on d. The
/// order of every floating-point operation is fixed (written below), so a step is a pure function of its inputs.
/// </summary>
internal static class CwsSubspaceKernels
{
    /// <summary>
    /// One SGD step (cws.md §1) in frame coordinates (subspace.md eqs. 11.1–11.3), for class c with labels y_c, step
    /// η = γ_ℓ/d, the n_N noisy-block frame coordinates g of the noise z and the norm ρ of its residual:
    /// <code>
    /// r = Σ_k fma(α^Z_k, A^Z_{ck}) + Σ_k fma(α^N_k, A^N_{ck} + g_k) + τ·g_{k_N}        (= ⟨X, m_c + P_N z⟩)
    /// ℓ′ = σ(r) − y_c (logistic) or r − y_c (squares),   h = −η·ℓ′
    /// α^Z_k ← fma(h, A^Z_{ck}, α^Z_k),   α^N_k ← fma(h, A^N_{ck} + g_k, α^N_k)
    /// [τ; 0] ← QR of [fma(h, g_{k_N}, τ); h·ρ]                                        (moving direction only)
    /// </code>
    /// the last line by <see cref="AppendedRowQr"/> with one column (w' = [w, r̂]·U). Returns false (state unchanged) when
    /// r is not finite. When <paramref name="orthonormalFactor"/> is not empty (2 entries) it receives U.
    /// </summary>
    public static bool Step(Span<double> x, int cleanRank, int noisyRank, bool moving, ReadOnlySpan<double> cleanMeans,
        ReadOnlySpan<double> noisyMeans, int c, double label, bool logistic, double eta, ReadOnlySpan<double> g,
        double residualNorm, Span<double> orthonormalFactor)
    {
        var cleanRow = cleanMeans.Slice(c * cleanRank, cleanRank);
        var noisyRow = noisyMeans.Slice(c * noisyRank, noisyRank);
        var alphaZ = x[..cleanRank];
        var alphaN = x.Slice(cleanRank, noisyRank);
        int t = cleanRank + noisyRank;
        double r = 0;
        for (int k = 0; k < cleanRank; k++) r = Math.FusedMultiplyAdd(alphaZ[k], cleanRow[k], r);
        for (int k = 0; k < noisyRank; k++) r = Math.FusedMultiplyAdd(alphaN[k], noisyRow[k] + g[k], r);
        if (moving) r = Math.FusedMultiplyAdd(x[t], g[noisyRank], r);
        if (!double.IsFinite(r)) return false;
        double gradient = logistic ? Sigmoid(r) - label : r - label;
        double h = -eta * gradient;
        for (int k = 0; k < cleanRank; k++) alphaZ[k] = Math.FusedMultiplyAdd(h, cleanRow[k], alphaZ[k]);
        for (int k = 0; k < noisyRank; k++) alphaN[k] = Math.FusedMultiplyAdd(h, noisyRow[k] + g[k], alphaN[k]);
        if (moving)
        {
            x[t] = Math.FusedMultiplyAdd(h, g[noisyRank], x[t]);
            x[t + 1] = h * residualNorm;
            AppendedRowQr.Triangularise(x.Slice(t, 2), 1, orthonormalFactor);
        }
        return true;
    }

    /// <summary>The logistic σ(r) = 1/(1 + e^{−r}), evaluated as the full engine does (no overflow for large |r|).</summary>
    public static double Sigmoid(double r)
    {
        double e = Math.Exp(-Math.Abs(r));
        return r >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /// <summary>
    /// The closure statistics from the coordinates (subspace.md eq. 11.0): M_c = Σ_k α^Z_k A^Z_{ck} + Σ_k α^N_k A^N_{ck}
    /// (w ⊥ every P_N m_c), S_c = Σ_k (α^N_k)² + τ² (= Σ_i λ_i X_i², λ = 1 on N, 0 on Z; the same for every class),
    /// ‖X‖² = Σ_k (α^Z_k)² + S, ⟨X, μ⟩ and Σ_{i∈𝒞} X_i μ_i = ⟨X, s⟩ from the read-outs ⟨e_k, μ⟩, ⟨e_k, s⟩ (w ⊥ P_N μ, P_N s).
    /// </summary>
    public static void Statistics(ReadOnlySpan<double> x, CwsSubspaceGeometry geometry, Span<double> classMeans,
        Span<double> classVariances, out double norm2, out double overlap, out double cleanOverlap)
    {
        int kz = geometry.CleanRank, kn = geometry.NoisyRank;
        var alphaZ = x[..kz];
        var alphaN = x.Slice(kz, kn);
        double tau = geometry.HasMovingDirection ? x[kz + kn] : 0;
        for (int c = 0; c < geometry.Classes; c++)
        {
            double m = 0;
            var cleanRow = geometry.CleanMeans.Slice(c * kz, kz);
            var noisyRow = geometry.NoisyMeans.Slice(c * kn, kn);
            for (int k = 0; k < kz; k++) m = Math.FusedMultiplyAdd(alphaZ[k], cleanRow[k], m);
            for (int k = 0; k < kn; k++) m = Math.FusedMultiplyAdd(alphaN[k], noisyRow[k], m);
            classMeans[c] = m;
        }
        double noisy = tau * tau;
        for (int k = 0; k < kn; k++) noisy = Math.FusedMultiplyAdd(alphaN[k], alphaN[k], noisy);
        classVariances[..geometry.Classes].Fill(noisy);
        double total = noisy;
        for (int k = 0; k < kz; k++) total = Math.FusedMultiplyAdd(alphaZ[k], alphaZ[k], total);
        norm2 = total;
        overlap = Readout(alphaZ, alphaN, geometry.SignalClean, geometry.SignalNoisy);
        cleanOverlap = Readout(alphaZ, alphaN, geometry.CleanSetClean, geometry.CleanSetNoisy);
    }

    private static double Readout(ReadOnlySpan<double> alphaZ, ReadOnlySpan<double> alphaN, ReadOnlySpan<double> clean, ReadOnlySpan<double> noisy)
    {
        double s = 0;
        for (int k = 0; k < alphaZ.Length; k++) s = Math.FusedMultiplyAdd(alphaZ[k], clean[k], s);
        for (int k = 0; k < alphaN.Length; k++) s = Math.FusedMultiplyAdd(alphaN[k], noisy[k], s);
        return s;
    }
}
