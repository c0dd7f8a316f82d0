using TheoryCheck.Numerics.Random;

// Not "…Numerics.Random": a namespace named Random under TheoryCheck.Tests.Numerics would shadow System.Random
// in every sibling test namespace (TheoryCheck.Tests.Numerics.*).
namespace TheoryCheck.Tests.Numerics.RandomStreams;

public class StreamKeyTests
{
    // Expected streams computed by an independent Python implementation of the documented hash (FNV-1a 64 over
    // [len:int64][UTF-16LE code units][count:int64][indices:int64 LE], then the SplitMix64 finaliser).
    [Theory]
    [InlineData(0UL, "", new long[0], 0x68752350ae1d483fUL)]
    [InlineData(42UL, "sgd-noise", new long[] { 1000, 3 }, 0xf6999eec7ae3cc9dUL)]
    [InlineData(7UL, "claim/\u03b8", new long[] { -1 }, 0x4c6539692ab31fc7UL)]
    [InlineData(42UL, "sgd-noise", new long[] { 3, 1000 }, 0xe61fa85e8da2a1caUL)]
    public void Derive_MatchesIndependentImplementation(ulong seed, string label, long[] indices, ulong expectedStream)
    {
        StreamKey key = StreamKey.Derive(seed, label, indices);

        Assert.Equal(seed, key.Seed);
        Assert.Equal(expectedStream, key.Stream);
    }

    [Fact]
    public void Derive_ParamsAndSpanOverloadsAgree()
    {
        Assert.Equal(
            StreamKey.Derive(5, "replicate", 1, 2, 3),
            StreamKey.Derive(5, "replicate", (ReadOnlySpan<long>)[1, 2, 3]));
    }

    [Fact]
    public void Derive_SeparatesNearbyArguments()
    {
        var streams = new HashSet<ulong>();
        foreach (string label in new[] { "", "a", "b", "ab", "a\0" })
        {
            for (long d = 0; d < 50; d++)
            {
                Assert.True(streams.Add(StreamKey.Derive(1, label, d).Stream));
                Assert.True(streams.Add(StreamKey.Derive(1, label, d, 0).Stream));
            }

            Assert.True(streams.Add(StreamKey.Derive(1, label).Stream));
        }
    }

    [Fact]
    public void Derive_RejectsNull()
    {
        Assert.Throws<ArgumentNullException>(() => StreamKey.Derive(1, null!, 1));
        Assert.Throws<ArgumentNullException>(() => StreamKey.Derive(1, "x", (long[])null!));
    }
}
