using TheoryCheck.Numerics.Random;

// Not "…Numerics.Random": a namespace named Random under TheoryCheck.Tests.Numerics would shadow System.Random
// in every sibling test namespace (TheoryCheck.Tests.Numerics.*).
namespace TheoryCheck.Tests.Numerics.RandomStreams;

public class Philox4x32Tests
{
    // Random123 tests/kat_vectors, the three "philox4x32 10" lines: counter (4 words), key (2 words), output (4 words).
    public static TheoryData<uint[], uint[], uint[]> KnownAnswers => new()
    {
        { [0x00000000, 0x00000000, 0x00000000, 0x00000000], [0x00000000, 0x00000000], [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8] },
        { [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0xffffffff, 0xffffffff], [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd] },
        { [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0], [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1] },
    };

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void Compute_MatchesRandom123KnownAnswers(uint[] counter, uint[] key, uint[] expected)
    {
        Philox4x32Block output = Philox4x32.Compute(new(counter[0], counter[1], counter[2], counter[3]), key[0], key[1]);

        Assert.Equal(new Philox4x32Block(expected[0], expected[1], expected[2], expected[3]), output);
    }

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void VectorisedKernels_MatchKnownAnswers_OnEveryPath(uint[] counter, uint[] key, uint[] expected)
    {
        // Streams read counter (block lo, block hi | domain bit, stream lo, stream hi) under key (seed lo, seed hi):
        // every KAT counter is block c0 + 2^32·(c1 mod 2^31) of the domain given by c1's top bit. The KAT position is
        // placed in the middle of a span so the block runs through a full vector lane, not only the scalar edges.
        var streamKey = new StreamKey(key[0] | ((ulong)key[1] << 32), counter[2] | ((ulong)counter[3] << 32));
        ulong block = counter[0] | ((ulong)(counter[1] & 0x7FFF_FFFF) << 32);
        uint domain = counter[1] & 0x8000_0000;
        foreach (SimdPath path in Enum.GetValues<SimdPath>().Where(RandomStream.IsSupported))
        {
            var words = new ulong[96];
            ulong start = unchecked((2 * block) - 40);
            RandomStream.FillWords(streamKey, domain, start, words, path);
            Assert.Equal(expected[0] | ((ulong)expected[1] << 32), words[40]);
            Assert.Equal(expected[2] | ((ulong)expected[3] << 32), words[41]);
        }
    }

    [Fact]
    public void RawWords_FollowTheDocumentedCounterLayout()
    {
        var key = new StreamKey(0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210);
        ulong start = (1UL << 33) - 37; // block indices cross a 2^32 boundary inside the span
        var words = new ulong[200];
        RandomStream.FillUInt64(key, start, words);

        for (int i = 0; i < words.Length; i++)
        {
            ulong position = start + (ulong)i;
            ulong block = position >> 1;
            Philox4x32Block reference = Philox4x32.Compute(
                new((uint)block, (uint)(block >> 32), (uint)key.Stream, (uint)(key.Stream >> 32)),
                (uint)key.Seed,
                (uint)(key.Seed >> 32));
            Assert.Equal((position & 1) == 0 ? reference.Low : reference.High, words[i]);
        }
    }

    [Fact]
    public void Compute_IsABijectionOnASmallCounterSet()
    {
        // Distinct counters under one key must give distinct blocks (Philox is a permutation of the counter space).
        var seen = new HashSet<Philox4x32Block>();
        for (uint i = 0; i < 4096; i++)
        {
            Assert.True(seen.Add(Philox4x32.Compute(new(i, i >> 3, 7, 0), 11, 13)));
        }
    }
}
