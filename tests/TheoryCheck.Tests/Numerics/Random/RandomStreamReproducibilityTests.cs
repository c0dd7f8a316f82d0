using TheoryCheck.Numerics.Random;
using Xunit.Abstractions;

// Not "…Numerics.Random": a namespace named Random under TheoryCheck.Tests.Numerics would shadow System.Random
// in every sibling test namespace (TheoryCheck.Tests.Numerics.*).
namespace TheoryCheck.Tests.Numerics.RandomStreams;

/// <summary>Bit-for-bit reproducibility: keys, chunking, skipping, single draws versus fills, and SIMD paths.</summary>
public class RandomStreamReproducibilityTests(ITestOutputHelper output)
{
    private static readonly SimdPath[] SupportedPaths = Enum.GetValues<SimdPath>().Where(RandomStream.IsSupported).ToArray();

    // Starting positions: even, odd, a block index crossing 2^32 inside a vector, and the wrap at 2^64.
    public static TheoryData<ulong> Starts => new() { 0UL, 1UL, 14UL, (1UL << 33) - 23, ulong.MaxValue - 20 };

    [Fact]
    public void SameKey_GivesSameSequence_DifferentKeysDiffer()
    {
        var a = new RandomStream(StreamKey.Derive(1, "same"));
        var b = new RandomStream(StreamKey.Derive(1, "same"));
        var c = new RandomStream(StreamKey.Derive(2, "same"));
        var x = new double[1000];
        var y = new double[1000];
        var w = new double[1000];
        a.FillNormal(x);
        b.FillNormal(y);
        c.FillNormal(w);
        Assert.True(SampleStatistics.BitwiseEqual(x, y, out _));
        Assert.DoesNotContain(true, x.Zip(w, (p, q) => p == q));
        Assert.Equal(a.NextUInt64(), b.NextUInt64());
    }

    [Theory]
    [MemberData(nameof(Starts))]
    public void EveryPath_GivesTheScalarBits(ulong start)
    {
        var key = StreamKey.Derive(77, "paths");
        const int length = 1237; // odd, not a multiple of any vector width
        var reference = new double[length];
        var uniformReference = new double[length];
        var rawReference = new ulong[length];
        RandomStream.FillNormal(key, start, reference, SimdPath.Scalar);
        RandomStream.FillUniform(key, start, uniformReference, SimdPath.Scalar);
        RandomStream.FillUInt64(key, start, rawReference, SimdPath.Scalar);

        foreach (SimdPath path in SupportedPaths)
        {
            var normals = new double[length];
            var uniforms = new double[length];
            var raw = new ulong[length];
            var affine = new double[length];
            RandomStream.FillNormal(key, start, normals, path);
            RandomStream.FillUniform(key, start, uniforms, path);
            RandomStream.FillUInt64(key, start, raw, path);
            RandomStream.FillNormal(key, start, affine, 1.5, 2.5, path);

            Assert.True(SampleStatistics.BitwiseEqual(reference, normals, out int at), $"{path} normals differ at {at}");
            Assert.True(SampleStatistics.BitwiseEqual(uniformReference, uniforms, out at), $"{path} uniforms differ at {at}");
            Assert.Equal(rawReference, raw);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(Math.FusedMultiplyAdd(reference[i], 2.5, 1.5), affine[i]);
            }
        }

