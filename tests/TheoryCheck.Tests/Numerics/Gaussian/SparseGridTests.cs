using TheoryCheck.Numerics.Gaussian;

namespace TheoryCheck.Tests.Numerics.Gaussian;

public class SparseGridTests
{
    /// <summary>E z^α for z ~ N(0, I): Π (α_i − 1)!! if every α_i is even, else 0.</summary>
    private static double Moment(int[] alpha)
    {
        double r = 1;
        foreach (int a in alpha) r *= GaussianTestSupport.StandardMoment(a);
        return r;
    }

    private static IEnumerable<int[]> Multi(int k, int maxDegree)
    {
        var alpha = new int[k];
        return Recurse(0, maxDegree);
        IEnumerable<int[]> Recurse(int d, int remaining)
        {
            if (d == k) { yield return (int[])alpha.Clone(); yield break; }
            for (int a = 0; a <= remaining; a++)
            {
                alpha[d] = a;
                foreach (var m in Recurse(d + 1, remaining - a)) yield return m;
            }
        }
    }

    [Theory]
    [InlineData(1, 6)]
    [InlineData(2, 6)]
    [InlineData(3, 5)]
    [InlineData(5, 5)]
    [InlineData(8, 4)]
    public void LevelLIsExactForTotalDegreeTwoLMinusOne(int k, int maxLevel)
    {
        for (int level = 1; level <= maxLevel; level++)
        {
            var rule = SparseGrid.GenzKeister(k, level);
            Assert.Equal(2 * level - 1, rule.ExactDegree);
            double weightSum = 0;
            foreach (double w in rule.Weights) weightSum += w;
            Assert.Equal(1.0, weightSum, 1e-14);
            foreach (var alpha in Multi(k, 2 * level - 1))
            {
                double q = 0, scale = 0;
                for (int j = 0; j < rule.Count; j++)
                {
                    var z = rule.Node(j);
                    double term = rule.Weights[j];
                    for (int d = 0; d < k; d++) if (alpha[d] > 0) term *= Math.Pow(z[d], alpha[d]);
                    q += term;
                    scale += Math.Abs(term);
                }
                Assert.True(Math.Abs(q - Moment(alpha)) <= 1e-14 * scale + 1e-15,
                    $"k={k}, level={level}, α=({string.Join(",", alpha)}): {q:R} vs {Moment(alpha)}");
            }
        }
    }

    [Fact]
    public void LevelTwoMissesAMixedFourthMoment()
    {
        // Level 2 in 2-d is U¹⊗U² + U²⊗U¹ − U¹⊗U¹ (U¹ the midpoint rule): E z₁²z₂² = 1 is integrated as 0.
        var rule = SparseGrid.GenzKeister(2, 2);
        double q = GaussianTestSupport.Apply(rule, z => z[0] * z[0] * z[1] * z[1]);
        Assert.Equal(0.0, q, 1e-15);
    }

    [Fact]
    public void OneDimensionalGridIsTheGenzKeisterRuleForThatDegree()
    {
        // Level l in 1-d uses the smallest nested rule exact to degree 2l − 1: orders 1; 3, 3; 9 (×5); 19 (×7); 35.
        int[] expectedOrders = [1, 3, 3, 9, 9, 9, 9, 9, 19, 19, 19, 19, 19, 19, 19, 35];
        for (int level = 1; level <= expectedOrders.Length; level++)
            Assert.Equal(expectedOrders[level - 1], SparseGrid.GenzKeister(1, level).Count);
    }

    [Fact]
    public void RejectsBadArguments()
    {
        Assert.Throws<ArgumentException>(() => SparseGrid.GenzKeister(0, 3));
        Assert.Throws<ArgumentException>(() => SparseGrid.GenzKeister(3, 0));
        Assert.Throws<ArgumentException>(() => SparseGrid.GenzKeister(3, SparseGrid.MaxLevel + 1));
    }
}
