using TheoryCheck.Numerics.Gaussian;

namespace TheoryCheck.Tests.Numerics.Gaussian;

public class SobolRuleTests
{
    [Fact]
    public void FirstPointsFollowTheDefinition()
    {
        // Coordinate 0 is van der Corput; coordinate 1 (s = 1, m₁ = 1) has m = 1, 3, 5, 15, …, i.e. directions
        // 1/2, 3/4, 5/8, 15/16: XOR by the bits of the (natural-order) index.
        double[] vanDerCorput = [0, 0.5, 0.25, 0.75, 0.125, 0.625, 0.375, 0.875];
        double[] second = [0, 0.5, 0.75, 0.25, 0.625, 0.125, 0.375, 0.875];
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(vanDerCorput[i], SobolSequence.Unscrambled(i, 0));
            Assert.Equal(second[i], SobolSequence.Unscrambled(i, 1));
        }
    }

    [Fact]
    public void DirectionTableUsesPrimitivePolynomialsAndValidInitialValues()
    {
        foreach (var (s, a, m) in SobolSequence.JoeKuo)
        {
            Assert.Equal(s, m.Length);
            for (int i = 0; i < s; i++)
            {
                Assert.True((m[i] & 1) == 1 && m[i] < (1u << (i + 1)), $"m_{i + 1} = {m[i]} invalid for degree {s}");
            }
            // p(x) = x^s + a₁x^{s−1} + … + a_{s−1}x + 1 over GF(2); primitive ⇔ the order of x is 2^s − 1.
            uint poly = (1u << s) | (a << 1) | 1u;
            uint power = 1;
            int order = 0;
            do
            {
                power <<= 1;
                if ((power & (1u << s)) != 0) power ^= poly;
                order++;
            } while (power != 1 && order < 1 << s);
            Assert.Equal((1 << s) - 1, order);
        }
    }

    /// <summary>Checks that the first 2^m points form a (0, m, 2)-net in the coordinate pair (0, 1) and are
    /// stratified in every single coordinate.</summary>
    private static void AssertNet(Func<long, int, double> point, int m, int dimensions)
    {
        int n = 1 << m;
        for (int d = 0; d < dimensions; d++)
        {
            var seen = new bool[n];
            for (int i = 0; i < n; i++)
            {
                int cell = (int)Math.Floor(point(i, d) * n);
                Assert.False(seen[cell], $"coordinate {d}: two points in cell {cell}");
                seen[cell] = true;
            }
        }
        for (int p = 0; p <= m; p++)
        {
            var seen = new bool[n];
            for (int i = 0; i < n; i++)
            {
                int a = (int)Math.Floor(point(i, 0) * (1 << p));
                int b = (int)Math.Floor(point(i, 1) * (1 << (m - p)));
                int cell = a * (1 << (m - p)) + b;
                Assert.False(seen[cell], $"elementary box 2^-{p}×2^-{m - p}: two points in cell {cell}");
                seen[cell] = true;
            }
        }
    }

    [Fact]
    public void UnscrambledAndScrambledPointsFormNets()
    {
        AssertNet((i, d) => SobolSequence.Unscrambled(i, d), 10, SobolSequence.MaxDimension);
        // Owen scrambling is a nested permutation of digits: it must preserve every net property.
        AssertNet((i, d) => SobolSequence.OwenScrambled(i, d, 1234567UL + (ulong)d * 7919UL), 10, SobolSequence.MaxDimension);
    }

    [Fact]
    public void ScramblingIsDeterministicAndSeedDependent()
    {
        double a = SobolSequence.OwenScrambled(5, 2, 42);
        Assert.Equal(a, SobolSequence.OwenScrambled(5, 2, 42));
        Assert.NotEqual(a, SobolSequence.OwenScrambled(5, 2, 43));
        Assert.InRange(a, double.Epsilon, 1.0 - 1e-16);
        var rule1 = SobolRule.Create(3, 256, 9, 4);
        var rule2 = SobolRule.Create(3, 256, 9, 4);
        Assert.True(rule1.Nodes.SequenceEqual(rule2.Nodes));
        Assert.False(rule1.Nodes.SequenceEqual(SobolRule.Create(3, 256, 10, 4).Nodes));
    }

    [Fact]
    public void ScrambledPointsAreUniformOverRandomisations()
    {
        // The mean of the scrambled first coordinate over R independent scramblings of a single point is uniform:
        // check mean ≈ 1/2 and variance ≈ 1/12 for the point with index 3 over 20000 seeds (5 standard errors).
        const int seeds = 20000;
        double sum = 0, sumSq = 0;
        for (int s = 0; s < seeds; s++)
        {
            double u = SobolSequence.OwenScrambled(3, 1, (ulong)s * 0x9E3779B97F4A7C15UL);
            sum += u;
            sumSq += u * u;
        }
        double mean = sum / seeds, variance = sumSq / seeds - mean * mean;
        Assert.True(Math.Abs(mean - 0.5) <= 5 * Math.Sqrt(1.0 / 12 / seeds), $"mean {mean}");
        Assert.True(Math.Abs(variance - 1.0 / 12) <= 5 * Math.Sqrt(1.0 / 180 / seeds), $"variance {variance}");
    }

    [Fact]
    public void RuleStructureAndReplicates()
    {
        var rule = SobolRule.Create(4, 512, 77, randomizations: 8);
        Assert.Equal(4096, rule.Count);
        Assert.Equal(8, rule.ReplicateCount);
        Assert.Equal(512, rule.ReplicateSize);
        Assert.Equal(GaussianErrorMethod.Replicates, rule.ErrorMethod);
        Assert.Null(rule.Refinement);
        var single = SobolRule.Create(2, 1024, 77, randomizations: 1);
        Assert.Equal(1024, single.ReplicateCount); // iid fallback
        Assert.Throws<ArgumentException>(() => SobolRule.Create(17, 64, 1));
        Assert.Throws<ArgumentException>(() => SobolRule.Create(2, 1, 1));
    }
}
