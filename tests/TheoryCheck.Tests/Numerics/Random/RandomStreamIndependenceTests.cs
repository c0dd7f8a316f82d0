using TheoryCheck.Numerics.Random;
using Xunit.Abstractions;

// Not "…Numerics.Random": a namespace named Random under TheoryCheck.Tests.Numerics would shadow System.Random
// in every sibling test namespace (TheoryCheck.Tests.Numerics.*).
namespace TheoryCheck.Tests.Numerics.RandomStreams;

/// <summary>
/// Correlations that must vanish: between streams with adjacent ids or seeds, between consecutive blocks of one
/// stream, within Box–Muller pairs, and between the raw and normal counter domains. With n pairs the standard error
/// of a sample correlation of independent variables is 1/√n; every check allows 5 standard errors.
/// </summary>
public class RandomStreamIndependenceTests(ITestOutputHelper output)
{
    private const int N = 1_000_000;
    private static readonly double Limit = 5 / Math.Sqrt(N);

    private static double[] Normals(StreamKey key, ulong position = 0, int length = N)
    {
        var z = new double[length];
        RandomStream.FillNormal(key, position, z);
        return z;
    }

    private void AssertUncorrelated(string what, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double r = SampleStatistics.Correlation(x, y);
        output.WriteLine($"{what}: r = {r:E3} (limit {Limit:E3})");
        Assert.True(Math.Abs(r) < Limit, $"{what}: r = {r}");
    }

    [Fact]
    public void AdjacentStreamIds_AreUncorrelated()
    {
        AssertUncorrelated("stream 0 vs 1", Normals(new StreamKey(7, 0)), Normals(new StreamKey(7, 1)));
        AssertUncorrelated("stream 41 vs 42", Normals(new StreamKey(7, 41)), Normals(new StreamKey(7, 42)));
    }

    [Fact]
    public void AdjacentSeeds_AreUncorrelated()
    {
        AssertUncorrelated("seed 0 vs 1", Normals(new StreamKey(0, 3)), Normals(new StreamKey(1, 3)));
        AssertUncorrelated("seed 2^32 vs 2^32+1", Normals(new StreamKey(1UL << 32, 3)), Normals(new StreamKey((1UL << 32) + 1, 3)));
    }

    [Fact]
    public void ConsecutiveBlocks_AreUncorrelated()
    {
        // An SGD run draws d normals per step: step t and step t+1 of the same stream, element by element.
        double[] z = Normals(StreamKey.Derive(11, "blocks"), 0, 2 * N);
        AssertUncorrelated("block [0,n) vs [n,2n)", z.AsSpan(0, N), z.AsSpan(N, N));

        // Element i of step t against element i of step t+1 for all t at d = 1000: the lag-d pairs of the stream.
        const int d = 1000;
        AssertUncorrelated("step t vs t+1 at d=1000", z.AsSpan(0, (2 * N) - d), z.AsSpan(d, (2 * N) - d));
    }

    [Fact]
    public void LagCorrelations_AndBoxMullerPairs_Vanish()
    {
        double[] z = Normals(StreamKey.Derive(11, "lags"), 0, N + 16);
        AssertUncorrelated("lag 1", z.AsSpan(0, N), z.AsSpan(1, N));
        AssertUncorrelated("lag 2 (adjacent blocks)", z.AsSpan(0, N), z.AsSpan(2, N));
        AssertUncorrelated("lag 16", z.AsSpan(0, N), z.AsSpan(16, N));

        // The two halves of a Box–Muller pair are independent normals: their squares are uncorrelated too.
        int pairs = N / 2;
        var first = new double[pairs];
        var second = new double[pairs];
        for (int j = 0; j < pairs; j++)
        {
            first[j] = z[2 * j] * z[2 * j];
            second[j] = z[(2 * j) + 1] * z[(2 * j) + 1];
        }

        double r = SampleStatistics.Correlation(first, second);
        double limit = 5 / Math.Sqrt(pairs);
        output.WriteLine($"pair squares: r = {r:E3} (limit {limit:E3})");
        Assert.True(Math.Abs(r) < limit, $"pair squares r = {r}");
    }

    [Fact]
    public void RawAndNormalDomains_AreUncorrelated()
    {
        var key = StreamKey.Derive(11, "domains");
        var u = new double[N];
        RandomStream.FillUniform(key, 0, u);
        double[] z = Normals(key);
        AssertUncorrelated("uniform(p) vs normal(p)", u, z);

        var uniformLag = new double[N + 1];
        RandomStream.FillUniform(key, 0, uniformLag);
        AssertUncorrelated("uniform lag 1", uniformLag.AsSpan(0, N), uniformLag.AsSpan(1, N));
    }
}
