using System.Runtime.CompilerServices;

namespace TheoryCheck.Numerics.Random;

/// <summary>One lane of plain arithmetic: the reference every vector path must match bit for bit.</summary>
internal readonly struct ScalarLanes : ILanes<ulong, double>
{
    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Broadcast(ulong value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double BroadcastReal(double value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Sequence(ulong start) => start;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MultiplyLow32(ulong a, ulong b) => (ulong)(uint)a * (uint)b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ShiftRight(ulong value, int count) => value >> count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ShiftLeft(ulong value, int count) => value << count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Xor(ulong a, ulong b) => a ^ b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Xor(ulong a, ulong b, ulong c) => a ^ b ^ c;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong And(ulong a, ulong b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Or(ulong a, ulong b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AddBits(ulong a, ulong b) => unchecked(a + b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubtractBits(ulong a, ulong b) => unchecked(a - b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AsReal(ulong bits) => BitConverter.UInt64BitsToDouble(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AsBits(double value) => BitConverter.DoubleToUInt64Bits(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Add(double a, double b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Subtract(double a, double b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Multiply(double a, double b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Divide(double a, double b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sqrt(double value) => Math.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double FusedMultiplyAdd(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Select(ulong mask, double whenSet, double whenClear) => mask != 0 ? whenSet : whenClear;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(double even, double odd, ref double destination)
    {
        destination = even;
        Unsafe.Add(ref destination, 1) = odd;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreInterleaved(ulong even, ulong odd, ref ulong destination)
    {
        destination = even;
        Unsafe.Add(ref destination, 1) = odd;
    }
}
