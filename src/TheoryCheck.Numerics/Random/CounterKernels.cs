using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TheoryCheck.Numerics.Random;

/// <summary>
/// Width-generic Philox4x32-10 over blocks of consecutive counters and the span filler shared by every kind of draw.
/// </summary>
/// <remarks>
/// Counter layout of block b in a stream with key (seed, stream): word0 = b mod 2^32, word1 = ⌊b/2^32⌋ | domain,
/// word2 = stream mod 2^32, word3 = ⌊stream/2^32⌋; key = (seed mod 2^32, ⌊seed/2^32⌋). A block gives the draws at
/// positions 2b (words 0,1) and 2b+1 (words 2,3). Lanes keep 32-bit words zero-extended in 64-bit lanes; the upper
/// halves of intermediate words may hold garbage that the 32×32→64 multiply ignores and the final mask removes.
/// </remarks>
internal static class CounterKernels
{
    /// <summary>Counter word 1 domain bit of raw draws (integers, uniforms).</summary>
    public const uint RawDomain = 0;

    /// <summary>Counter word 1 domain bit of normal draws.</summary>
    public const uint NormalDomain = 0x8000_0000;

    /// <summary>Largest number of draws one call of <see cref="Blocks"/> produces (2 × 16 lanes).</summary>
    public const int MaxWidth = 32;

