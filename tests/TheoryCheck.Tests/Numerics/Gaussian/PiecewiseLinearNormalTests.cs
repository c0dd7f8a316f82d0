using TheoryCheck.Numerics.Gaussian;

namespace TheoryCheck.Tests.Numerics.Gaussian;

public sealed class PiecewiseLinearNormalTests
{
    /// <summary>Known answers: a line, a ReLU (f = max(t − 1, 0): P = Q(1)), a hat and a function that is 0 on a segment.</summary>
    [Fact]
    public void KnownAnswers()
    {
        Assert.Equal(StandardNormalDistribution.Cdf(0.5), PiecewiseLinearNormal.PositiveProbability(1, 2), 15);
        Assert.Equal(StandardNormalDistribution.Cdf(0.5), PiecewiseLinearNormal.PositiveProbability(1, -2), 15);
        Assert.Equal(1, PiecewiseLinearNormal.PositiveProbability(0.1, 0));
        Assert.Equal(0, PiecewiseLinearNormal.PositiveProbability(0, 0));
        // max(t − 1, 0): breakpoint 1, value 0, slopes 0 and 1 → P(T > 1).
        Assert.Equal(StandardNormalDistribution.UpperTail(1), PiecewiseLinearNormal.PositiveProbability([1.0], [0.0], 0, 1), 15);
        // Hat 1 − |t|: positive on (−1, 1).
        Assert.Equal(StandardNormalDistribution.IntervalProbability(-1, 1), PiecewiseLinearNormal.PositiveProbability([0.0], [1.0], 1, -1), 15);
        // −t on t < 0, 0 on [0, 2], t − 2 beyond: positive on (−∞, 0) ∪ (2, ∞).
        double expected = StandardNormalDistribution.Cdf(0) + StandardNormalDistribution.UpperTail(2);
        Assert.Equal(expected, PiecewiseLinearNormal.PositiveProbability([0.0, 2.0], [0.0, 0.0], -1, 1), 15);
    }

    /// <summary>Random piecewise-linear functions against a fine midpoint rule of ∫φ(t)1{f(t) &gt; 0}dt on [−9, 9].</summary>
    [Fact]
    public void AgreesWithDirectIntegrationOfRandomFunctions()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 40; trial++)
        {
            int m = 1 + random.Next(5);
            var breakpoints = Enumerable.Range(0, m).Select(_ => random.NextDouble() * 6 - 3).Order().ToArray();
            var values = Enumerable.Range(0, m).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            double left = random.NextDouble() * 2 - 1, right = random.NextDouble() * 2 - 1;
            double F(double t)
            {
                if (t <= breakpoints[0]) return values[0] + left * (t - breakpoints[0]);
                if (t >= breakpoints[^1]) return values[^1] + right * (t - breakpoints[^1]);
                int k = Array.FindLastIndex(breakpoints, b => b <= t);
                double w = (t - breakpoints[k]) / (breakpoints[k + 1] - breakpoints[k]);
                return values[k] + w * (values[k + 1] - values[k]);
            }
            const int n = 400_000;
            double h = 18.0 / n, integral = 0;
            for (int i = 0; i < n; i++)
            {
                double t = -9 + (i + 0.5) * h;
                if (F(t) > 0) integral += StandardNormalDistribution.Density(t) * h;
            }
            double exact = PiecewiseLinearNormal.PositiveProbability(breakpoints, values, left, right);
            // The midpoint rule errs by at most φ_max·h per crossing (≤ m + 1 crossings).
            Assert.True(Math.Abs(exact - integral) <= (m + 2) * 0.4 * h, $"trial {trial}: {exact} vs {integral}");
        }
    }
}
