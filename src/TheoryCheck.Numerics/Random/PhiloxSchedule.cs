using System.Runtime.CompilerServices;

namespace TheoryCheck.Numerics.Random;

/// <summary>
/// Broadcast round keys of Philox4x32-10 for one (seed, stream, domain), plus the first round's terms that do not
/// depend on the block index (counter words 2 and 3 are the stream id, constant for a stream).
/// </summary>
internal struct PhiloxSchedule<TBits>
    where TBits : struct
{
    /// <summary>Counter word 1 bits above the block index: 0 for raw draws, 2^31 for the normal domain.</summary>
    public TBits DomainWord;

    /// <summary>Round 0: full product M1·c2 (becomes counter word 1).</summary>
    public TBits Round0Product1;

    /// <summary>Round 0: hi(M1·c2) ⊕ k0.</summary>
    public TBits Round0High1Key0;

    /// <summary>Round 0: c3 ⊕ k1.</summary>
    public TBits Round0Counter3Key1;

    public TBits Low32Mask;

    public TBits Key0Round1, Key0Round2, Key0Round3, Key0Round4, Key0Round5,
        Key0Round6, Key0Round7, Key0Round8, Key0Round9;

    public TBits Key1Round1, Key1Round2, Key1Round3, Key1Round4, Key1Round5,
        Key1Round6, Key1Round7, Key1Round8, Key1Round9;

    /// <summary>The schedule for <paramref name="key"/> in the counter domain <paramref name="domainWord"/>.</summary>
    public static PhiloxSchedule<TBits> Create<TLanes, TReal>(StreamKey key, uint domainWord)
        where TLanes : struct, ILanes<TBits, TReal>
        where TReal : struct
    {
        uint key0 = (uint)key.Seed;
        uint key1 = (uint)(key.Seed >> 32);
        uint counter2 = (uint)key.Stream;
        uint counter3 = (uint)(key.Stream >> 32);
        ulong product1 = (ulong)Philox4x32.Multiplier1 * counter2;
        const uint w0 = Philox4x32.Weyl0;
        const uint w1 = Philox4x32.Weyl1;

        PhiloxSchedule<TBits> schedule = default;
        schedule.DomainWord = TLanes.Broadcast(domainWord);
        schedule.Round0Product1 = TLanes.Broadcast(product1);
        schedule.Round0High1Key0 = TLanes.Broadcast((uint)(product1 >> 32) ^ key0);
        schedule.Round0Counter3Key1 = TLanes.Broadcast(counter3 ^ key1);
        schedule.Low32Mask = TLanes.Broadcast(0xFFFF_FFFFUL);
        schedule.Key0Round1 = TLanes.Broadcast(RoundKey(key0, w0, 1));
        schedule.Key0Round2 = TLanes.Broadcast(RoundKey(key0, w0, 2));
        schedule.Key0Round3 = TLanes.Broadcast(RoundKey(key0, w0, 3));
        schedule.Key0Round4 = TLanes.Broadcast(RoundKey(key0, w0, 4));
        schedule.Key0Round5 = TLanes.Broadcast(RoundKey(key0, w0, 5));
        schedule.Key0Round6 = TLanes.Broadcast(RoundKey(key0, w0, 6));
        schedule.Key0Round7 = TLanes.Broadcast(RoundKey(key0, w0, 7));
        schedule.Key0Round8 = TLanes.Broadcast(RoundKey(key0, w0, 8));
        schedule.Key0Round9 = TLanes.Broadcast(RoundKey(key0, w0, 9));
        schedule.Key1Round1 = TLanes.Broadcast(RoundKey(key1, w1, 1));
        schedule.Key1Round2 = TLanes.Broadcast(RoundKey(key1, w1, 2));
        schedule.Key1Round3 = TLanes.Broadcast(RoundKey(key1, w1, 3));
        schedule.Key1Round4 = TLanes.Broadcast(RoundKey(key1, w1, 4));
        schedule.Key1Round5 = TLanes.Broadcast(RoundKey(key1, w1, 5));
        schedule.Key1Round6 = TLanes.Broadcast(RoundKey(key1, w1, 6));
        schedule.Key1Round7 = TLanes.Broadcast(RoundKey(key1, w1, 7));
        schedule.Key1Round8 = TLanes.Broadcast(RoundKey(key1, w1, 8));
        schedule.Key1Round9 = TLanes.Broadcast(RoundKey(key1, w1, 9));
        return schedule;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint RoundKey(uint key, uint weyl, uint round) => unchecked(key + (round * weyl));
}
