using TheoryCheck.Numerics.Gaussian;

namespace TheoryCheck.Tests.Numerics.Gaussian;

/// <summary>Known answers and independent reference integrators shared by the Gaussian tests.</summary>
internal static class GaussianTestSupport
{
    /// <summary>E zᵏ for z ~ N(0, 1): (k−1)!! for even k, 0 for odd k.</summary>
    public static double StandardMoment(int k)
    {
        if ((k & 1) == 1) return 0.0;
        double r = 1.0;
        for (int j = k - 1; j > 1; j -= 2) r *= j;
        return r;
    }

    /// <summary>Logistic σ(t) = 1/(1 + e^{−t}), evaluated without overflow.</summary>
    public static double Logistic(double t) => t >= 0 ? 1.0 / (1.0 + Math.Exp(-t)) : Math.Exp(t) / (1.0 + Math.Exp(t));

    /// <summary>
    /// E g(μ + s z), z ~ N(0,1), by composite Gauss–Legendre (MathNet, an implementation independent of the code under
    /// test) on z ∈ [−40, 40] with 320 panels of order 20; checked against 160 panels (the two agree to ~1e-16 for the
    /// smooth integrands used here, asserted to 1e-14).
    /// </summary>
    public static double OneDimensionalReference(Func<double, double> g, double mu, double s)
    {
        double Integrand(double z) => g(mu + s * z) * Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
        double Composite(int panels)
        {
            double total = 0, h = 80.0 / panels;
            for (int i = 0; i < panels; i++)
                total += MathNet.Numerics.Integration.GaussLegendreRule.Integrate(Integrand, -40 + i * h, -40 + (i + 1) * h, 20);
            return total;
        }
        double fine = Composite(320), coarse = Composite(160);
        if (Math.Abs(fine - coarse) > 1e-14 * Math.Max(1, Math.Abs(fine)))
            throw new InvalidOperationException($"1-d reference not converged: {fine:R} vs {coarse:R}");
        return fine;
    }

    /// <summary>Row-major flattening of a square matrix.</summary>
    public static double[] Flatten(double[,] a)
    {
        int n = a.GetLength(0), m = a.GetLength(1);
        var r = new double[n * m];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) r[i * m + j] = a[i, j];
        return r;
    }

    /// <summary>A fixed, well-conditioned covariance Σ = s·(B Bᵀ/k + 0.5 I) from a deterministic pseudo-random B.</summary>
    public static double[,] Covariance(int k, double scale, ulong seed)
    {
        var rng = new Random((int)seed);
        var b = new double[k, k];
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) b[i, j] = rng.NextDouble() * 2 - 1;
        var sigma = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int l = 0; l < k; l++) s += b[i, l] * b[j, l];
                sigma[i, j] = scale * (s / k + (i == j ? 0.5 : 0.0));
            }
        return sigma;
    }

    public static double Quadratic(double[] a, double[,] sigma)
    {
        int k = a.Length;
        double s = 0;
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) s += a[i] * sigma[i, j] * a[j];
        return s;
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>Σ_j w_j g(z_j) for a standard normal rule.</summary>
    public static double Apply(StandardNormalRule rule, Func<ReadOnlySpan<double>, double> g)
    {
        double s = 0;
        for (int j = 0; j < rule.Count; j++) s += rule.Weights[j] * g(rule.Node(j));
        return s;
    }

    /// <summary>Σ_j |w_j g(z_j)|, the scale of round-off in <see cref="Apply"/>.</summary>
    public static double ApplyAbsolute(StandardNormalRule rule, Func<ReadOnlySpan<double>, double> g)
    {
        double s = 0;
        for (int j = 0; j < rule.Count; j++) s += Math.Abs(rule.Weights[j] * g(rule.Node(j)));
        return s;
    }
}
