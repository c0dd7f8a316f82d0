using CsCheck;
using TheoryCheck.Numerics.Statistics;

namespace TheoryCheck.Tests.Numerics.Statistics;

public class LinearFitTests
{
    [Fact]
    public void MatchesTheHandComputedExample()
    {
        // x = 1..5, y = (2, 4, 5, 4, 5): x̄ = 3, ȳ = 4, Sxx = 10, Sxy = 6 ⇒ b = 0.6, a = 2.2;
        // residuals (−0.8, 0.6, 1.0, −0.6, −0.2) ⇒ SSE = 2.4, SST = 6, R² = 0.6, s² = 0.8,
        // SE(b) = √0.08, SE(a) = √(0.8·1.1); t_{0.975, 3} = 3.182446305284263 (Student-t table).
        var fit = LinearFit.Fit([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]);
        Assert.Equal(0.6, fit.Slope, 14);
        Assert.Equal(2.2, fit.Intercept, 14);
        Assert.Equal(0.6, fit.RSquared, 14);
        Assert.Equal(Math.Sqrt(0.8), fit.ResidualStandardError, 14);
        Assert.Equal(Math.Sqrt(0.08), fit.SlopeStandardError, 14);
        Assert.Equal(Math.Sqrt(0.88), fit.InterceptStandardError, 14);
        double halfWidth = 3.182446305284263 * Math.Sqrt(0.08);
        Assert.Equal(0.6 - halfWidth, fit.SlopeLower, 10);
        Assert.Equal(0.6 + halfWidth, fit.SlopeUpper, 10);
        Assert.Equal(5, fit.Count);
        Assert.Equal(3, fit.DegreesOfFreedom);
        Assert.Equal(2.2 + 0.6 * 10, fit.Predict(10), 13);
    }

    [Fact]
    public void ResidualsSatisfyTheNormalEquations()
    {
        // Independent characterisation of OLS: Σ r_i = 0 and Σ x_i r_i = 0.
        var gen = Gen.Double[-10, 10].Array[3, 20].Select(Gen.Double[-5, 5], Gen.Double[-3, 3], (x, slope, intercept) => (x, slope, intercept));
        gen.Sample(sample =>
        {
            var (xs, slope, intercept) = sample;
            if (xs.Distinct().Count() < 2) return;
            var ys = xs.Select((x, i) => intercept + slope * x + Math.Sin(7.3 * i)).ToArray();
            var fit = LinearFit.Fit(xs, ys);
            double r0 = 0, r1 = 0, scale = 0;
            for (int i = 0; i < xs.Length; i++)
            {
                double r = ys[i] - fit.Predict(xs[i]);
                r0 += r;
                r1 += xs[i] * r;
                scale += Math.Abs(ys[i]) * (1 + Math.Abs(xs[i]));
            }
            Assert.True(Math.Abs(r0) <= 1e-12 * scale && Math.Abs(r1) <= 1e-12 * scale, $"normal equations violated: {r0}, {r1}");
        }, iter: 200, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void TwoPointsGiveAnExactLineWithoutStandardErrors()
    {
        var fit = LinearFit.Fit([1, 3], [1, 5]);
        Assert.Equal(2, fit.Slope, 14);
        Assert.Equal(-1, fit.Intercept, 14);
        Assert.True(double.IsNaN(fit.SlopeStandardError));
        Assert.True(double.IsNaN(fit.SlopeLower));
    }

    [Fact]
    public void RejectsDegenerateInput()
    {
        Assert.Throws<ArgumentException>(() => LinearFit.Fit([1, 1, 1], [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => LinearFit.Fit([1], [1]));
        Assert.Throws<ArgumentException>(() => LinearFit.Fit([1, 2], [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => LinearFit.Fit([1, 2, double.NaN], [1, 2, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearFit.Fit([1, 2, 3], [1, 2, 3], 1.0));
    }
}