        output.WriteLine($"paths compared with Scalar: {string.Join(", ", SupportedPaths)} (best: {RandomStream.BestPath})");
    }

    [Fact]
    public void EveryPath_GivesTheScalarBits_OnALongSpan()
    {
        var key = new StreamKey(0xDEADBEEF, 0xC0FFEE);
        var reference = new double[1 << 18];
        RandomStream.FillNormal(key, 3, reference, SimdPath.Scalar);
        foreach (SimdPath path in SupportedPaths)
        {
            var normals = new double[reference.Length];
            RandomStream.FillNormal(key, 3, normals, path);
            Assert.True(SampleStatistics.BitwiseEqual(reference, normals, out int at), $"{path} differs at {at}");
        }
    }

    [Theory]
    [MemberData(nameof(Starts))]
    public void ChunkedFills_EqualOneFill(ulong start)
    {
        var key = StreamKey.Derive(3, "chunks");
        int[] chunks = [1, 2, 3, 5, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 0, 100, 1, 255];
        int total = chunks.Sum();
        foreach (SimdPath path in SupportedPaths)
        {
            var whole = new double[total];
            var pieces = new double[total];
            var wholeUniform = new double[total];
            var pieceUniform = new double[total];
            RandomStream.FillNormal(key, start, whole, path);
            RandomStream.FillUniform(key, start, wholeUniform, path);
            var stream = new RandomStream(key, start);
            var uniformStream = new RandomStream(key, start);
            int offset = 0;
            foreach (int chunk in chunks)
            {
                RandomStream.FillNormal(key, stream.Position, pieces.AsSpan(offset, chunk), path);
                stream.Skip((ulong)chunk);
                uniformStream.FillUniform(pieceUniform.AsSpan(offset, chunk));
                offset += chunk;
            }

            Assert.True(SampleStatistics.BitwiseEqual(whole, pieces, out int at), $"{path} normals differ at {at}");
            Assert.True(SampleStatistics.BitwiseEqual(wholeUniform, pieceUniform, out at), $"uniforms differ at {at}");
            Assert.Equal(unchecked(start + (ulong)total), stream.Position);
        }
    }

    [Theory]
    [MemberData(nameof(Starts))]
    public void SkipThenFill_EqualsFillAndDrop(ulong start)
    {
        var key = StreamKey.Derive(3, "skip");
        foreach (ulong skip in new ulong[] { 0, 1, 2, 9, 16, 1001 })
        {
            var long_ = new double[(int)skip + 300];
            new RandomStream(key, start).FillNormal(long_);
            var skipped = new RandomStream(key, start);
            skipped.Skip(skip);
            var tail = new double[300];
            skipped.FillNormal(tail);
            Assert.True(SampleStatistics.BitwiseEqual(long_.AsSpan((int)skip), tail, out int at), $"skip {skip}: differs at {at}");
        }
    }

    [Theory]
    [MemberData(nameof(Starts))]
    public void SingleDraws_EqualFills(ulong start)
    {
        var key = StreamKey.Derive(3, "single");
        const int length = 77;
        var normals = new double[length];
        var uniforms = new double[length];
        var raw = new ulong[length];
        RandomStream.FillNormal(key, start, normals);
        RandomStream.FillUniform(key, start, uniforms);
        RandomStream.FillUInt64(key, start, raw);

        var normalStream = new RandomStream(key, start);
        var uniformStream = new RandomStream(key, start);
        var rawStream = new RandomStream(key, start);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(BitConverter.DoubleToUInt64Bits(normals[i]), BitConverter.DoubleToUInt64Bits(normalStream.NextNormal()));
            Assert.Equal(uniforms[i], uniformStream.NextDouble());
            Assert.Equal(raw[i], rawStream.NextUInt64());
        }

        Assert.Equal(unchecked(start + length), normalStream.Position);
    }

    [Fact]
    public void PositionSetter_RewindsExactly()
    {
        var stream = new RandomStream(StreamKey.Derive(3, "rewind"));
        stream.NextNormal();
        double a = stream.NextNormal();
        ulong b = stream.NextUInt64();
        stream.Position = 1;
        Assert.Equal(a, stream.NextNormal());
        Assert.Equal(b, stream.NextUInt64());
    }

    [Fact]
    public void UnsupportedPath_Throws()
    {
        foreach (SimdPath path in Enum.GetValues<SimdPath>().Where(p => !RandomStream.IsSupported(p)))
        {
            Assert.Throws<PlatformNotSupportedException>(() => RandomStream.FillNormal(new StreamKey(1, 1), 0, new double[4], path));
        }

        Assert.True(RandomStream.IsSupported(SimdPath.Scalar));
        Assert.True(RandomStream.IsSupported(RandomStream.BestPath));
    }
}
