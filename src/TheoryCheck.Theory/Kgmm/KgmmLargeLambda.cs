using TheoryCheck.Models.Kgmm;

namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// The λ → ∞ limit of the kgmm ODE (kgmm.md §8.1, orthonormal means, d → ∞ first): ξ → 0 and all 1/λ terms vanish,
/// <code>
/// dm_{ca}/dt = p_a (δ_{ac} − π_c(m_{·a})) − β m_{ca},     dR⊥/dt = −2β R⊥.
/// </code>
/// Each column m_{·a} is the gradient flow of the strictly convex f_a(v) = (β/2)‖v‖² + p_a(log Σ_e e^{v_e} − v_a),
/// so for β &gt; 0 there is a unique global attractor; <see cref="FixedPoint"/> finds it by damped Newton per column.
/// </summary>
public static class KgmmLargeLambda
{
    /// <summary>Writes dm/dt of the reduced ODE (§8.1) for m (k×k row-major) into <paramref name="derivative"/>.</summary>
    public static void Derivative(KgmmParameters parameters, ReadOnlySpan<double> m, Span<double> derivative)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int k = parameters.K;
        if (m.Length != k * k || derivative.Length != k * k) throw new ArgumentException("m and dm/dt must be k×k");
        Span<double> column = stackalloc double[k];
        Span<double> pi = stackalloc double[k];
        for (int a = 0; a < k; a++)
        {
            for (int c = 0; c < k; c++) column[c] = m[c * k + a];
            KgmmSample.Softmax(column, pi);
            double pa = parameters.Probabilities[a];
            for (int c = 0; c < k; c++) derivative[c * k + a] = pa * ((a == c ? 1 : 0) - pi[c]) - parameters.Beta * column[c];
        }
    }

    /// <summary>
    /// The unique fixed point β m_{ca} = p_a(δ_{ac} − π_c(m_{·a})) of the reduced ODE (β &gt; 0), by damped Newton on
    /// each column (Hessian βI + p_a(diag π − ππᵀ), positive definite). Converged to ‖gradient‖_∞ ≤ 1e-14.
    /// </summary>
    /// <returns>m (k×k row-major) and the largest final gradient norm.</returns>
    public static (double[] M, double Residual) FixedPoint(KgmmParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(parameters.Beta > 0)) throw new ArgumentException("the λ = ∞ fixed point needs β > 0", nameof(parameters));
        int k = parameters.K;
        double beta = parameters.Beta;
        var m = new double[k * k];
        double worst = 0;
        var v = new double[k];
        var pi = new double[k];
        var gradient = new double[k];
        var trial = new double[k];
        for (int a = 0; a < k; a++)
        {
            double pa = parameters.Probabilities[a];
            Array.Clear(v);
            double Objective(double[] x)
            {
                double lse = KgmmSample.Softmax(x, pi), s = 0;
                foreach (double t in x) s += t * t;
                return 0.5 * beta * s + pa * (lse - x[a]);
            }
            double gnorm = double.PositiveInfinity;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                KgmmSample.Softmax(v, pi);
                gnorm = 0;
                for (int c = 0; c < k; c++)
                {
                    gradient[c] = beta * v[c] + pa * (pi[c] - (c == a ? 1 : 0));
                    gnorm = Math.Max(gnorm, Math.Abs(gradient[c]));
                }
                if (gnorm <= 1e-14) break;
                var hessian = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(k, k,
                    (i, j) => (i == j ? beta + pa * pi[i] : 0) - pa * pi[i] * pi[j]);
                var step = hessian.Cholesky().Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(gradient));
                double f0 = Objective(v), slope = 0;
                for (int c = 0; c < k; c++) slope -= gradient[c] * step[c];
                double t = 1;
                // Near the root the objective cannot resolve the decrease (round-off): take full Newton steps there.
                for (int backtrack = 0; backtrack < 60 && gnorm > 1e-6; backtrack++, t *= 0.5)
                {
                    for (int c = 0; c < k; c++) trial[c] = v[c] - t * step[c];
                    if (Objective(trial) <= f0 + 1e-4 * t * slope || t < 1e-12) break;
                }
                if (gnorm <= 1e-6) for (int c = 0; c < k; c++) trial[c] = v[c] - step[c];
                Array.Copy(trial, v, k);
            }
            worst = Math.Max(worst, gnorm);
            for (int c = 0; c < k; c++) m[c * k + a] = v[c];
        }
        return (m, worst);
    }

    /// <summary>
    /// Ḡ_∞ = Σ_b p_b (π(m_{·b}) − e_b)(π(m_{·b}) − e_b)ᵀ and H̄_∞ = Σ_b p_b (diag π_b − π_bπ_bᵀ) at a given m (λ = ∞:
    /// ξ = 0), k×k row-major.
    /// </summary>
    public static (double[] HBar, double[] GBar) Moments(KgmmParameters parameters, ReadOnlySpan<double> m)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int k = parameters.K;
        var h = new double[k * k];
        var g = new double[k * k];
        var column = new double[k];
        var pi = new double[k];
        for (int b = 0; b < k; b++)
        {
            for (int c = 0; c < k; c++) column[c] = m[c * k + b];
            KgmmSample.Softmax(column, pi);
            double pb = parameters.Probabilities[b];
            for (int c = 0; c < k; c++)
                for (int e = 0; e < k; e++)
                {
                    h[c * k + e] += pb * ((c == e ? pi[c] : 0) - pi[c] * pi[e]);
                    g[c * k + e] += pb * (pi[c] - (c == b ? 1 : 0)) * (pi[e] - (e == b ? 1 : 0));
                }
        }
        return (h, g);
    }

    /// <summary>
    /// Large-λ stationary perpendicular Gram matrix R⊥_∞ ≈ c_δ Ḡ_∞/(2βλ) (§8.3), Ḡ_∞ at the λ = ∞ fixed point
    /// (k×k row-major; zero along **1** because Ḡ_∞**1** = 0).
    /// </summary>
    public static double[] StationaryPerp(KgmmParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var (m, _) = FixedPoint(parameters);
        var (_, g) = Moments(parameters, m);
        double scale = parameters.CDelta / (2 * parameters.Beta * parameters.Lambda);
        for (int i = 0; i < g.Length; i++) g[i] *= scale;
        return g;
    }
}
