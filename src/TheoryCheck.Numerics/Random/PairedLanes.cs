using System.Runtime.CompilerServices;

namespace TheoryCheck.Numerics.Random;

/// <summary>
/// 2·Count lanes made of two independent <typeparamref name="TInner"/> vectors, each operation issued on both halves
/// back to back: the two dependency chains interleave and keep more execution units busy. Lane i &lt; Count lives in
/// the first vector, lane Count + i in the second; results equal the inner lanes' bit for bit.
/// </summary>
internal readonly struct PairedLanes<TInner, TBits, TReal> : ILanes<LanePair<TBits>, LanePair<TReal>>
    where TInner : struct, ILanes<TBits, TReal>
    where TBits : struct
    where TReal : struct
{
    public static int Count => 2 * TInner.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TBits> Broadcast(ulong value)
    {
        TBits v = TInner.Broadcast(value);
        return new(v, v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TReal> BroadcastReal(double value)
    {
        TReal v = TInner.BroadcastReal(value);
        return new(v, v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TBits> Sequence(ulong start) =>
        new(TInner.Sequence(start), TInner.Sequence(unchecked(start + (ulong)TInner.Count)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TBits> MultiplyLow32(LanePair<TBits> a, LanePair<TBits> b) =>
        new(TInner.MultiplyLow32(a.First, b.First), TInner.MultiplyLow32(a.Second, b.Second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TBits> ShiftRight(LanePair<TBits> value, int count) =>
        new(TInner.ShiftRight(value.First, count), TInner.ShiftRight(value.Second, count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TBits> ShiftLeft(LanePair<TBits> value, int count) =>
        new(TInner.ShiftLeft(value.First, count), TInner.ShiftLeft(value.Second, count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TBits> Xor(LanePair<TBits> a, LanePair<TBits> b) =>
        new(TInner.Xor(a.First, b.First), TInner.Xor(a.Second, b.Second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TBits> Xor(LanePair<TBits> a, LanePair<TBits> b, LanePair<TBits> c) =>
        new(TInner.Xor(a.First, b.First, c.First), TInner.Xor(a.Second, b.Second, c.Second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TBits> And(LanePair<TBits> a, LanePair<TBits> b) =>
        new(TInner.And(a.First, b.First), TInner.And(a.Second, b.Second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TBits> Or(LanePair<TBits> a, LanePair<TBits> b) =>
        new(TInner.Or(a.First, b.First), TInner.Or(a.Second, b.Second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TBits> AddBits(LanePair<TBits> a, LanePair<TBits> b) =>
        new(TInner.AddBits(a.First, b.First), TInner.AddBits(a.Second, b.Second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TBits> SubtractBits(LanePair<TBits> a, LanePair<TBits> b) =>
        new(TInner.SubtractBits(a.First, b.First), TInner.SubtractBits(a.Second, b.Second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TReal> AsReal(LanePair<TBits> bits) =>
        new(TInner.AsReal(bits.First), TInner.AsReal(bits.Second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TBits> AsBits(LanePair<TReal> value) =>
        new(TInner.AsBits(value.First), TInner.AsBits(value.Second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TReal> Add(LanePair<TReal> a, LanePair<TReal> b) =>
        new(TInner.Add(a.First, b.First), TInner.Add(a.Second, b.Second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TReal> Subtract(LanePair<TReal> a, LanePair<TReal> b) =>
        new(TInner.Subtract(a.First, b.First), TInner.Subtract(a.Second, b.Second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TReal> Multiply(LanePair<TReal> a, LanePair<TReal> b) =>
        new(TInner.Multiply(a.First, b.First), TInner.Multiply(a.Second, b.Second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TReal> Divide(LanePair<TReal> a, LanePair<TReal> b) =>
        new(TInner.Divide(a.First, b.First), TInner.Divide(a.Second, b.Second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TReal> Sqrt(LanePair<TReal> value) =>
        new(TInner.Sqrt(value.First), TInner.Sqrt(value.Second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TReal> FusedMultiplyAdd(LanePair<TReal> a, LanePair<TReal> b, LanePair<TReal> c) =>
        new(TInner.FusedMultiplyAdd(a.First, b.First, c.First), TInner.FusedMultiplyAdd(a.Second, b.Second, c.Second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LanePair<TReal> Select(LanePair<TBits> mask, LanePair<TReal> whenSet, LanePair<TReal> whenClear) =>
        new(TInner.Select(mask.First, whenSet.First, whenClear.First), TInner.Select(mask.Second, whenSet.Second, whenClear.Second));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(LanePair<TReal> even, LanePair<TReal> odd, ref double destination)
    {
        TInner.StoreInterleaved(even.First, odd.First, ref destination);
        TInner.StoreInterleaved(even.Second, odd.Second, ref Unsafe.Add(ref destination, 2 * TInner.Count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(LanePair<TBits> even, LanePair<TBits> odd, ref ulong destination)
    {
        TInner.StoreInterleaved(even.First, odd.First, ref destination);
        TInner.StoreInterleaved(even.Second, odd.Second, ref Unsafe.Add(ref destination, 2 * TInner.Count));
    }
}
