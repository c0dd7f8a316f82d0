using TheoryCheck.Numerics.Gaussian;
using TheoryCheck.Numerics.LinearAlgebra;

namespace TheoryCheck.Tests.Numerics.Gaussian;

public sealed class RandomizedQmcRuleTests
{
    [Fact]
    public void BlocksAreIndependentScramblingsAndBeyondSixteenDimensionsMonteCarlo()
    {
        var rule = RandomizedQmcRule.Create(4, 256, 11, 4);
        Assert.Equal(1024, rule.Count);
        Assert.Equal(StandardNormalRuleFamily.ScrambledSobol, rule.Family);
        // Each block estimates E z₁² = 1 on its own; the blocks differ (independent scramblings).
        var estimates = Enumerable.Range(0, 4).Select(b => Enumerable.Range(b * 256, 256).Average(j => rule.Node(j)[0] * rule.Node(j)[0])).ToArray();
        Assert.All(estimates, e => Assert.InRange(e, 0.9, 1.1));
        Assert.True(estimates.Distinct().Count() == 4);
        Assert.True(RandomizedQmcRule.IsQuasiRandom(16));
        Assert.False(RandomizedQmcRule.IsQuasiRandom(17));
        var mc = RandomizedQmcRule.Create(17, 64, 11, 2);
        Assert.Equal(StandardNormalRuleFamily.MonteCarlo, mc.Family);
        Assert.Equal(128, mc.Count);
        // Same seed, same points (common random numbers).
        Assert.True(rule.Nodes.SequenceEqual(RandomizedQmcRule.Create(4, 256, 11, 4).Nodes));
    }

    [Fact]
    public void HeavisideIsTheAutogradReluDerivative()
    {
        double[] x = [-1, 0, 1e-300, 2, double.NaN, -0.0, 3, -4, 5, 6, 7];
        var y = new double[x.Length];
        ElementwiseKernels.Heaviside(x, y);
        Assert.Equal([0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1], y);
    }
}
