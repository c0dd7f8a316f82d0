using TheoryCheck.Models.Quadratic;
using TheoryCheck.Theory.Quadratic;

namespace TheoryCheck.Tests.Theory.Quadratic;

/// <summary>The exact per-run law of χ² for Gaussian coordinates (quadratic.md §3).</summary>
public class AlignmentLawTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 10)]
    [InlineData(20, 2000)]
    public void EqualWeightsGiveTheBetaDistribution(int k, int d)
    {
        // With equal weights χ² = G_D/G ~ Beta(k/2, (d − k)/2): mean k/d, variance αβ/((α + β)²(α + β + 1)).
        var m = GaussianAlignment.Exact([new(0.37, k, true), new(0.37, d - k, false)]);
        double a = k / 2.0, b = (d - k) / 2.0;
        Assert.Equal((double)k / d, m.Mean, 1e-9);
        Assert.Equal(Math.Sqrt(a * b / ((a + b) * (a + b) * (a + b + 1))), m.StandardDeviation, 1e-8);
        Assert.Equal((double)k / d, m.RatioOfExpectations, 14);
    }

    [Fact]
    public void QuadratureHasConverged()
    {
        WeightGroup[] g = [new(0.33, 20, true), new(1e-6 * 1e4, 1980, false)];
        var coarse = GaussianAlignment.Exact(g);
        var fine = GaussianAlignment.Exact(g, 16000);
        Assert.Equal(fine.Mean, coarse.Mean, 1e-10);
        Assert.Equal(fine.StandardDeviation, coarse.StandardDeviation, 1e-9);
    }

    [Theory]
    [InlineData(5, 200, 2.0, 0.01)]
    [InlineData(20, 60, 0.3, 0.4)]
    [InlineData(2, 4, 1.0, 0.2)]
    public void ExactLawMatchesADirectMonteCarloOfGaussianCoordinates(int k, int d, double wd, double wb)
    {
        var exact = GaussianAlignment.Exact([new(wd, k, true), new(wb, d - k, false)]);
        var rng = new Random(99);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        const int n = 40_000;
        double sum = 0, sumSq = 0, sum4 = 0;
        for (int r = 0; r < n; r++)
        {
            double gd = 0, gb = 0;
            for (int i = 0; i < k; i++) { double z = Normal(); gd += wd * z * z; }
            for (int i = k; i < d; i++) { double z = Normal(); gb += wb * z * z; }
            double x = gd / (gd + gb);
            sum += x; sumSq += x * x; sum4 += x * x * x * x;
        }
        double mean = sum / n, second = sumSq / n;
        double seMean = Math.Sqrt((second - mean * mean) / n);
        double seSecond = Math.Sqrt((sum4 / n - second * second) / n);
        Assert.True(Math.Abs(mean - exact.Mean) <= 5 * seMean, $"MC mean {mean} ± {seMean}, exact {exact.Mean}");
        Assert.True(Math.Abs(second - exact.SecondMoment) <= 5 * seSecond, $"MC E[χ⁴] {second} ± {seSecond}, exact {exact.SecondMoment}");
    }

    [Fact]
    public void ExactLawMatchesAChiSquareMonteCarloAtLargeDimension()
    {
        // Two-level blocks: G_D = w_D·X, G_B = w_B·Y with X ~ χ²_k, Y ~ χ²_{d−k} independent (Marsaglia–Tsang gamma
        // sampler); base run with k = 320, d = 32000 at t = 320.
        var s = QuadraticTheory.Solve(QuadraticParameters.Base with { DominantCount = 320, Dimension = 32000 }, 320);
        var g = s.WeightGroups(320);
        var exact = s.PerRunAlignment(320);
        var rng = new Random(7);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        double Gamma(double a)
        {
            double d = a - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
            while (true)
            {
                double x = Normal(), v = 1 + c * x;
                if (v <= 0) continue;
                v = v * v * v;
                if (Math.Log(rng.NextDouble()) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
            }
        }
        const int n = 100_000;
        double sum = 0, sumSq = 0, sum4 = 0;
        for (int r = 0; r < n; r++)
        {
            double gd = g[0].Weight * 2 * Gamma(160), gb = g[1].Weight * 2 * Gamma(31680 / 2.0);
            double x = gd / (gd + gb);
            sum += x; sumSq += x * x; sum4 += x * x * x * x;
        }
        double mean = sum / n, second = sumSq / n;
        double sd = Math.Sqrt(second - mean * mean);
        Assert.True(Math.Abs(mean - exact.Mean) <= 5 * sd / Math.Sqrt(n), $"MC {mean}, exact {exact.Mean}");
        // SE of the sample variance: √((m4 − σ⁴)/n) with the central fourth moment estimated crudely by E[x⁴] terms.
        double seSecond = Math.Sqrt((sum4 / n - second * second) / n);
        Assert.True(Math.Abs(second - exact.SecondMoment) <= 5 * seSecond, $"MC E[χ⁴] {second}, exact {exact.SecondMoment}");
    }

    [Fact]
    public void DeltaMethodApproachesTheExactLawForLargeBlocks()
    {
        // The delta method neglects O(1/k²) terms: with k = 320 its gap and sd agree with the exact ones to a few per cent.
        var p = QuadraticParameters.Base with { Dimension = 32000, DominantCount = 320 };
        var s = QuadraticTheory.Solve(p, 1280);
        foreach (long t in new long[] { 8, 12, 320, 1280 })
        {
            var exact = s.PerRunAlignment(t);
            var delta = s.DeltaMethodAlignment(t);
            Assert.Equal(exact.RatioOfExpectations, delta.RatioOfExpectations, 14);
            Assert.True(Math.Abs(exact.Gap - delta.Gap) <= 0.05 * Math.Abs(exact.Gap), $"t = {t}: gap {exact.Gap} vs {delta.Gap}");
            Assert.True(Math.Abs(exact.StandardDeviation - delta.StandardDeviation) <= 0.05 * exact.StandardDeviation);
        }
    }

    [Fact]
    public void StreamingHasNoExactGaussianLaw() =>
        Assert.Throws<InvalidOperationException>(() =>
            QuadraticTheory.Solve(QuadraticParameters.Base with { Noise = QuadraticNoise.Streaming, StepSize = 0.05 }, 2).PerRunAlignment(1));
}
