using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TheoryCheck.Numerics.Random;

/// <summary>Four 64-bit lanes on x86 AVX2 + FMA3 (callers check <see cref="IsSupported"/>).</summary>
internal readonly struct Vector256Lanes : ILanes<Vector256<ulong>, Vector256<double>>
{
    public static bool IsSupported => Vector256.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported;

    public static int Count => 4;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Broadcast(ulong value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> BroadcastReal(double value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Sequence(ulong start) =>
        Vector256.Create(start) + Vector256.Create(0UL, 1UL, 2UL, 3UL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> MultiplyLow32(Vector256<ulong> a, Vector256<ulong> b) =>
        Avx2.Multiply(a.AsUInt32(), b.AsUInt32());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> ShiftRight(Vector256<ulong> value, int count) =>
        Vector256.ShiftRightLogical(value, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> ShiftLeft(Vector256<ulong> value, int count) =>
        Vector256.ShiftLeft(value, count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Xor(Vector256<ulong> a, Vector256<ulong> b) => a ^ b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Xor(Vector256<ulong> a, Vector256<ulong> b, Vector256<ulong> c) => a ^ b ^ c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> And(Vector256<ulong> a, Vector256<ulong> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Or(Vector256<ulong> a, Vector256<ulong> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> AddBits(Vector256<ulong> a, Vector256<ulong> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> SubtractBits(Vector256<ulong> a, Vector256<ulong> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> AsReal(Vector256<ulong> bits) => bits.AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> AsBits(Vector256<double> value) => value.AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Subtract(Vector256<double> a, Vector256<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Divide(Vector256<double> a, Vector256<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sqrt(Vector256<double> value) => Vector256.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> FusedMultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Fma.MultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Select(Vector256<ulong> mask, Vector256<double> whenSet, Vector256<double> whenClear) =>
        Avx.BlendVariable(whenClear, whenSet, mask.AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(Vector256<double> even, Vector256<double> odd, ref double destination)
    {
        Vector256<double> low = Avx.UnpackLow(even, odd);   // e0 o0 e2 o2
        Vector256<double> high = Avx.UnpackHigh(even, odd); // e1 o1 e3 o3
        Avx.Permute2x128(low, high, 0x20).StoreUnsafe(ref destination);
        Avx.Permute2x128(low, high, 0x31).StoreUnsafe(ref destination, 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(Vector256<ulong> even, Vector256<ulong> odd, ref ulong destination)
    {
        Vector256<double> low = Avx.UnpackLow(even.AsDouble(), odd.AsDouble());
        Vector256<double> high = Avx.UnpackHigh(even.AsDouble(), odd.AsDouble());
        Avx.Permute2x128(low, high, 0x20).AsUInt64().StoreUnsafe(ref destination);
        Avx.Permute2x128(low, high, 0x31).AsUInt64().StoreUnsafe(ref destination, 4);
    }
}