    /// <summary>Philox4x32-10 of blocks <c>block + lane</c>; <paramref name="low"/>/<paramref name="high"/> are the 64-bit draws 2b and 2b+1.</summary>
    /// <remarks>Not inlined on purpose: the paired lane types expand every operation into several inlinees and the
    /// JIT's inlining budget per compiled method would otherwise run out halfway through the rounds. Compiled fully
    /// optimised at first call: unoptimised tier-0 code would call every lane operation.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Blocks<TLanes, TBits, TReal>(
        in PhiloxSchedule<TBits> schedule, ulong block, out TBits low, out TBits high)
        where TLanes : struct, ILanes<TBits, TReal>
        where TBits : struct
        where TReal : struct
    {
        TBits counter0 = TLanes.Sequence(block);
        // Block indices have 63 bits (positions wrap modulo 2^64): a vector straddling the wrap continues at block 0.
        TBits counter1 = TLanes.Or(
            TLanes.And(TLanes.ShiftRight(counter0, 32), TLanes.Broadcast(0x7FFF_FFFFUL)), schedule.DomainWord);

        // Round 0 (counter words 2 and 3 are the constant stream id, folded into the schedule). Each round maps
        // (c0, c1, c2, c3) to (hi(M1·c2) ⊕ c1 ⊕ k0, lo(M1·c2), hi(M0·c0) ⊕ c3 ⊕ k1, lo(M0·c0)); the products are kept
        // whole, so counter word 1 of round r is product1 of round r−1 (its high half is ignored by the next multiply
        // and xor'ed only into words that are multiplied or masked). Written as straight-line SSA to avoid copies.
        TBits multiplier0 = TLanes.Broadcast(Philox4x32.Multiplier0);
        TBits multiplier1 = TLanes.Broadcast(Philox4x32.Multiplier1);
        TBits p0 = TLanes.MultiplyLow32(counter0, multiplier0);
        TBits p1 = schedule.Round0Product1;
        TBits x0 = TLanes.Xor(counter1, schedule.Round0High1Key0);
        TBits x2 = TLanes.Xor(TLanes.ShiftRight(p0, 32), schedule.Round0Counter3Key1);

        // Round 1.
        TBits q0 = TLanes.MultiplyLow32(x0, multiplier0);
        TBits q1 = TLanes.MultiplyLow32(x2, multiplier1);
        x0 = TLanes.Xor(TLanes.ShiftRight(q1, 32), p1, schedule.Key0Round1);
        x2 = TLanes.Xor(TLanes.ShiftRight(q0, 32), p0, schedule.Key1Round1);

        // Round 2.
        p0 = TLanes.MultiplyLow32(x0, multiplier0);
        p1 = TLanes.MultiplyLow32(x2, multiplier1);
        x0 = TLanes.Xor(TLanes.ShiftRight(p1, 32), q1, schedule.Key0Round2);
        x2 = TLanes.Xor(TLanes.ShiftRight(p0, 32), q0, schedule.Key1Round2);

        // Round 3.
        q0 = TLanes.MultiplyLow32(x0, multiplier0);
        q1 = TLanes.MultiplyLow32(x2, multiplier1);
        x0 = TLanes.Xor(TLanes.ShiftRight(q1, 32), p1, schedule.Key0Round3);
        x2 = TLanes.Xor(TLanes.ShiftRight(q0, 32), p0, schedule.Key1Round3);

        // Round 4.
        p0 = TLanes.MultiplyLow32(x0, multiplier0);
        p1 = TLanes.MultiplyLow32(x2, multiplier1);
        x0 = TLanes.Xor(TLanes.ShiftRight(p1, 32), q1, schedule.Key0Round4);
        x2 = TLanes.Xor(TLanes.ShiftRight(p0, 32), q0, schedule.Key1Round4);

        // Round 5.
        q0 = TLanes.MultiplyLow32(x0, multiplier0);
        q1 = TLanes.MultiplyLow32(x2, multiplier1);
        x0 = TLanes.Xor(TLanes.ShiftRight(q1, 32), p1, schedule.Key0Round5);
        x2 = TLanes.Xor(TLanes.ShiftRight(q0, 32), p0, schedule.Key1Round5);

        // Round 6.
        p0 = TLanes.MultiplyLow32(x0, multiplier0);
        p1 = TLanes.MultiplyLow32(x2, multiplier1);
        x0 = TLanes.Xor(TLanes.ShiftRight(p1, 32), q1, schedule.Key0Round6);
        x2 = TLanes.Xor(TLanes.ShiftRight(p0, 32), q0, schedule.Key1Round6);

        // Round 7.
        q0 = TLanes.MultiplyLow32(x0, multiplier0);
        q1 = TLanes.MultiplyLow32(x2, multiplier1);
        x0 = TLanes.Xor(TLanes.ShiftRight(q1, 32), p1, schedule.Key0Round7);
        x2 = TLanes.Xor(TLanes.ShiftRight(q0, 32), p0, schedule.Key1Round7);

        // Round 8.
        p0 = TLanes.MultiplyLow32(x0, multiplier0);
        p1 = TLanes.MultiplyLow32(x2, multiplier1);
        x0 = TLanes.Xor(TLanes.ShiftRight(p1, 32), q1, schedule.Key0Round8);
        x2 = TLanes.Xor(TLanes.ShiftRight(p0, 32), q0, schedule.Key1Round8);

        // Round 9.
        q0 = TLanes.MultiplyLow32(x0, multiplier0);
        q1 = TLanes.MultiplyLow32(x2, multiplier1);
        x0 = TLanes.Xor(TLanes.ShiftRight(q1, 32), p1, schedule.Key0Round9);
        x2 = TLanes.Xor(TLanes.ShiftRight(q0, 32), p0, schedule.Key1Round9);

        low = TLanes.Or(TLanes.And(x0, schedule.Low32Mask), TLanes.ShiftLeft(q1, 32));
        high = TLanes.Or(TLanes.And(x2, schedule.Low32Mask), TLanes.ShiftLeft(q0, 32));
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with the draws at positions <c>position, position+1, …</c> (mod 2^64):
    /// whole vectors of blocks go straight to the span; a leading odd position and a short tail are computed as
    /// one full vector into a stack buffer, so every element is the same function of its position.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill<TLanes, TBits, TReal, TWriter, TOut>(
        in PhiloxSchedule<TBits> schedule, ulong position, Span<TOut> destination, TWriter writer)
        where TLanes : struct, ILanes<TBits, TReal>
        where TBits : struct
        where TReal : struct
        where TWriter : struct, IBlockWriter<TBits, TOut>
        where TOut : unmanaged
    {
        int length = destination.Length;
        if (length == 0)
        {
            return;
        }

        int width = 2 * TLanes.Count;
        ref TOut target = ref MemoryMarshal.GetReference(destination);
        Span<TOut> buffer = stackalloc TOut[MaxWidth];
        ref TOut scratch = ref MemoryMarshal.GetReference(buffer);
        int index = 0;
        TBits low, high;

        if ((position & 1) != 0)
        {
            Blocks<TLanes, TBits, TReal>(schedule, position >> 1, out low, out high);
            writer.Write(low, high, ref scratch);
            target = Unsafe.Add(ref scratch, 1);
            index = 1;
            position++;
        }

        while (length - index >= width)
        {
            Blocks<TLanes, TBits, TReal>(schedule, position >> 1, out low, out high);
            writer.Write(low, high, ref Unsafe.Add(ref target, index));
            index += width;
            position = unchecked(position + (ulong)width);
        }

        if (index < length)
        {
            Blocks<TLanes, TBits, TReal>(schedule, position >> 1, out low, out high);
            writer.Write(low, high, ref scratch);
            buffer[..(length - index)].CopyTo(destination[index..]);
        }
    }

    /// <summary>Raw 64-bit draws at positions <c>position …</c> of <paramref name="key"/> in a counter domain.</summary>
    public static void FillRaw<TLanes, TBits, TReal>(StreamKey key, uint domainWord, ulong position, Span<ulong> destination)
        where TLanes : struct, ILanes<TBits, TReal>
        where TBits : struct
        where TReal : struct =>
        Fill<TLanes, TBits, TReal, RawWriter<TLanes, TBits, TReal>, ulong>(
            PhiloxSchedule<TBits>.Create<TLanes, TReal>(key, domainWord), position, destination, default);

    /// <summary>Uniforms in [0, 1) at positions <c>position …</c> of <paramref name="key"/>.</summary>
    public static void FillUniform<TLanes, TBits, TReal>(StreamKey key, ulong position, Span<double> destination)
        where TLanes : struct, ILanes<TBits, TReal>
        where TBits : struct
        where TReal : struct =>
        Fill<TLanes, TBits, TReal, UniformWriter<TLanes, TBits, TReal>, double>(
            PhiloxSchedule<TBits>.Create<TLanes, TReal>(key, RawDomain), position, destination, default);

    /// <summary>Normals (optionally fma(z, sd, mean)) at positions <c>position …</c> of <paramref name="key"/>.</summary>
    public static void FillNormal<TLanes, TBits, TReal>(
        StreamKey key, ulong position, Span<double> destination, double mean, double standardDeviation, bool affine)
        where TLanes : struct, ILanes<TBits, TReal>
        where TBits : struct
        where TReal : struct =>
        Fill<TLanes, TBits, TReal, NormalWriter<TLanes, TBits, TReal>, double>(
            PhiloxSchedule<TBits>.Create<TLanes, TReal>(key, NormalDomain), position, destination,
            new NormalWriter<TLanes, TBits, TReal>(mean, standardDeviation, affine));
}
