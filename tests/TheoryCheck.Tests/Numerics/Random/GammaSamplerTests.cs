using MathNet.Numerics;
using TheoryCheck.Numerics.Random;
using Xunit.Abstractions;

namespace TheoryCheck.Tests.Numerics.RandomStreams;

/// <summary>
/// The exact gamma sampler (docs/theory/subspace.md §7) against the gamma law itself: Kolmogorov–Smirnov against the
/// regularised incomplete gamma function (MathNet, an implementation independent of ours, and its series near 0) and the first three moments
/// (mean α, variance α, third central moment 2α) by z-scores, for shapes on both sides of 1 (the boost) and up to the
/// χ² of the subspace engine at d = 10⁸; pinned keys, so the outcome is fixed.
/// </summary>
public sealed class GammaSamplerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.05)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(3.7)]
    [InlineData(22.0)]
    [InlineData(1000.0)]
    public void DrawsFollowTheGammaLaw(double shape)
    {
        const int n = 100_000;
        var sampler = new GammaSampler(shape);
        var stream = new RandomStream(StreamKey.Derive(5, "test.gamma", (long)(shape * 1000)));
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = sampler.Sample(stream);
        double d = SampleStatistics.KolmogorovSmirnov(x, v => GammaCdf(shape, v));
        double p = SampleStatistics.KolmogorovPValue(d, n);
        var (zMean, zVariance, zThird) = MomentZScores(x, shape);
        output.WriteLine($"α = {shape}: KS D = {d:E3}, p = {p:F3}; z(mean) = {zMean:F2}, z(variance) = {zVariance:F2}, z(third) = {zThird:F2}");
        Assert.True(p > 1e-3, $"KS p = {p}");
        Assert.True(Math.Abs(zMean) < 4.5 && Math.Abs(zVariance) < 4.5 && Math.Abs(zThird) < 4.5, $"z = {zMean}, {zVariance}, {zThird}");
    }

    /// <summary>
    /// Shape 5·10⁷ (the residual χ² of the subspace engine at d = 10⁸): moments by z-scores, and KS against the
    /// Wilson–Hilferty law of (X/α)^{1/3} ~ N(1 − 1/(9α), 1/(9α)), whose CDF error O(α^{-1}) ~ 10⁻⁸ is far below the
    /// KS resolution 1/√n. This is where the acceptance test's log1p form matters (cz ~ 10⁻⁴).
    /// </summary>
    [Fact]
    public void HugeShapeFollowsTheGammaLaw()
    {
        const int n = 100_000;
        const double shape = 5e7;
        var sampler = GammaSampler.ChiSquared(2 * shape);
        var stream = new RandomStream(StreamKey.Derive(6, "test.gamma.huge"));
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = sampler.Sample(stream);
        var (zMean, zVariance, zThird) = MomentZScores(x, shape);
        double mu = 1 - 1 / (9 * shape), sd = Math.Sqrt(1 / (9 * shape));
        double d = SampleStatistics.KolmogorovSmirnov(x, v => SampleStatistics.NormalCdf((Math.Cbrt(v / shape) - mu) / sd));
        double p = SampleStatistics.KolmogorovPValue(d, n);
        output.WriteLine($"α = {shape}: KS (Wilson–Hilferty) p = {p:F3}; z(mean) = {zMean:F2}, z(variance) = {zVariance:F2}, z(third) = {zThird:F2}");
        Assert.True(p > 1e-3, $"KS p = {p}");
        Assert.True(Math.Abs(zMean) < 4.5 && Math.Abs(zVariance) < 4.5 && Math.Abs(zThird) < 4.5, $"z = {zMean}, {zVariance}, {zThird}");
    }

    [Fact]
    public void ShapeZeroIsThePointMassAtZeroAndBadShapesAreRefused()
    {
        var stream = new RandomStream(StreamKey.Derive(1, "test.gamma.zero"));
        Assert.Equal(0.0, new GammaSampler(0).Sample(stream));
        Assert.Equal(0UL, stream.Position);
        Assert.True(new GammaSampler(0).IsDegenerate);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GammaSampler(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GammaSampler(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GammaSampler(double.PositiveInfinity));
    }

    /// <summary>Acceptance rate of one attempt (what the engine's retry stream is for): high, and rising with the shape.</summary>
    [Fact]
    public void AttemptsAreAcceptedMostOfTheTime()
    {
        const int n = 200_000;
        var normals = new double[n];
        var uniforms = new double[n];
        var key = StreamKey.Derive(2, "test.gamma.accept");
        RandomStream.FillNormal(key, 0, normals);
        RandomStream.FillUniform(key, 0, uniforms);
        double previous = 0;
        foreach (double shape in new[] { 1.0, 3.0, 30.0, 3e7 })
        {
            var sampler = new GammaSampler(shape);
            int accepted = 0;
            for (int i = 0; i < n; i++) accepted += sampler.TryAttempt(normals[i], uniforms[i], out _) ? 1 : 0;
            double rate = (double)accepted / n;
            output.WriteLine($"α = {shape}: acceptance {rate:F4}");
            Assert.True(rate > 0.95 && rate >= previous - 0.005, $"α = {shape}: acceptance {rate}");
            previous = rate;
        }
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-12)]
    [InlineData(3.1e-5)]
    [InlineData(-2.7e-4)]
    [InlineData(0.25)]
    [InlineData(-0.625)]
    [InlineData(5.0)]
    public void LogOnePlusIsAccurate(double x)
    {
        // Reference: the alternating series for |x| < 1e-3 (terms to x^8), log(1 + x) where 1 + x is exact otherwise.
        double reference = Math.Abs(x) < 1e-3
            ? x - x * x / 2 + x * x * x / 3 - Math.Pow(x, 4) / 4 + Math.Pow(x, 5) / 5 - Math.Pow(x, 6) / 6 + Math.Pow(x, 7) / 7
            : Math.Log(1 + x);
        Assert.True(Math.Abs(GammaSampler.LogOnePlus(x) - reference) <= 1e-15 * Math.Abs(reference), $"{GammaSampler.LogOnePlus(x)} vs {reference}");
    }

    /// <summary>
    /// P(α, x): below x = 1 the series x^α e^{−x} Σ_n x^n/Γ(α + n + 1) (MathNet's GammaLowerRegularized returns 0 below
    /// x ≈ 1e-15, where most of the mass of Gamma(0.05) lies), MathNet above.
    /// </summary>
    private static double GammaCdf(double shape, double x)
    {
        if (x <= 0) return 0;
        if (x >= 1) return SpecialFunctions.GammaLowerRegularized(shape, x);
        double term = Math.Exp(shape * Math.Log(x) - x - SpecialFunctions.GammaLn(shape + 1));
        double sum = term;
        for (int n = 1; n < 200 && term > 1e-17 * sum; n++)
        {
            term *= x / (shape + n);
            sum += term;
        }
        return sum;
    }

    private static (double Mean, double Variance, double Third) MomentZScores(double[] x, double shape)
    {
        int n = x.Length;
        double mean = x.Average();
        double m2 = 0, m3 = 0;
        foreach (double v in x)
        {
            double d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= n - 1;
        m3 /= n;
        // Gamma(α): central moments μ₂ = α, μ₃ = 2α, μ₄ = 3α² + 6α, μ₆ = 15α³ + 130α² + 120α.
        double a = shape;
        double mu4 = 3 * a * a + 6 * a;
        double mu6 = 15 * a * a * a + 130 * a * a + 120 * a;
        double zMean = (mean - a) / Math.Sqrt(a / n);
        double zVariance = (m2 - a) / Math.Sqrt((mu4 - a * a) / n);
        // Var of the third sample central moment ≈ (μ₆ − μ₃² − 6μ₄μ₂ + 9μ₂³)/n.
        double zThird = (m3 - 2 * a) / Math.Sqrt((mu6 - 4 * a * a - 6 * mu4 * a + 9 * a * a * a) / n);
        return (zMean, zVariance, zThird);
    }
}
