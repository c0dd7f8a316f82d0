using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using TheoryCheck.Numerics.Gaussian;

namespace TheoryCheck.Tests.Numerics.Gaussian;

public class NormalQuantileTests
{
    /// <summary>Mantissa in [1, 10) of a positive number (AS 241 "hash sums" add these).</summary>
    private static double Mantissa(double x) => x / Math.Pow(10, Math.Floor(Math.Log10(x)));

    [Fact]
    public void CoefficientsReproduceThePublishedHashSums()
    {
        // Wichura (1988) prints the sums of the coefficient mantissas to check transcription (leading 1 of each
        // denominator excluded). A wrong digit down to about the 13th would show.
        static double Hash(double[] numerator, double[] denominator) =>
            numerator.Sum(Mantissa) + denominator.Skip(1).Sum(Mantissa);
        Assert.Equal(55.8831928806149014439, Hash(NormalQuantile.A, NormalQuantile.B), 1e-12);
        Assert.Equal(49.3320650330161028904, Hash(NormalQuantile.C, NormalQuantile.D), 1e-12);
        Assert.Equal(47.5258331754928967163, Hash(NormalQuantile.E, NormalQuantile.F), 1e-12);
    }

    [Fact]
    public void KnownValues()
    {
        Assert.Equal(0.0, NormalQuantile.Evaluate(0.5));
        Assert.Equal(1.959963984540054, NormalQuantile.Evaluate(0.975), 2e-15);
        // Φ(1) = 0.841344746068542948585…
        Assert.Equal(1.0, NormalQuantile.Evaluate(0.8413447460685429), 1e-15 / 0.242 * 2);
        Assert.Equal(double.NegativeInfinity, NormalQuantile.Evaluate(0.0));
        Assert.Equal(double.PositiveInfinity, NormalQuantile.Evaluate(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalQuantile.Evaluate(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalQuantile.Evaluate(double.NaN));
    }

    [Fact]
    public void AgreesWithMathNetInTheCentralRegion()
    {
        // MathNet's InvCDF goes through erfinv, an independent implementation.
        for (int i = 1; i < 1000; i++)
        {
            double p = 0.02 + 0.96 * i / 1000.0;
            double expected = Normal.InvCDF(0, 1, p);
            double actual = NormalQuantile.Evaluate(p);
            Assert.True(Math.Abs(actual - expected) <= 1e-14 * Math.Max(1.0, Math.Abs(expected)), $"p={p:R}: {actual:R} vs {expected:R}");
        }
    }

    [Fact]
    public void RoundTripsThroughTheCdfIntoTheTails()
    {
        // Φ(x) = erfc(−x/√2)/2 with MathNet's erfc (accurate to ~1e-16 relative); the lower tail down to 1e-300.
        for (int e = 1; e <= 300; e += 7)
            foreach (double mantissa in new[] { 1.0, 3.7, 7.9 })
            {
                double p = mantissa * Math.Pow(10, -e);
                if (p >= 0.5) continue;
                double x = NormalQuantile.Evaluate(p);
                double back = 0.5 * SpecialFunctions.Erfc(-x / Math.Sqrt(2));
                // Relative error in p = |x|·(relative error in x) near the tail; allow 1e-14·max(1, |x|)… plus erfc's own error.
                Assert.True(Math.Abs(back - p) <= 2e-14 * Math.Max(1.0, x * x) * p, $"p={p:E3}: Φ(Φ⁻¹(p)) = {back:E15}");
            }
    }

    [Fact]
    public void IsOddAboutOneHalf()
    {
        for (int i = 1; i < 1024; i++)
        {
            double p = i / 1024.0; // 1 − p exact
            Assert.Equal(-NormalQuantile.Evaluate(p), NormalQuantile.Evaluate(1 - p));
        }
    }
}
