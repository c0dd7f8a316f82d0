using TheoryCheck.Numerics.Gaussian;

namespace TheoryCheck.Tests.Numerics.Gaussian;

public class MonteCarloRuleTests
{
    [Fact]
    public void DrawsHaveStandardNormalMoments()
    {
        // N = 200000 draws of a 2-d normal; every check within 5 standard errors of the exact moment.
        const int n = 100000;
        var rule = MonteCarloRule.Create(2, n, seed: 2024);
        double m1 = 0, m2 = 0, m4 = 0, cross = 0;
        for (int j = 0; j < n; j++)
        {
            var z = rule.Node(j);
            foreach (double v in z) { m1 += v; m2 += v * v; m4 += v * v * v * v; }
            cross += z[0] * z[1];
        }
        int count = 2 * n;
        Assert.True(Math.Abs(m1 / count) <= 5 * Math.Sqrt(1.0 / count));
        Assert.True(Math.Abs(m2 / count - 1) <= 5 * Math.Sqrt(2.0 / count));
        Assert.True(Math.Abs(m4 / count - 3) <= 5 * Math.Sqrt(96.0 / count));
        Assert.True(Math.Abs(cross / n) <= 5 * Math.Sqrt(1.0 / n));
    }

    [Fact]
    public void StandardErrorMatchesTheoryForALinearIntegrand()
    {
        // f(x) = x₁ with Var x₁ = 4: SE = 2/√N; the estimated SE has relative sd ≈ 1/√(2N) ≈ 0.3 %, allow 3 %.
        const int n = 50000;
        var rule = MonteCarloRule.Create(1, n, seed: 99);
        var result = GaussianExpectation.Evaluate(rule, [1.0], new double[,] { { 4.0 } }, (x, o) => o[0] = x[0], 1);
        Assert.Equal(GaussianErrorMethod.Replicates, result.ErrorMethod);
        Assert.Equal(2 / Math.Sqrt(n), result.ErrorEstimate[0], 0.03 * 2 / Math.Sqrt(n));
        Assert.True(Math.Abs(result.Value[0] - 1.0) <= 5 * result.ErrorEstimate[0]);
    }

    [Fact]
    public void AntitheticPairsIntegrateOddFunctionsExactly()
    {
        var rule = MonteCarloRule.Create(3, 1000, seed: 5, antithetic: true);
        Assert.Equal(500, rule.ReplicateCount);
        Assert.Equal(2, rule.ReplicateSize);
        var result = GaussianExpectation.Evaluate(rule, [0, 0, 0], new double[,] { { 1, 0, 0 }, { 0, 2, 0 }, { 0, 0, 3 } },
            (x, o) => { o[0] = x[0] * x[1] * x[2] + x[1]; o[1] = Math.Sin(x[2]); }, 2);
        Assert.Equal(0.0, result.Value[0], 1e-15);
        Assert.Equal(0.0, result.Value[1], 1e-15);
        Assert.True(result.ErrorEstimate[0] < 1e-14); // the 8ε·mean|f| round-off floor only
    }

    [Fact]
    public void SameSeedSameDraws()
    {
        Assert.True(MonteCarloRule.Create(2, 64, 1).Nodes.SequenceEqual(MonteCarloRule.Create(2, 64, 1).Nodes));
        Assert.False(MonteCarloRule.Create(2, 64, 1).Nodes.SequenceEqual(MonteCarloRule.Create(2, 64, 2).Nodes));
        Assert.Throws<ArgumentException>(() => MonteCarloRule.Create(2, 7, 1, antithetic: true));
    }
}
