using TheoryCheck.Models.Kgmm;
using TheoryCheck.Numerics.Gaussian;

namespace TheoryCheck.Tests.Numerics.Gaussian;

public sealed class NormalProbabilityTests
{
    [Fact]
    public void CdfKnownValues()
    {
        Assert.Equal(0.5, NormalProbability.Cdf(0), 15);
        Assert.Equal(0.8413447460685429, NormalProbability.Cdf(1), 15);
        Assert.Equal(0.9750021048517795, NormalProbability.Cdf(1.96), 15);
        // Lower tail keeps relative accuracy.
        Assert.Equal(1.0, NormalProbability.Cdf(-5) / 2.866515718791939e-07, 12);
        Assert.Equal(1.0, NormalProbability.Cdf(-10) / 7.619853024160527e-24, 11);
        Assert.Equal(1.3, NormalProbability.Quantile(NormalProbability.Cdf(1.3)), 12);
    }

    /// <summary>Independent oracle: P(X &lt; h, Y &lt; k) = ∫_{−∞}^h φ(x) Φ((k − ρx)/√(1 − ρ²)) dx, composite Gauss–Legendre.</summary>
    private static double BivariateByIntegration(double h, double k, double rho)
    {
        var rule = new MathNet.Numerics.Integration.GaussLegendreRule(0, 1, 20);
        double lower = -12, upper = Math.Min(h, 12);
        const int panels = 600;
        double width = (upper - lower) / panels, s = 1 / Math.Sqrt(1 - rho * rho), sum = 0;
        for (int p = 0; p < panels; p++)
            for (int i = 0; i < rule.Order; i++)
            {
                double x = lower + width * (p + rule.Abscissas[i]);
                sum += width * rule.Weights[i] * Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI) * NormalProbability.Cdf((k - rho * x) * s);
            }
        return sum;
    }

    public static TheoryData<double, double, double> BivariateCases()
    {
        var data = new TheoryData<double, double, double>();
        foreach (double rho in new[] { -0.999, -0.95, -0.8, -0.5, -0.2, 0.1, 0.4, 0.7, 0.93, 0.99, 0.999 })
            foreach (var (h, k) in new[] { (0.0, 0.0), (1.2, -0.4), (-2.0, 1.5), (2.5, 3.0), (-1.0, -1.3), (0.3, 0.31) })
                data.Add(h, k, rho);
        return data;
    }

    [Theory]
    [MemberData(nameof(BivariateCases))]
    public void BivariateMatchesOneDimensionalIntegral(double h, double k, double rho)
    {
        Assert.Equal(BivariateByIntegration(h, k, rho), NormalProbability.Bivariate(h, k, rho), 13);
    }

    [Theory]
    [InlineData(-0.99)]
    [InlineData(-0.5)]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.95)]
    public void BivariateClosedForms(double rho)
    {
        // Sheppard: P(X < 0, Y < 0) = 1/4 + asin(ρ)/(2π).
        Assert.Equal(0.25 + Math.Asin(rho) / (2 * Math.PI), NormalProbability.Bivariate(0, 0, rho), 15);
        // Symmetry in (h, k) and the marginal identity P(X<h,Y<k) + P(X<h,Y>k) = Φ(h) with the second term = BVN(h, −k, −ρ).
        Assert.Equal(NormalProbability.Bivariate(0.7, -0.2, rho), NormalProbability.Bivariate(-0.2, 0.7, rho), 15);
        Assert.Equal(NormalProbability.Cdf(0.7), NormalProbability.Bivariate(0.7, -0.2, rho) + NormalProbability.Bivariate(0.7, 0.2, -rho), 14);
    }

    [Fact]
    public void BivariateIndependentAndDegenerateLimits()
    {
        Assert.Equal(NormalProbability.Cdf(0.4) * NormalProbability.Cdf(-1.1), NormalProbability.Bivariate(0.4, -1.1, 0), 15);
        Assert.Equal(NormalProbability.Cdf(-0.3), NormalProbability.Bivariate(0.8, -0.3, 1), 15);
        Assert.Equal(Math.Max(0, NormalProbability.Cdf(0.8) + NormalProbability.Cdf(0.3) - 1), NormalProbability.Bivariate(0.8, 0.3, -1), 15);
        Assert.Equal(0, NormalProbability.Bivariate(-0.8, 0.3, -1), 15);
    }

    [Theory]
    [InlineData(0.2, 0.5, -0.3)]
    [InlineData(0.5, 0.5, 0.5)]
    [InlineData(-0.4, 0.1, 0.6)]
    public void TrivariateCentredOrthantClosedForm(double r12, double r13, double r23)
    {
        double[] cov = [1, r12, r13, r12, 1, r23, r13, r23, 1];
        var est = NormalProbability.Orthant([0, 0, 0], cov);
        double exact = 0.125 + (Math.Asin(r12) + Math.Asin(r13) + Math.Asin(r23)) / (4 * Math.PI);
        // 5 standard errors of the randomised QMC estimate, no absolute floor (the estimate states its own error).
        Assert.InRange(est.Value - exact, -5 * est.StandardError, 5 * est.StandardError);
        Assert.True(est.StandardError < 1e-4);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void EquicorrelatedHalfOrthantIsOneOverNPlusOne(int n)
    {
        var cov = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) cov[i * n + j] = i == j ? 2.0 : 1.0; // ρ = 1/2, any scale
        var est = NormalProbability.Orthant(new double[n], cov);
        // 5 standard errors of the randomised QMC estimate, no absolute floor (the estimate states its own error).
        Assert.InRange(est.Value - 1.0 / (n + 1), -5 * est.StandardError, 5 * est.StandardError);
    }

    [Fact]
    public void NonCentredBlockCovarianceFactorises()
    {
        // Σ = blockdiag(bivariate block, 1, 1): P = BVN · Φ · Φ, with nonzero means (exercises ordering and shifts).
        double[] mean = [0.4, -0.3, 1.1, -0.8];
        double s1 = 1.5, s2 = 0.7, rho = 0.6;
        double[] cov =
        [
            s1 * s1, rho * s1 * s2, 0, 0,
            rho * s1 * s2, s2 * s2, 0, 0,
            0, 0, 0.5, 0,
            0, 0, 0, 2.0,
        ];
        double exact = NormalProbability.Bivariate(mean[0] / s1, mean[1] / s2, rho)
                       * NormalProbability.Cdf(mean[2] / Math.Sqrt(0.5)) * NormalProbability.Cdf(mean[3] / Math.Sqrt(2.0));
        var est = NormalProbability.Orthant(mean, cov);
        // 5 standard errors of the randomised QMC estimate, no absolute floor (the estimate states its own error).
        Assert.InRange(est.Value - exact, -5 * est.StandardError, 5 * est.StandardError);
        // Deterministic: the same call gives the same bits.
        Assert.Equal(est, NormalProbability.Orthant(mean, cov));
    }

    [Fact]
    public void LowDimensionalOrthantsUseClosedForms()
    {
        Assert.Equal(NormalProbability.Cdf(0.5 / 2), NormalProbability.Orthant([0.5], [4.0]).Value, 12);
        double[] cov = [1.0, -0.3 * 2, -0.3 * 2, 4.0];
        Assert.Equal(NormalProbability.Bivariate(0.2, 0.5, -0.3), NormalProbability.Orthant([0.2, 1.0], cov).Value, 11);
    }
}
