namespace TheoryCheck.Numerics.Random;

/// <summary>
/// The operations the counter and normal kernels need, over a lane type <typeparamref name="TBits"/> of 64-bit
/// integers and <typeparamref name="TReal"/> of doubles. Every implementation computes, per lane, exactly the IEEE-754
/// result of the named operation (FusedMultiplyAdd is the single-rounding fma), so a kernel written once against
/// this interface gives bit-identical lanes whatever the vector width.
/// </summary>
internal interface ILanes<TBits, TReal>
    where TBits : struct
    where TReal : struct
{
    /// <summary>Number of 64-bit lanes.</summary>
    static abstract int Count { get; }

    static abstract TBits Broadcast(ulong value);

    static abstract TReal BroadcastReal(double value);

    /// <summary>Lane i holds <c>start + i</c> (mod 2^64).</summary>
    static abstract TBits Sequence(ulong start);

    /// <summary>Lane-wise <c>(a mod 2^32)·(b mod 2^32)</c> as a 64-bit product.</summary>
    static abstract TBits MultiplyLow32(TBits a, TBits b);

    static abstract TBits ShiftRight(TBits value, int count);

    static abstract TBits ShiftLeft(TBits value, int count);

    static abstract TBits Xor(TBits a, TBits b);

    static abstract TBits Xor(TBits a, TBits b, TBits c);

    static abstract TBits And(TBits a, TBits b);

    static abstract TBits Or(TBits a, TBits b);

    static abstract TBits AddBits(TBits a, TBits b);

    static abstract TBits SubtractBits(TBits a, TBits b);

    static abstract TReal AsReal(TBits bits);

    static abstract TBits AsBits(TReal value);

    static abstract TReal Add(TReal a, TReal b);

    static abstract TReal Subtract(TReal a, TReal b);

    static abstract TReal Multiply(TReal a, TReal b);

    static abstract TReal Divide(TReal a, TReal b);

    static abstract TReal Sqrt(TReal value);

    /// <summary>Lane-wise <c>a·b + c</c> with a single rounding.</summary>
    static abstract TReal FusedMultiplyAdd(TReal a, TReal b, TReal c);

    /// <summary>Lane-wise <c>mask ? whenSet : whenClear</c> for masks that are all ones or all zeros.</summary>
    static abstract TReal Select(TBits mask, TReal whenSet, TReal whenClear);

    /// <summary>Writes <c>even[0], odd[0], even[1], odd[1], …</c> (2·Count values).</summary>
    static abstract void StoreInterleaved(TReal even, TReal odd, ref double destination);

    /// <summary>Writes <c>even[0], odd[0], even[1], odd[1], …</c> (2·Count values).</summary>
    static abstract void StoreInterleaved(TBits even, TBits odd, ref ulong destination);
}
