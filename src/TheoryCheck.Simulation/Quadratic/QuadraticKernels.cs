using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TheoryCheck.Numerics.Kernels;

namespace TheoryCheck.Simulation.Quadratic;

/// <summary>
/// Span kernels of the quadratic SGD engine. Written with <see cref="Vector512{T}"/> (hardware AVX-512, or two
/// AVX2 halves elsewhere) and fused multiply-adds in a fixed order, with a scalar tail using the same operations, so
/// the results do not depend on the instruction set. Sums use four 8-lane accumulators combined in a fixed order.
/// Dot products and the batch accumulation are the shared <see cref="FixedOrderKernels"/>.
/// </summary>
internal static class QuadraticKernels
{
    /// <summary>e_i ← a·e_i − c·z_i (as fma(a, e_i, −(c·z_i))); returns Σ e_i² of the new values.</summary>
    public static double AffineUpdate(Span<double> e, ReadOnlySpan<double> z, double a, double c) =>
        Affine<Store>(e, z, a, c);

    /// <summary>Σ (a·e_i − c·z_i)² without writing (the same arithmetic as <see cref="AffineUpdate"/>).</summary>
    public static double AffineSumOfSquares(ReadOnlySpan<double> e, ReadOnlySpan<double> z, double a, double c) =>
        Affine<Discard>(e, z, a, c);

    /// <summary>Whether <see cref="Affine{TMode}"/> writes the new values back (a JIT-time constant per mode).</summary>
    private interface IWriteMode
    {
        static abstract bool Writes { get; }
    }

    private readonly struct Store : IWriteMode
    {
        public static bool Writes => true;
    }

    private readonly struct Discard : IWriteMode
    {
        public static bool Writes => false;
    }

    /// <summary>
    /// v_i = fma(a, e_i, −(c·z_i)), Σ v_i² in four 8-lane accumulators then a scalar tail; v written over e when
    /// <typeparamref name="TMode"/> stores (the caller then passed a writable span).
    /// </summary>
    private static double Affine<TMode>(ReadOnlySpan<double> e, ReadOnlySpan<double> z, double a, double c)
        where TMode : struct, IWriteMode
    {
        if (z.Length < e.Length) throw new ArgumentException("noise span shorter than the state span");
        int n = e.Length, i = 0;
        ref double re = ref MemoryMarshal.GetReference(e);
        ref double rz = ref MemoryMarshal.GetReference(z);
        var va = Vector512.Create(a);
        var vc = Vector512.Create(c);
        Vector512<double> s0 = Vector512<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
        for (; i <= n - 32; i += 32)
        {
            var e0 = Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref re, (nuint)i), -(vc * Vector512.LoadUnsafe(ref rz, (nuint)i)));
            var e1 = Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref re, (nuint)(i + 8)), -(vc * Vector512.LoadUnsafe(ref rz, (nuint)(i + 8))));
            var e2 = Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref re, (nuint)(i + 16)), -(vc * Vector512.LoadUnsafe(ref rz, (nuint)(i + 16))));
            var e3 = Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref re, (nuint)(i + 24)), -(vc * Vector512.LoadUnsafe(ref rz, (nuint)(i + 24))));
            if (TMode.Writes)
            {
                e0.StoreUnsafe(ref re, (nuint)i);
                e1.StoreUnsafe(ref re, (nuint)(i + 8));
                e2.StoreUnsafe(ref re, (nuint)(i + 16));
                e3.StoreUnsafe(ref re, (nuint)(i + 24));
            }
            s0 = Vector512.FusedMultiplyAdd(e0, e0, s0);
            s1 = Vector512.FusedMultiplyAdd(e1, e1, s1);
            s2 = Vector512.FusedMultiplyAdd(e2, e2, s2);
            s3 = Vector512.FusedMultiplyAdd(e3, e3, s3);
        }
        for (; i <= n - 8; i += 8)
        {
            var e0 = Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref re, (nuint)i), -(vc * Vector512.LoadUnsafe(ref rz, (nuint)i)));
            if (TMode.Writes) e0.StoreUnsafe(ref re, (nuint)i);
            s0 = Vector512.FusedMultiplyAdd(e0, e0, s0);
        }
        double tail = 0;
        for (; i < n; i++)
        {
            double v = Math.FusedMultiplyAdd(a, Unsafe.Add(ref re, i), -(c * Unsafe.Add(ref rz, i)));
            if (TMode.Writes) Unsafe.Add(ref re, i) = v;
            tail = Math.FusedMultiplyAdd(v, v, tail);
        }
        return Reduce(s0, s1, s2, s3) + tail;
    }

    private static double Reduce(Vector512<double> s0, Vector512<double> s1, Vector512<double> s2, Vector512<double> s3)
    {
        var s = (s0 + s1) + (s2 + s3);
        double total = 0;
        for (int k = 0; k < 8; k++) total += s.GetElement(k);
        return total;
    }
}
