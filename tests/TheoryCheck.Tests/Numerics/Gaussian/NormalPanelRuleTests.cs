using TheoryCheck.Numerics.Gaussian;

namespace TheoryCheck.Tests.Numerics.Gaussian;

public sealed class NormalPanelRuleTests
{
    private static readonly NormalPanelRule Rule = new(-40, 40);

    private static double Expect(double mean, double variance, Func<double, double> f)
    {
        var nodes = new double[Rule.MaxNodeCount];
        var weights = new double[Rule.MaxNodeCount];
        int n = Rule.Build(mean, variance, nodes, weights);
        double sum = 0;
        for (int j = 0; j < n; j++) sum += weights[j] * f(nodes[j]);
        return sum;
    }

    [Theory]
    [InlineData(0.0, 1e-4)]
    [InlineData(0.3, 1.0)]
    [InlineData(-7.0, 25.0)]
    [InlineData(60.0, 900.0)]
    [InlineData(5.0, 1e6)]
    public void MomentsAndTheExponentialAreExact(double mean, double variance)
    {
        Assert.Equal(1, Expect(mean, variance, _ => 1), 13);
        Assert.Equal(mean, Expect(mean, variance, r => r), 11 - (int)Math.Log10(1 + variance) / 2);
        Assert.Equal(1, Expect(mean, variance, r => (r - mean) * (r - mean)) / variance, 12);
        Assert.Equal(3, Expect(mean, variance, r => Math.Pow(r - mean, 4)) / (variance * variance), 11);
        // E e^{r − M − S/2} over the ±Lσ window is exactly Φ(L − σ) − Φ(−L − σ) (L = 10): the tilted Gaussian, truncated.
        if (variance < 100)
        {
            double sigma = Math.Sqrt(variance);
            double expected = 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-(10 - sigma) / Math.Sqrt(2)) - 0.5 * MathNet.Numerics.SpecialFunctions.Erfc((10 + sigma) / Math.Sqrt(2));
            Assert.Equal(expected, Expect(mean, variance, r => Math.Exp(r - mean - variance / 2)), 1e-12);
        }
    }

    [Fact]
    public void TheNodeCountStaysWithinTheBound()
    {
        var nodes = new double[Rule.MaxNodeCount];
        var weights = new double[Rule.MaxNodeCount];
        foreach (double mean in new[] { -100.0, -41, -3, 0, 2.5, 39, 1e4 })
            foreach (double variance in new[] { 1e-6, 0.01, 1, 3.9, 4, 17, 400, 1e4, 1e8 })
                Assert.InRange(Rule.Build(mean, variance, nodes, weights), 1, Rule.MaxNodeCount);
        Assert.Equal(1, Rule.Build(2, 0, nodes, weights));
        Assert.Throws<ArgumentException>(() => Rule.Build(0, -1, nodes, weights));
        Assert.Throws<ArgumentException>(() => Rule.Build(0, 1, new double[3], new double[3]));
    }

    [Fact]
    public void ResolvesALogisticTransitionAtAnyScale()
    {
        // E σ(r) at M = 0 is ½ by symmetry; at large S the transition is narrow in z, which defeats Gauss–Hermite.
        foreach (double variance in new[] { 0.5, 10.0, 1e3, 1e6 })
            Assert.Equal(0.5, Expect(0, variance, r => 1 / (1 + Math.Exp(-r))), 14);
    }
}
