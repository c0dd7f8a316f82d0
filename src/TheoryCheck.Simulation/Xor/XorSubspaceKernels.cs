using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.LinearAlgebra;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// The dense kernels of one step of the xor subspace engine (docs/theory/subspace.md §10.2) on the coordinates X of the
/// first layer in the moving frame [μ, ν, w_1..w_K, r̂]: X has K + 3 rows of K entries, row-major,
/// X[j·K + i] = coordinate j of W_i; row 0 holds m^μ (X_{0i} = W_i·μ), row 1 m^ν, rows 2..K+1 the coordinates T in the
/// frame w of the parts W_i⊥ orthogonal to μ and ν, row K + 2 the coordinate along the residual direction r̂ of the
/// current noise (zero between steps). The second layer v (K entries) is stored as is. Spans in, caller-owned spans
/// out, no allocation; every size is a small fixed function of K, none depends on d. The order of every floating-point
/// operation is fixed (written below), so a step is a pure function of its inputs.
/// </summary>
internal static class XorSubspaceKernels
{
    /// <summary>Outcome of one step.</summary>
    public enum Outcome
    {
        /// <summary>The step was done.</summary>
        Done,

        /// <summary>A pre-activation or the output is not finite: nothing was changed.</summary>
        NonFiniteOutput,

        /// <summary>The step was done but the new v is not finite.</summary>
        NonFiniteSecondLayer,
    }

    /// <summary>
    /// One SGD step (xor.md §3) in frame coordinates (subspace.md §10.2, eqs. 10.1–10.3), for cluster ϑ with
    /// (a_ϑ, b_ϑ) = (μ·ϑ, ν·ϑ), the n = K + 2 frame coordinates g of the standard normal noise z and the norm ρ of its
    /// residual:
    /// <code>
    /// y_j = σ g_j + ϑ_j  (ϑ_0 = a_ϑ, ϑ_1 = b_ϑ, ϑ_j = 0 for j ≥ 2)    frame coordinates of the sample X = ϑ + σz
    /// u_i = Σ_{j&lt;n} y_j X_{ji}                                        (= W_i·X; the residual is ⊥ every W_i)
    /// s = Σ_{u_i &gt; 0} v_i u_i,  e = σ(s) − y_ϑ
    /// c_i = −δ e v_i 1{u_i &gt; 0},  v_i ← v_i − δ(e 1{u_i &gt; 0} u_i + β v_i)
    /// X_{ji} ← fma(1 − δβ, X_{ji}, c_i y_j) (j &lt; n),   X_{n,i} = c_i σ ρ
    /// </code>
    /// then the (K + 1)×K block of rows 2..K+2 is re-triangularised by <see cref="AppendedRowQr"/> (eq. 10.3).
    /// <paramref name="scratch"/> holds at least n + 2K numbers. When <paramref name="orthonormalFactor"/> is not empty
    /// ((K + 1)·K entries) it receives the factor U of the re-orthonormalisation (new frame w' = [w, r̂]·U).
    /// </summary>
    /// <param name="x">Coordinates ((K + 3)·K entries), updated in place.</param>
    /// <param name="v">Second layer (K entries), updated in place.</param>
    /// <param name="k">Width K.</param>
    /// <param name="cluster">ϑ (0..3: +μ, −μ, +ν, −ν).</param>
    /// <param name="g">Frame coordinates of the noise z ~ N(0, I_d), K + 2 entries.</param>
    /// <param name="residualNorm">ρ = ‖z − Qg‖ (ρ² ~ χ²_{d−K−2}).</param>
    /// <param name="sigma">σ = λ^{-1/2}.</param>
    /// <param name="delta">δ = c_δ/d.</param>
    /// <param name="scale">1 − δβ.</param>
    /// <param name="beta">β.</param>
    /// <param name="scratch">Work space, ≥ K + 2 + 2K entries.</param>
    /// <param name="orthonormalFactor">Empty, or (K + 1)·K entries for U.</param>
    public static Outcome Step(Span<double> x, Span<double> v, int k, int cluster, ReadOnlySpan<double> g, double residualNorm,
        double sigma, double delta, double scale, double beta, Span<double> scratch, Span<double> orthonormalFactor)
    {
        int n = k + 2;
        var y = scratch[..n];
        var u = scratch.Slice(n, k);
        var coefficients = scratch.Slice(n + k, k);
        y[0] = Math.FusedMultiplyAdd(sigma, g[0], XorClusters.MuCoordinate(cluster));
        y[1] = Math.FusedMultiplyAdd(sigma, g[1], XorClusters.NuCoordinate(cluster));
        for (int j = 2; j < n; j++) y[j] = sigma * g[j];
        u.Clear();
        for (int j = 0; j < n; j++)
        {
            double yj = y[j];
            var row = x.Slice(j * k, k);
            for (int i = 0; i < k; i++) u[i] = Math.FusedMultiplyAdd(yj, row[i], u[i]);
        }
        double output = 0;
        bool finite = true;
        for (int i = 0; i < k; i++)
        {
            if (u[i] > 0) output += v[i] * u[i];
            finite &= double.IsFinite(u[i]);
        }
        if (!finite || !double.IsFinite(output)) return Outcome.NonFiniteOutput;
        double e = XorSample.Error(output, XorClusters.Label(cluster));
        bool finiteV = true;
        for (int i = 0; i < k; i++)
        {
            double active = u[i] > 0 ? 1.0 : 0.0;
            coefficients[i] = -delta * e * v[i] * active;          // W_i: −δ e v_i 1_i (old v), as XorSgdSimulation
            v[i] -= delta * (e * active * u[i] + beta * v[i]);      // v_i ← v_i − δ(e g(u_i) + β v_i)
            finiteV &= double.IsFinite(v[i]);
        }
        for (int j = 0; j < n; j++)
        {
            double yj = y[j];
            var row = x.Slice(j * k, k);
            for (int i = 0; i < k; i++) row[i] = Math.FusedMultiplyAdd(scale, row[i], coefficients[i] * yj);
        }
        double residual = sigma * residualNorm;
        var last = x.Slice(n * k, k);
        for (int i = 0; i < k; i++) last[i] = coefficients[i] * residual;
        AppendedRowQr.Triangularise(x.Slice(2 * k, (k + 1) * k), k, orthonormalFactor);
        return finiteV ? Outcome.Done : Outcome.NonFiniteSecondLayer;
    }

    /// <summary>
    /// Summary statistics from the coordinates (subspace.md §10.1, eq. 10.0): m^μ_i = X_{0i}, m^ν_i = X_{1i} and
    /// R⊥_ij = Σ_{2≤j'&lt;K+2} X_{j'i} X_{j'j} (the frame is orthonormal and w ⊥ μ, ν); R⊥ is K×K row-major, symmetric.
    /// </summary>
    public static void Statistics(ReadOnlySpan<double> x, int k, Span<double> mmu, Span<double> mnu, Span<double> rperp)
    {
        int n = k + 2;
        for (int i = 0; i < k; i++)
        {
            mmu[i] = x[i];
            mnu[i] = x[k + i];
            for (int j = i; j < k; j++)
            {
                double s = 0;
                for (int row = 2; row < n; row++) s = Math.FusedMultiplyAdd(x[row * k + i], x[row * k + j], s);
                rperp[i * k + j] = rperp[j * k + i] = s;
            }
        }
    }
}
