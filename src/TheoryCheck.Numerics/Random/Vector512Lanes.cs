using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TheoryCheck.Numerics.Random;

/// <summary>Eight 64-bit lanes on x86 AVX-512F (callers check <see cref="IsSupported"/>).</summary>
internal readonly struct Vector512Lanes : ILanes<Vector512<ulong>, Vector512<double>>
{
    public static bool IsSupported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    public static int Count => 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Broadcast(ulong value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> BroadcastReal(double value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Sequence(ulong start) =>
        Vector512.Create(start) + Vector512.Create(0UL, 1UL, 2UL, 3UL, 4UL, 5UL, 6UL, 7UL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> MultiplyLow32(Vector512<ulong> a, Vector512<ulong> b) =>
        Avx512F.Multiply(a.AsUInt32(), b.AsUInt32());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> ShiftRight(Vector512<ulong> value, int count) =>
        Vector512.ShiftRightLogical(value, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> ShiftLeft(Vector512<ulong> value, int count) =>
        Vector512.ShiftLeft(value, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Xor(Vector512<ulong> a, Vector512<ulong> b) => a ^ b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Xor(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c) =>
        Avx512F.TernaryLogic(a, b, c, 0x96);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> And(Vector512<ulong> a, Vector512<ulong> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Or(Vector512<ulong> a, Vector512<ulong> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> AddBits(Vector512<ulong> a, Vector512<ulong> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> SubtractBits(Vector512<ulong> a, Vector512<ulong> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> AsReal(Vector512<ulong> bits) => bits.AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> AsBits(Vector512<double> value) => value.AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Subtract(Vector512<double> a, Vector512<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Divide(Vector512<double> a, Vector512<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sqrt(Vector512<double> value) => Vector512.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> FusedMultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) =>
        Avx512F.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Select(Vector512<ulong> mask, Vector512<double> whenSet, Vector512<double> whenClear) =>
        Vector512.ConditionalSelect(mask.AsDouble(), whenSet, whenClear);

    private static Vector512<long> LowIndices
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(0L, 8L, 1L, 9L, 2L, 10L, 3L, 11L);
    }

    private static Vector512<long> HighIndices
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(4L, 12L, 5L, 13L, 6L, 14L, 7L, 15L);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(Vector512<double> even, Vector512<double> odd, ref double destination)
    {
        Avx512F.PermuteVar8x64x2(even, LowIndices, odd).StoreUnsafe(ref destination);
        Avx512F.PermuteVar8x64x2(even, HighIndices, odd).StoreUnsafe(ref destination, 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(Vector512<ulong> even, Vector512<ulong> odd, ref ulong destination)
    {
        Avx512F.PermuteVar8x64x2(even.AsDouble(), LowIndices, odd.AsDouble()).AsUInt64().StoreUnsafe(ref destination);
        Avx512F.PermuteVar8x64x2(even.AsDouble(), HighIndices, odd.AsDouble()).AsUInt64().StoreUnsafe(ref destination, 8);
    }
}
