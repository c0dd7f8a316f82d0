using MathNet.Numerics.LinearAlgebra;
using TheoryCheck.Models.Cws;

namespace TheoryCheck.Theory.Cws;

/// <summary>
/// Closed forms of the <c>cws</c> theory (cws.md §5, §7, §8; docs/theory/cws.md §5, §5.2, §7, §8): least-squares
/// minimiser and minimal risk, stability of least-squares SGD (the exact noise-feedback criterion and cws.md's trace
/// criterion), stationary risk of the ODE and cws.md's floor amplification, the zero-one scaling-law product and the
/// power-law separability criterion.
/// </summary>
public static class CwsClosedForms
{
    /// <summary>
    /// The least-squares minimiser (docs/theory/cws.md §5): in the mean basis (K = rank of the means) with A = SᵀPS,
    /// c = SᵀPy, H = Σ_{λ̄_i &gt; 0} u_i u_iᵀ/λ̄_i and R_Z = span{u_i : λ̄_i = 0}, the overlaps g* = U X* solve
    /// (A + L) g* = c with L = Q(QᵀHQ)⁻¹Qᵀ, Q an orthonormal basis of R_Z^⊥ (L = H⁻¹ when no mode has zero variance);
    /// then X*_i = −(Σ_k u_{k,i} D_k)/λ̄_i with D = A g* − c, and the minimum-norm X* on the zero-variance modes.
    /// </summary>
    public static CwsLeastSquaresMinimum LeastSquaresMinimum(CwsMixture mixture)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        int d = mixture.Dimension, k = mixture.BasisCount, classes = mixture.Classes;
        var p = mixture.Probabilities.ToArray();
        var y = mixture.Labels.ToArray();
        var lambdaBar = mixture.AverageVariance;
        var x = new double[d];
        if (k > 0)
        {
            var s = Matrix<double>.Build.Dense(classes, k, (c, j) => mixture.Coefficients[c * k + j]);
            var pDiag = Matrix<double>.Build.Diagonal(classes, classes, c => p[c]);
            var a = s.Transpose() * pDiag * s;
            var cVec = s.Transpose() * pDiag * Vector<double>.Build.Dense(classes, c => y[c]);
            var h = Matrix<double>.Build.Dense(k, k);
            var z = Matrix<double>.Build.Dense(k, k);
            for (int i = 0; i < d; i++)
            {
                var target = lambdaBar[i] > 0 ? h : z;
                double w = lambdaBar[i] > 0 ? 1 / lambdaBar[i] : 1;
                for (int e = 0; e < k; e++)
                {
                    double ue = mixture.Basis(e)[i] * w;
                    if (ue == 0) continue;
                    for (int f = 0; f < k; f++) target[e, f] += ue * mixture.Basis(f)[i];
                }
            }
            var eig = z.Evd(Symmetricity.Symmetric);
            double scale = Math.Max(1, z.Diagonal().Sum());
            var complement = Enumerable.Range(0, k).Where(j => eig.EigenValues[j].Real <= 1e-12 * scale).ToArray();
            var l = Matrix<double>.Build.Dense(k, k);
            if (complement.Length > 0)
            {
                var q = Matrix<double>.Build.Dense(k, complement.Length, (r, j) => eig.EigenVectors[r, complement[j]]);
                l = q * (q.Transpose() * h * q).Inverse() * q.Transpose();
            }
            var g = (a + l).Solve(cVec);
            var dVec = a * g - cVec;
            for (int i = 0; i < d; i++)
            {
                if (!(lambdaBar[i] > 0)) continue;
                double f = 0;
                for (int j = 0; j < k; j++) f += mixture.Basis(j)[i] * dVec[j];
                x[i] = -f / lambdaBar[i];
            }
            if (complement.Length < k)
            {
                var gN = -(h * dVec);
                var gZ = g - gN;
                var coefficients = z.PseudoInverse() * gZ;
                for (int i = 0; i < d; i++)
                {
                    if (lambdaBar[i] > 0) continue;
                    double v = 0;
                    for (int j = 0; j < k; j++) v += mixture.Basis(j)[i] * coefficients[j];
                    x[i] = v;
                }
            }
        }
        var means = new double[classes];
        var noise = new double[classes];
        double risk = 0;
        for (int c = 0; c < classes; c++)
        {
            var m = mixture.Mean(c);
            var lambda = mixture.Variances(c);
            double mc = 0, nc = 0;
            for (int i = 0; i < d; i++)
            {
                mc += m[i] * x[i];
                nc += lambda[i] * x[i] * x[i];
            }
            means[c] = mc;
            noise[c] = nc;
            risk += p[c] * 0.5 * ((mc - y[c]) * (mc - y[c]) + nc);
        }
        return new CwsLeastSquaresMinimum(x, means, risk, noise);
    }

    /// <summary>
    /// Stability of least-squares SGD at constant γ (docs/theory/cws.md §5.2): T = (γ/(2d)) N diag p with
    /// N_{cc'} = Σ_{λ̄_i &gt; 0} λ_i^{(c)}λ_i^{(c')}/λ̄_i; ρ(T) from the symmetric form diag(p)^{½} N diag(p)^{½}.
    /// </summary>
    public static CwsStability Stability(CwsMixture mixture, double gamma)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        if (!(gamma > 0) || !double.IsFinite(gamma)) throw new ArgumentException("γ must be finite and > 0", nameof(gamma));
        int d = mixture.Dimension, classes = mixture.Classes;
        var p = mixture.Probabilities.ToArray();
        var lambdaBar = mixture.AverageVariance;
        var n = Matrix<double>.Build.Dense(classes, classes);
        for (int c = 0; c < classes; c++)
            for (int e = c; e < classes; e++)
            {
                var lc = mixture.Variances(c);
                var le = mixture.Variances(e);
                double sum = 0;
                for (int i = 0; i < d; i++)
                    if (lambdaBar[i] > 0) sum += lc[i] * le[i] / lambdaBar[i];
                n[c, e] = n[e, c] = sum;
            }
        var root = Matrix<double>.Build.Diagonal(classes, classes, c => Math.Sqrt(p[c]));
        double rho = (root * n * root).Evd(Symmetricity.Symmetric).EigenValues.Max(v => v.Real);
        var t = new double[classes * classes];
        for (int c = 0; c < classes; c++)
            for (int e = 0; e < classes; e++) t[c * classes + e] = gamma / (2.0 * d) * p[e] * n[c, e];
        double trace = mixture.AverageVarianceTrace;
        return new CwsStability(gamma, gamma * trace / d, gamma * rho / (2.0 * d), rho > 0 ? 2.0 * d / rho : double.PositiveInfinity,
            trace > 0 ? 2.0 * d / trace : double.PositiveInfinity, t);
    }

    /// <summary>
    /// cws.md §5's stationary least-squares risk 𝓡_min/(1 − γ tr(K̄)/(2d)) (+∞ when γ tr(K̄)/(2d) ≥ 1). Equal to
    /// <see cref="StationaryRisk"/> when every class has the same trace tr K_c (docs/theory/cws.md §5.2).
    /// </summary>
    public static double FloorAmplification(CwsMixture mixture, double gamma)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        double ratio = gamma * mixture.AverageVarianceTrace / (2.0 * mixture.Dimension);
        return ratio < 1 ? LeastSquaresMinimum(mixture).Risk / (1 - ratio) : double.PositiveInfinity;
    }

    /// <summary>
    /// The exact stationary least-squares risk of the per-mode ODE at constant γ (docs/theory/cws.md §5.2):
    /// 𝓡_∞ = ½ Σ_c p_c I_c with I = (1 − T)⁻¹ b, b_c = (M*_c − y_c)² + X*ᵀK_cX*; +∞ when ρ(T) ≥ 1.
    /// </summary>
    public static double StationaryRisk(CwsMixture mixture, double gamma)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        var stability = Stability(mixture, gamma);
        if (!stability.IsStable) return double.PositiveInfinity;
        var minimum = LeastSquaresMinimum(mixture);
        int classes = mixture.Classes;
        var y = mixture.Labels.ToArray();
        var b = Vector<double>.Build.Dense(classes, c => (minimum.ClassMeans[c] - y[c]) * (minimum.ClassMeans[c] - y[c]) + minimum.ClassNoise[c]);
        var t = Matrix<double>.Build.Dense(classes, classes, (c, e) => stability.FeedbackMatrix[c * classes + e]);
        var forcing = (Matrix<double>.Build.DenseIdentity(classes) - t).Solve(b);
        double risk = 0;
        for (int c = 0; c < classes; c++) risk += mixture.Probabilities[c] * 0.5 * forcing[c];
        return risk;
    }

    /// <summary>
    /// The d → ∞ value of cws.md §5's trace threshold 2/(tr K̄/d): isotropic 2, zero-one 2/(1 − f), power law
    /// 2/Σ_c p_c/(1 + α_c) (for unequal α_c the exact threshold is lower, see <see cref="Stability"/>).
    /// </summary>
    public static double TraceThresholdLimit(CwsParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Covariance switch
        {
            CwsCovariance.ZeroOne => 2 / (1 - parameters.ZeroFraction),
            CwsCovariance.PowerLaw => 2 / Enumerable.Range(0, parameters.Classes).Sum(c => parameters.Probabilities[c] / (1 + parameters.ClassAlphas[c])),
            _ => 2,
        };
    }

    /// <summary>‖P₀μ‖² = Σ_{i: λ̄_i = 0} μ_i²: the signal on the zero-variance modes (cws.md §7).</summary>
    public static double CleanMeanNorm2(CwsMixture mixture)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        var mu = mixture.Signal;
        var lambdaBar = mixture.AverageVariance;
        double sum = 0;
        for (int i = 0; i < mu.Length; i++)
            if (lambdaBar[i] == 0) sum += mu[i] * mu[i];
        return sum;
    }

    /// <summary>The zero-one scaling-law product Γ(t) = γ‖P₀μ‖²·t·𝓡(t), which tends to 1 (cws.md §7).</summary>
    public static double ScalingProduct(CwsMixture mixture, double gamma, double time, double risk) =>
        gamma * CleanMeanNorm2(mixture) * time * risk;

    /// <summary>cws.md §8.1: the power-law model is separable (risk → 0 as a power of t) iff α_min ≥ 1 + 2β_μ.</summary>
    public static bool IsSeparable(double alphaMin, double meanExponent) => alphaMin >= 1 + 2 * meanExponent;

    /// <summary>α_min − 1 − 2β_μ: ≥ 0 on the separable side (the exponent of d in <see cref="MahalanobisSum"/>'s growth when &gt; 0).</summary>
    public static double SeparabilityMargin(double alphaMin, double meanExponent) => alphaMin - 1 - 2 * meanExponent;

    /// <summary>Σ_i μ_i²/max_c λ_i^{(c)} (cws.md §8.1; +∞ if a mode carries signal with zero variance in every class).</summary>
    public static double MahalanobisSum(CwsMixture mixture)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        var mu = mixture.Signal;
        double sum = 0;
        for (int i = 0; i < mu.Length; i++)
        {
            if (mu[i] == 0) continue;
            double largest = 0;
            for (int c = 0; c < mixture.Classes; c++) largest = Math.Max(largest, mixture.Variances(c)[i]);
            if (largest == 0) return double.PositiveInfinity;
            sum += mu[i] * mu[i] / largest;
        }
        return sum;
    }

    /// <summary>Local log-log slope log(𝓡₂/𝓡₁)/log(t₂/t₁) (cws.md §8.1).</summary>
    public static double LocalSlope(double t1, double risk1, double t2, double risk2) => Math.Log(risk2 / risk1) / Math.Log(t2 / t1);
}
