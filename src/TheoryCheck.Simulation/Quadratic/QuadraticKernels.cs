using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TheoryCheck.Simulation.Quadratic;

/// <summary>
/// Span kernels of the quadratic SGD engine. Written with <see cref="Vector512{T}"/> (hardware AVX-512, or two
/// AVX2 halves elsewhere) and fused multiply-adds in a fixed order, with a scalar tail using the same operations, so
/// the results do not depend on the instruction set. Sums use four 8-lane accumulators combined in a fixed order.
/// </summary>
internal static class QuadraticKernels
{
    /// <summary>e_i ← a·e_i − c·z_i (as fma(a, e_i, −(c·z_i))); returns Σ e_i² of the new values.</summary>
    public static double AffineUpdate(Span<double> e, ReadOnlySpan<double> z, double a, double c)
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
            e0.StoreUnsafe(ref re, (nuint)i);
            e1.StoreUnsafe(ref re, (nuint)(i + 8));
            e2.StoreUnsafe(ref re, (nuint)(i + 16));
            e3.StoreUnsafe(ref re, (nuint)(i + 24));
            s0 = Vector512.FusedMultiplyAdd(e0, e0, s0);
            s1 = Vector512.FusedMultiplyAdd(e1, e1, s1);
            s2 = Vector512.FusedMultiplyAdd(e2, e2, s2);
            s3 = Vector512.FusedMultiplyAdd(e3, e3, s3);
        }
        for (; i <= n - 8; i += 8)
        {
            var e0 = Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref re, (nuint)i), -(vc * Vector512.LoadUnsafe(ref rz, (nuint)i)));
            e0.StoreUnsafe(ref re, (nuint)i);
            s0 = Vector512.FusedMultiplyAdd(e0, e0, s0);
        }
        double tail = 0;
        for (; i < n; i++)
        {
            double v = Math.FusedMultiplyAdd(a, Unsafe.Add(ref re, i), -(c * Unsafe.Add(ref rz, i)));
            Unsafe.Add(ref re, i) = v;
            tail = Math.FusedMultiplyAdd(v, v, tail);
        }
        return Reduce(s0, s1, s2, s3) + tail;
    }

    /// <summary>Σ (a·e_i − c·z_i)² without writing (the same arithmetic as <see cref="AffineUpdate"/>).</summary>
    public static double AffineSumOfSquares(ReadOnlySpan<double> e, ReadOnlySpan<double> z, double a, double c)
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
            s0 = Vector512.FusedMultiplyAdd(e0, e0, s0);
            s1 = Vector512.FusedMultiplyAdd(e1, e1, s1);
            s2 = Vector512.FusedMultiplyAdd(e2, e2, s2);
            s3 = Vector512.FusedMultiplyAdd(e3, e3, s3);
        }
        for (; i <= n - 8; i += 8)
        {
            var e0 = Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref re, (nuint)i), -(vc * Vector512.LoadUnsafe(ref rz, (nuint)i)));
            s0 = Vector512.FusedMultiplyAdd(e0, e0, s0);
        }
        double tail = 0;
        for (; i < n; i++)
        {
            double v = Math.FusedMultiplyAdd(a, Unsafe.Add(ref re, i), -(c * Unsafe.Add(ref rz, i)));
            tail = Math.FusedMultiplyAdd(v, v, tail);
        }
        return Reduce(s0, s1, s2, s3) + tail;
    }

    /// <summary>Σ x_i y_i.</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (y.Length < x.Length) throw new ArgumentException("second span shorter than the first");
        int n = x.Length, i = 0;
        ref double rx = ref MemoryMarshal.GetReference(x);
        ref double ry = ref MemoryMarshal.GetReference(y);
        Vector512<double> s0 = Vector512<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
        for (; i <= n - 32; i += 32)
        {
            s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rx, (nuint)i), Vector512.LoadUnsafe(ref ry, (nuint)i), s0);
            s1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rx, (nuint)(i + 8)), Vector512.LoadUnsafe(ref ry, (nuint)(i + 8)), s1);
            s2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rx, (nuint)(i + 16)), Vector512.LoadUnsafe(ref ry, (nuint)(i + 16)), s2);
            s3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rx, (nuint)(i + 24)), Vector512.LoadUnsafe(ref ry, (nuint)(i + 24)), s3);
        }
        for (; i <= n - 8; i += 8)
            s0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref rx, (nuint)i), Vector512.LoadUnsafe(ref ry, (nuint)i), s0);
        double tail = 0;
        for (; i < n; i++) tail = Math.FusedMultiplyAdd(Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i), tail);
        return Reduce(s0, s1, s2, s3) + tail;
    }

    /// <summary>Σ x_i².</summary>
    public static double SumOfSquares(ReadOnlySpan<double> x) => Dot(x, x);

    /// <summary>acc_i ← acc_i + r·z_i (as fma(r, z_i, acc_i)).</summary>
    public static void AddScaled(Span<double> acc, ReadOnlySpan<double> z, double r)
    {
        if (z.Length < acc.Length) throw new ArgumentException("noise span shorter than the accumulator");
        int n = acc.Length, i = 0;
        ref double ra = ref MemoryMarshal.GetReference(acc);
        ref double rz = ref MemoryMarshal.GetReference(z);
        var vr = Vector512.Create(r);
        for (; i <= n - 8; i += 8)
            Vector512.FusedMultiplyAdd(vr, Vector512.LoadUnsafe(ref rz, (nuint)i), Vector512.LoadUnsafe(ref ra, (nuint)i)).StoreUnsafe(ref ra, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref ra, i) = Math.FusedMultiplyAdd(r, Unsafe.Add(ref rz, i), Unsafe.Add(ref ra, i));
    }

    private static double Reduce(Vector512<double> s0, Vector512<double> s1, Vector512<double> s2, Vector512<double> s3)
    {
        var s = (s0 + s1) + (s2 + s3);
        double total = 0;
        for (int k = 0; k < 8; k++) total += s.GetElement(k);
        return total;
    }
}
