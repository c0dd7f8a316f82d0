using TheoryCheck.Models.Kgmm;

namespace TheoryCheck.Tests.Models.Kgmm;

public sealed class KgmmGaussianMomentsTests
{
    private static KgmmGaussianMoments Moments(KgmmParameters p, int n)
    {
        var (nodes, weights) = TestRules.Tensor(p.K - 1, n);
        return new KgmmGaussianMoments(p, nodes, weights, $"test GH n={n}");
    }

    private static (double[] M, double[] R) RandomState(int k, int seed)
    {
        var rng = new Random(seed);
        var m = new double[k * k];
        for (int i = 0; i < m.Length; i++) m[i] = 1.5 * (rng.NextDouble() - 0.4);
        return (m, TestRules.RandomSpd(rng, k, 0.3, 1.2));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void InvariantsHold(int k)
    {
        var p = new KgmmParameters(k, 3, 0.1, 1, Enumerable.Range(1, k).Select(i => 2.0 * i / (k * (k + 1))).ToArray());
        var (m, r) = RandomState(k, 7 * k);
        var moments = Moments(p, 10);
        var d = new double[k * k];
        var h = new double[k * k];
        var g = new double[k * k];
        moments.Evaluate(m, r, d, h, g);
        for (int b = 0; b < k; b++)
        {
            double col = 0;
            for (int c = 0; c < k; c++) col += d[c * k + b];
            Assert.Equal(0, col, 14); // columns of D sum to 0
        }
        for (int c = 0; c < k; c++)
        {
            double hs = 0, gs = 0;
            for (int e = 0; e < k; e++)
            {
                hs += h[c * k + e];
                gs += g[c * k + e];
                Assert.Equal(h[c * k + e], h[e * k + c]);
                Assert.Equal(g[c * k + e], g[e * k + c]);
            }
            Assert.Equal(0, hs, 14); // H̄1 = 0
            Assert.Equal(0, gs, 14); // Ḡ1 = 0
        }
        var hEig = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(k, k, (i, j) => h[i * k + j]).Evd().EigenValues;
        var gEig = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(k, k, (i, j) => g[i * k + j]).Evd().EigenValues;
        Assert.All(hEig, x => Assert.True(x.Real > -1e-14));
        Assert.All(gEig, x => Assert.True(x.Real > -1e-14));
    }

    [Fact]
    public void TwoClassesMatchAOneDimensionalIntegral()
    {
        // k = 2: π_1 = σ(ζ_1 − ζ_2) with ζ_1 − ζ_2 ~ N(m_{1b} − m_{2b}, (R_11 − 2R_12 + R_22)/λ).
        var p = new KgmmParameters(2, 2, 0.1, 1, [0.4, 0.6]);
        double[] m = [0.7, -0.3, -0.2, 0.9];
        double[] r = [1.4, 0.2, 0.2, 0.8];
        double s = Math.Sqrt((r[0] - 2 * r[1] + r[3]) / p.Lambda);
        var moments = Moments(p, 50);
        var d = new double[4];
        var h = new double[4];
        var g = new double[4];
        double ce = moments.Evaluate(m, r, d, h, g, withCrossEntropy: true);
        double ePi1Class0 = Integrate(z => Sigmoid(m[0] - m[2] + s * z));
        double ePi1Class1 = Integrate(z => Sigmoid(m[1] - m[3] + s * z));
        Assert.Equal(ePi1Class0 - 1, d[0], 13);
        Assert.Equal(ePi1Class1, d[1], 13);
        double hExpected = 0.4 * Integrate(z => { double q = Sigmoid(m[0] - m[2] + s * z); return q * (1 - q); })
                         + 0.6 * Integrate(z => { double q = Sigmoid(m[1] - m[3] + s * z); return q * (1 - q); });
        Assert.Equal(hExpected, h[0], 13);
        Assert.Equal(-hExpected, h[1], 13);
        double gExpected = 0.4 * Integrate(z => Math.Pow(Sigmoid(m[0] - m[2] + s * z) - 1, 2))
                         + 0.6 * Integrate(z => Math.Pow(Sigmoid(m[1] - m[3] + s * z), 2));
        Assert.Equal(gExpected, g[0], 13);
        // Cross-entropy: class 0 has −log σ(Δ), class 1 −log(1 − σ(Δ)) = −log σ(−Δ).
        double ceExpected = 0.4 * Integrate(z => Softplus(-(m[0] - m[2] + s * z))) + 0.6 * Integrate(z => Softplus(m[1] - m[3] + s * z));
        Assert.Equal(ceExpected, ce, 12);
        Assert.Equal(ceExpected + 0.5 * 0.3 * (r[0] + r[3]), moments.Loss(m, r, 0.3), 12);
    }

    [Fact]
    public void LargeLambdaIsTheDeterministicSoftmax()
    {
        var p = new KgmmParameters(3, 1e12, 0.1, 1);
        var (m, r) = RandomState(3, 11);
        var moments = Moments(p, 6);
        var d = new double[9];
        var h = new double[9];
        var g = new double[9];
        moments.Evaluate(m, r, d, h, g);
        var pi = new double[3];
        for (int b = 0; b < 3; b++)
        {
            KgmmSample.Softmax([m[b], m[3 + b], m[6 + b]], pi);
            for (int c = 0; c < 3; c++) Assert.Equal(pi[c] - (b == c ? 1 : 0), d[c * 3 + b], 10);
        }
    }

    [Fact]
    public void AgreesWithMonteCarloInFullDimension()
    {
        // Independent implementation: ξ ~ N(0, R/λ) in all k dimensions through a Cholesky factor (no Helmert
        // reduction, no square root), plain loops; tolerance 5 standard errors per entry.
        const int k = 3, samples = 200_000;
        var p = new KgmmParameters(k, 3, 0.1, 1, [0.2, 0.3, 0.5]);
        var (m, r) = RandomState(k, 5);
        var chol = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(k, k, (i, j) => r[i * k + j] / p.Lambda).Cholesky().Factor;
        var rng = new Random(99);
        var sumD = new double[k * k]; var sqD = new double[k * k];
        var sumH = new double[k * k]; var sqH = new double[k * k];
        var sumG = new double[k * k]; var sqG = new double[k * k];
        double sumCe = 0, sqCe = 0;
        var z = new double[k];
        var zeta = new double[k];
        var pi = new double[k];
        for (int n = 0; n < samples; n++)
        {
            for (int i = 0; i < k; i++) z[i] = TestRules.Normal(rng);
            // Stratify over classes: every sample contributes Σ_b p_b f_b (same ξ for all classes).
            var dS = new double[k * k]; var hS = new double[k * k]; var gS = new double[k * k];
            double ceS = 0;
            for (int b = 0; b < k; b++)
            {
                for (int c = 0; c < k; c++)
                {
                    double v = m[c * k + b];
                    for (int l = 0; l <= c; l++) v += chol[c, l] * z[l];
                    zeta[c] = v;
                }
                double mx = zeta.Max(), s = zeta.Sum(x => Math.Exp(x - mx));
                for (int c = 0; c < k; c++) pi[c] = Math.Exp(zeta[c] - mx) / s;
                ceS += p.P[b] * (mx + Math.Log(s) - zeta[b]);
                for (int c = 0; c < k; c++)
                {
                    dS[c * k + b] = pi[c] - (c == b ? 1 : 0);
                    for (int e = 0; e < k; e++)
                    {
                        hS[c * k + e] += p.P[b] * ((c == e ? pi[c] : 0) - pi[c] * pi[e]);
                        gS[c * k + e] += p.P[b] * (pi[c] - (c == b ? 1 : 0)) * (pi[e] - (e == b ? 1 : 0));
                    }
                }
            }
            for (int i = 0; i < k * k; i++)
            {
                sumD[i] += dS[i]; sqD[i] += dS[i] * dS[i];
                sumH[i] += hS[i]; sqH[i] += hS[i] * hS[i];
                sumG[i] += gS[i]; sqG[i] += gS[i] * gS[i];
            }
            sumCe += ceS; sqCe += ceS * ceS;
        }
        var moments = Moments(p, 14);
        var d = new double[k * k];
        var h = new double[k * k];
        var g = new double[k * k];
        double ce = moments.Evaluate(m, r, d, h, g, withCrossEntropy: true);
        for (int i = 0; i < k * k; i++)
        {
            AssertWithin(d[i], sumD[i], sqD[i], samples);
            AssertWithin(h[i], sumH[i], sqH[i], samples);
            AssertWithin(g[i], sumG[i], sqG[i], samples);
        }
        AssertWithin(ce, sumCe, sqCe, samples);
    }

    [Fact]
    public void ConvergesGeometricallyInTheOrder()
    {
        // Differences to a fine rule (n = 40) shrink at least geometrically as n grows (k = 3, λ = 3, R of norm ~2).
        var p = new KgmmParameters(3, 3, 0.1, 1);
        var (m, r) = RandomState(3, 21);
        double[] Values(int n)
        {
            var moments = Moments(p, n);
            var d = new double[9]; var h = new double[9]; var g = new double[9];
            double ce = moments.Evaluate(m, r, d, h, g, withCrossEntropy: true);
            return [.. d, .. h, .. g, ce];
        }
        var reference = Values(40);
        double Error(int n) => Values(n).Zip(reference, (a, b) => Math.Abs(a - b)).Max();
        double e4 = Error(4), e8 = Error(8), e12 = Error(12), e16 = Error(16);
        Assert.True(e8 < 0.2 * e4, $"e4 = {e4:E2}, e8 = {e8:E2}");
        Assert.True(e12 < 0.2 * e8, $"e8 = {e8:E2}, e12 = {e12:E2}");
        Assert.True(e16 < 1e-9, $"e16 = {e16:E2}");
    }

    [Fact]
    public void SingularCovarianceIsHandled()
    {
        // R = m mᵀ-like rank-one R: Q^T R Q is singular; the clipped root still integrates exactly in one direction.
        var p = new KgmmParameters(3, 2, 0.1, 1);
        double[] v = [1, -0.5, -0.5];
        var r = new double[9];
        for (int c = 0; c < 3; c++) for (int e = 0; e < 3; e++) r[c * 3 + e] = v[c] * v[e];
        var m = new double[9];
        var moments = Moments(p, 20);
        var d = new double[9]; var h = new double[9]; var g = new double[9];
        moments.Evaluate(m, r, d, h, g);
        Assert.All(d, x => Assert.True(double.IsFinite(x)));
        // Class 0 logits ζ = v·t, t ~ N(0, 1/λ): E[π_0] by a 1-d integral.
        double s = 1 / Math.Sqrt(p.Lambda);
        double expected = Integrate(z => { double a = Math.Exp(s * z), b = Math.Exp(-0.5 * s * z); return a / (a + 2 * b); });
        Assert.Equal(expected - 1, d[0], 12);
    }

    private static void AssertWithin(double value, double sum, double sumSquares, int n)
    {
        double mean = sum / n;
        double se = Math.Sqrt(Math.Max(sumSquares / n - mean * mean, 0) / n);
        Assert.True(Math.Abs(value - mean) <= 5 * se + 1e-12, $"quadrature {value:R} vs Monte Carlo {mean:R} ± {se:E2}");
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    /// <summary>E f(z), z ~ N(0,1), by composite Gauss–Legendre on [−12, 12] (independent of Gauss–Hermite).</summary>
    private static double Integrate(Func<double, double> f)
    {
        var rule = new MathNet.Numerics.Integration.GaussLegendreRule(0, 1, 20);
        const int panels = 240;
        double width = 24.0 / panels, sum = 0;
        for (int p = 0; p < panels; p++)
            for (int i = 0; i < rule.Order; i++)
            {
                double z = -12 + width * (p + rule.Abscissas[i]);
                sum += width * rule.Weights[i] * f(z) * Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
            }
        return sum;
    }
}
