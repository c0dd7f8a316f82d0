using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Tests.Numerics.RandomStreams;

/// <summary>A prepared generator gives the bits of RandomStream.FillNormal at every position, length and path.</summary>
public sealed class NormalBlockGeneratorTests
{
    [Theory]
    [InlineData(SimdPath.Scalar)]
    [InlineData(SimdPath.Vector256)]
    [InlineData(SimdPath.Vector512)]
    public void FillsAreTheStreamsNormalsBitForBit(SimdPath path)
    {
        if (!RandomStream.IsSupported(path)) return;
        var key = StreamKey.Derive(7, "test.normal-block", 3);
        var generator = new NormalBlockGenerator(key, path);
        Assert.Equal(path, generator.Path);
        Assert.Equal(key, generator.Key);
        foreach (ulong position in new ulong[] { 0, 1, 2, 31, 32, 33, 1_000_001, ulong.MaxValue - 40 })
            foreach (int length in new[] { 0, 1, 2, 17, 32, 33, 256, 1000 })
            {
                var expected = new double[length];
                var actual = new double[length];
                RandomStream.FillNormal(key, position, expected, SimdPath.Scalar);
                generator.Fill(position, actual);
                Assert.True(SampleStatistics.BitwiseEqual(expected, actual, out int at), $"position {position}, length {length}: first difference at {at}");
            }
    }
}
