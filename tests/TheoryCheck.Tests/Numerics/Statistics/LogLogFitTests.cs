using TheoryCheck.Numerics.Statistics;

namespace TheoryCheck.Tests.Numerics.Statistics;

public class LogLogFitTests
{
    [Theory]
    [InlineData(-0.5, 3.0)]
    [InlineData(-1.0, 0.02)]
    [InlineData(1.7, 1e-4)]
    public void ExactPowerLawsRecoverTheExponent(double exponent, double prefactor)
    {
        double[] xs = [250, 500, 1000, 2000, 4000, 8000, 16000];
        var ys = xs.Select(x => prefactor * Math.Pow(x, exponent)).ToArray();
        var fit = LogLogFit.Fit(xs, ys);
        Assert.Equal(exponent, fit.Exponent, 12);
        Assert.Equal(prefactor, fit.Prefactor, prefactor * 1e-10);
        Assert.True(fit.ExponentStandardError < 1e-12);
        Assert.Equal(1, fit.RSquared, 12);
        Assert.Equal(prefactor * Math.Pow(3000, exponent), fit.Predict(3000), prefactor * Math.Pow(3000, exponent) * 1e-10);
        Assert.Equal(7, fit.Count);
    }

    [Fact]
    public void ConfidenceIntervalCoversTheTrueExponentAtTheNominalRate()
    {
        // 2000 synthetic sweeps: log E = log 0.3 − 0.5·log d + σε, d ∈ {250, …, 8000}, σ = 0.15 (like 4–8 seeds).
        // Nominal coverage 0.95; binomial SD √(0.95·0.05/2000) = 0.0049, so [0.93, 0.97] is ±4 SD.
        double[] xs = [250, 500, 1000, 2000, 4000, 8000];
        var random = new Random(20240611);
        var ys = new double[xs.Length];
        int covered = 0, trials = 2000;
        double slopeSum = 0;
        for (int trial = 0; trial < trials; trial++)
        {
            for (int i = 0; i < xs.Length; i++)
                ys[i] = 0.3 * Math.Pow(xs[i], -0.5) * Math.Exp(0.15 * Normal(random));
            var fit = LogLogFit.Fit(xs, ys);
            slopeSum += fit.Exponent;
            if (fit.ExponentLower <= -0.5 && -0.5 <= fit.ExponentUpper) covered++;
        }
        double coverage = (double)covered / trials;
        Assert.InRange(coverage, 0.93, 0.97);
        // The OLS slope is unbiased: its mean over trials lies within 5 SE of −0.5, SE = σ/√(Sxx·trials).
        var logs = xs.Select(x => Math.Log(x)).ToArray();
        double sxx = logs.Sum(l => l * l) - Math.Pow(logs.Sum(), 2) / logs.Length;
        double se = 0.15 / Math.Sqrt(sxx * trials);
        Assert.InRange(slopeSum / trials, -0.5 - 5 * se, -0.5 + 5 * se);
    }

    [Fact]
    public void RejectsNonPositiveValues()
    {
        Assert.Throws<ArgumentException>(() => LogLogFit.Fit([1, 2, 3], [1, 0, 3]));
        Assert.Throws<ArgumentException>(() => LogLogFit.Fit([-1, 2, 3], [1, 2, 3]));
    }

    private static double Normal(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
