using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Theory.Xor;

namespace TheoryCheck.Tests.Theory.Xor;

public sealed class XorOccupancyTests
{
    [Fact]
    public void ThreeThirtySecondsAndTheQuotedTable()
    {
        Assert.Equal(3.0 / 32, XorOccupancy.SuccessProbability(4), 15);
        (int K, double P)[] table = [(4, 0.0938), (5, 0.2344), (6, 0.3809), (7, 0.5127), (8, 0.6229), (10, 0.7806), (12, 0.8748), (16, 0.9600)];
        foreach (var (k, p) in table) Assert.Equal(p, XorOccupancy.SuccessProbability(k), 4);
        var eight = XorOccupancy.CoveredDistribution(8);
        Assert.Equal(0.0233, eight[2], 4);
        Assert.Equal(0.3538, eight[3], 4);
        Assert.Equal(0.6229, eight[4], 4);
        Assert.Equal(0, XorOccupancy.SuccessProbability(3));
    }

    /// <summary>The occupancy law equals brute-force enumeration of all 4^K assignments of neurons to clusters.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    public void OccupancyLawEqualsEnumeration(int width)
    {
        var counts = new double[5];
        int total = 1 << (2 * width);
        for (int code = 0; code < total; code++)
        {
            int mask = 0;
            for (int i = 0; i < width; i++) mask |= 1 << ((code >> (2 * i)) & 3);
            counts[System.Numerics.BitOperations.PopCount((uint)mask)]++;
        }
        var law = XorOccupancy.CoveredDistribution(width);
        for (int j = 0; j <= 4; j++) Assert.Equal(counts[j] / total, law[j], 14);
        Assert.Equal(1, law.Sum(), 14);
    }

    /// <summary>
    /// The mechanism behind the law (xor.md §7.3) in the λ = ∞ reduced dynamics: from small random overlaps
    /// (m ~ N(0, 0.01), v ~ N(0, 1), R⊥ = I) each neuron's signs pick a cluster; after t = 60 the covered-count histogram of
    /// 300 starts (K = 4, β = 0.05) matches the occupancy law (each cell within 4 binomial standard errors).
    /// </summary>
    [Fact]
    public void ReducedDynamicsFromRandomStartsFollowTheOccupancyLaw()
    {
        const int width = 4, runs = 300;
        var parameters = new XorParameters(width);
        var histogram = new double[5];
        var stream = new RandomStream(new StreamKey(2024, 7));
        var grid = TimeGrid.FromPoints([0, 60]);
        for (int run = 0; run < runs; run++)
        {
            var v = new double[width];
            var mmu = new double[width];
            var mnu = new double[width];
            for (int i = 0; i < width; i++)
            {
                v[i] = stream.NextNormal();
                mmu[i] = 0.1 * stream.NextNormal();
                mnu[i] = 0.1 * stream.NextNormal();
            }
            var identity = new double[width * width];
            for (int i = 0; i < width; i++) identity[i * width + i] = 1;
            var final = XorLargeLambda.Solve(parameters, grid, 0.1, new XorStatistics(v, mmu, mnu, identity)).FinalState;
            histogram[XorCoverage.Count(final)]++;
        }
        var law = XorOccupancy.CoveredDistribution(width);
        for (int j = 0; j <= 4; j++)
        {
            double se = Math.Sqrt(law[j] * (1 - law[j]) / runs);
            Assert.True(Math.Abs(histogram[j] / runs - law[j]) <= 4 * se + 1.0 / runs, $"covered {j}: {histogram[j] / runs} vs {law[j]}");
        }
    }
}
