using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TheoryCheck.Numerics.Kernels;

/// <summary>
/// Vector kernels of the simulation hot loops with a <b>fixed order of floating-point operations</b>, so that a
/// run gives the same bits on the AVX-512, AVX2 and scalar paths (and therefore on any machine with an IEEE
/// fused multiply-add) and for any thread count.
/// </summary>
/// <remarks>
/// <para><b>Dot product.</b> x·y = Σ_i x_i y_i is accumulated in 32 partial sums s_r (r = 0..31) over the whole
/// blocks of 32 elements, s_r ← fma(x_{32b+r}, y_{32b+r}, s_r), combined as t_l = (s_l + s_{8+l}) + (s_{16+l} + s_{24+l})
/// (l = 0..7), then ((t_0 + t_4) + (t_2 + t_6)) + ((t_1 + t_5) + (t_3 + t_7)); the d mod 32 tail elements are then
/// added one by one with fma. The AVX-512 path holds s in four 8-lane registers, the AVX2 path in eight 4-lane
/// registers, the scalar path in a 32-entry array: the same operations in the same order.</para>
/// <para><b>Element-wise kernels</b> use the same fma/multiply sequence on every path, so they are exact
/// functions of their inputs.</para>
/// </remarks>
public static class FixedOrderKernels
{
    /// <summary>Number of partial sums of <see cref="Dot"/>.</summary>
    public const int DotBlock = 32;

    private static readonly bool UseVector512 = Vector512.IsHardwareAccelerated && Avx512F.IsSupported;
    private static readonly bool UseVector256 = Vector256.IsHardwareAccelerated && Fma.IsSupported;

    /// <summary>The SIMD path taken on this machine ("Vector512", "Vector256" or "Scalar"); speed only.</summary>
    public static string Path => UseVector512 ? "Vector512" : UseVector256 ? "Vector256" : "Scalar";

    /// <summary>x·y in the fixed order of the class remarks. Spans of equal length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length;
        if (y.Length != n) throw new ArgumentException("x and y must have the same length");
        int whole = n - n % DotBlock;
        ref double px = ref MemoryMarshal.GetReference(x);
        ref double py = ref MemoryMarshal.GetReference(y);
        double sum = 0;
        if (whole > 0)
        {
            if (UseVector512) sum = Dot512(ref px, ref py, whole);
            else if (UseVector256) sum = Dot256(ref px, ref py, whole);
            else sum = DotScalar(ref px, ref py, whole);
        }
        for (int i = whole; i < n; i++) sum = Math.FusedMultiplyAdd(Unsafe.Add(ref px, i), Unsafe.Add(ref py, i), sum);
        return sum;
    }

    /// <summary>
    /// <see cref="Dot"/> on a given path: 8 (AVX-512), 4 (AVX2) or 1 (scalar) lanes; for tests of path independence.
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">The path is not available on this machine.</exception>
    internal static double DotOnPath(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int lanes)
    {
        int n = x.Length;
        if (y.Length != n) throw new ArgumentException("x and y must have the same length");
        if ((lanes == 8 && !UseVector512) || (lanes == 4 && !UseVector256) || lanes is not (8 or 4 or 1))
            throw new PlatformNotSupportedException($"{lanes}-lane path not available");
        int whole = n - n % DotBlock;
        ref double px = ref MemoryMarshal.GetReference(x);
        ref double py = ref MemoryMarshal.GetReference(y);
        double sum = whole == 0 ? 0 : lanes == 8 ? Dot512(ref px, ref py, whole) : lanes == 4 ? Dot256(ref px, ref py, whole) : DotScalar(ref px, ref py, whole);
        for (int i = whole; i < n; i++) sum = Math.FusedMultiplyAdd(Unsafe.Add(ref px, i), Unsafe.Add(ref py, i), sum);
        return sum;
    }

    /// <summary>Whether the 8-lane (AVX-512) or 4-lane (AVX2 + FMA) path is used/available on this machine.</summary>
    internal static bool IsPathAvailable(int lanes) => lanes switch { 8 => UseVector512, 4 => UseVector256, 1 => true, _ => false };

    /// <summary>
    /// All k dot products s_c = x^c·y of the rows x^c = rows[c·stride .. c·stride + n) with one vector y
    /// (n = y.Length, k = result.Length), each in the fixed order of <see cref="Dot"/>, reading y once per block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dots(ReadOnlySpan<double> rows, int stride, ReadOnlySpan<double> y, Span<double> result)
    {
        int k = result.Length, n = y.Length;
        CheckRows(rows.Length, stride, k, n);
        if (k <= 4 && UseVector512 && n >= DotBlock)
        {
            Dots512(rows, stride, y, result);
            return;
        }
        for (int c = 0; c < k; c++) result[c] = Dot(rows.Slice(c * stride, n), y);
    }

    /// <summary>y_i ← fma(σ, z_i, μ_i): the sample Y = μ + σ·z from standard normals z (element-wise, exact on every path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScaledAdd(ReadOnlySpan<double> z, double sigma, ReadOnlySpan<double> mean, Span<double> y)
    {
        int n = y.Length;
        if (z.Length != n || mean.Length != n) throw new ArgumentException("spans must have equal length");
        ref double pz = ref MemoryMarshal.GetReference(z);
        ref double pm = ref MemoryMarshal.GetReference(mean);
        ref double py = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (UseVector512)
        {
            var s = Vector512.Create(sigma);
            for (; i <= n - 8; i += 8)
                Vector512.FusedMultiplyAdd(s, Vector512.LoadUnsafe(ref pz, (nuint)i), Vector512.LoadUnsafe(ref pm, (nuint)i)).StoreUnsafe(ref py, (nuint)i);
        }
        else if (UseVector256)
        {
            var s = Vector256.Create(sigma);
            for (; i <= n - 4; i += 4)
                Vector256.FusedMultiplyAdd(s, Vector256.LoadUnsafe(ref pz, (nuint)i), Vector256.LoadUnsafe(ref pm, (nuint)i)).StoreUnsafe(ref py, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref py, i) = Math.FusedMultiplyAdd(sigma, Unsafe.Add(ref pz, i), Unsafe.Add(ref pm, i));
    }

    /// <summary>
    /// The SGD update of k rows x^c = rows[c·stride .. c·stride + n) (n = y.Length, k = coefficients.Length):
    /// x^c_i ← fma(s, x^c_i, a_c·y_i), i.e. x^c ← s·x^c + a_c·y with the product a_c·y_i rounded first (exact on
    /// every path).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScaleAndAddRows(Span<double> rows, int stride, double scale, ReadOnlySpan<double> coefficients, ReadOnlySpan<double> y)
    {
        int k = coefficients.Length, n = y.Length;
        CheckRows(rows.Length, stride, k, n);
        ref double py = ref MemoryMarshal.GetReference(y);
        for (int c = 0; c < k; c++)
        {
            ref double px = ref MemoryMarshal.GetReference(rows.Slice(c * stride, n));
            double a = coefficients[c];
            int i = 0;
            if (UseVector512)
            {
                var s = Vector512.Create(scale);
                var av = Vector512.Create(a);
                for (; i <= n - 16; i += 16)
                {
                    Vector512.FusedMultiplyAdd(s, Vector512.LoadUnsafe(ref px, (nuint)i), av * Vector512.LoadUnsafe(ref py, (nuint)i)).StoreUnsafe(ref px, (nuint)i);
                    Vector512.FusedMultiplyAdd(s, Vector512.LoadUnsafe(ref px, (nuint)(i + 8)), av * Vector512.LoadUnsafe(ref py, (nuint)(i + 8))).StoreUnsafe(ref px, (nuint)(i + 8));
                }
                for (; i <= n - 8; i += 8)
                    Vector512.FusedMultiplyAdd(s, Vector512.LoadUnsafe(ref px, (nuint)i), av * Vector512.LoadUnsafe(ref py, (nuint)i)).StoreUnsafe(ref px, (nuint)i);
            }
            else if (UseVector256)
            {
                var s = Vector256.Create(scale);
                var av = Vector256.Create(a);
                for (; i <= n - 4; i += 4)
                    Vector256.FusedMultiplyAdd(s, Vector256.LoadUnsafe(ref px, (nuint)i), av * Vector256.LoadUnsafe(ref py, (nuint)i)).StoreUnsafe(ref px, (nuint)i);
            }
            for (; i < n; i++) Unsafe.Add(ref px, i) = Math.FusedMultiplyAdd(scale, Unsafe.Add(ref px, i), a * Unsafe.Add(ref py, i));
        }
    }

    /// <summary>
    /// One fused pass of two consecutive SGD steps: the update of step ℓ, x^c ← fma(s, x^c, a_c·Y_ℓ) (as
    /// <see cref="ScaleAndAddRows"/>), then the sample of step ℓ + 1, Y_{ℓ+1} = fma(σ, z, μ) written over the normals z
    /// in <paramref name="nextSample"/> (as <see cref="ScaledAdd"/>), and the logits of step ℓ + 1 with the updated
    /// rows, ζ_c = x^c·Y_{ℓ+1} (as <see cref="Dots"/>). Bit-identical to those three calls in sequence; on AVX-512
    /// with k ≤ 4 the rows are read and written once instead of twice.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void UpdateRowsAndNextDots(Span<double> rows, int stride, double scale, ReadOnlySpan<double> coefficients,
        ReadOnlySpan<double> sample, Span<double> nextSample, double sigma, ReadOnlySpan<double> nextMean, Span<double> nextDots)
    {
        int k = coefficients.Length, n = sample.Length;
        CheckRows(rows.Length, stride, k, n);
        if (nextSample.Length != n || nextMean.Length != n || nextDots.Length != k) throw new ArgumentException("spans must have matching lengths");
        if (!(UseVector512 && k <= 4 && n >= DotBlock))
        {
            ScaleAndAddRows(rows, stride, scale, coefficients, sample);
            ScaledAdd(nextSample, sigma, nextMean, nextSample);
            Dots(rows, stride, nextSample, nextDots);
            return;
        }
        int whole = n - n % DotBlock;
        ref double po = ref MemoryMarshal.GetReference(sample);
        ref double pn = ref MemoryMarshal.GetReference(nextSample);
        ref double pm = ref MemoryMarshal.GetReference(nextMean);
        ref double p0 = ref MemoryMarshal.GetReference(rows);
        ref double p1 = ref Unsafe.Add(ref p0, k > 1 ? stride : 0);
        ref double p2 = ref Unsafe.Add(ref p0, k > 2 ? 2 * stride : 0);
        ref double p3 = ref Unsafe.Add(ref p0, k > 3 ? 3 * stride : 0);
        var sc = Vector512.Create(scale);
        var sg = Vector512.Create(sigma);
        var a0 = Vector512.Create(coefficients[0]);
        var a1 = Vector512.Create(k > 1 ? coefficients[1] : 0.0);
        var a2 = Vector512.Create(k > 2 ? coefficients[2] : 0.0);
        var a3 = Vector512.Create(k > 3 ? coefficients[3] : 0.0);
        Vector512<double> z = Vector512<double>.Zero;
        Vector512<double> c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z;
        Vector512<double> c20 = z, c21 = z, c22 = z, c23 = z, c30 = z, c31 = z, c32 = z, c33 = z;
        for (int i = 0; i < whole; i += DotBlock)
        {
            nuint o = (nuint)i;
            var yn = Vector512.FusedMultiplyAdd(sg, Vector512.LoadUnsafe(ref pn, o), Vector512.LoadUnsafe(ref pm, o));
            yn.StoreUnsafe(ref pn, o);
            var yo = Vector512.LoadUnsafe(ref po, o);
            c00 = UpdateAndAccumulate(ref p0, o, sc, a0, yo, yn, c00);
            if (k > 1) c10 = UpdateAndAccumulate(ref p1, o, sc, a1, yo, yn, c10);
            if (k > 2) c20 = UpdateAndAccumulate(ref p2, o, sc, a2, yo, yn, c20);
            if (k > 3) c30 = UpdateAndAccumulate(ref p3, o, sc, a3, yo, yn, c30);

            o = (nuint)(i + 8);
            yn = Vector512.FusedMultiplyAdd(sg, Vector512.LoadUnsafe(ref pn, o), Vector512.LoadUnsafe(ref pm, o));
            yn.StoreUnsafe(ref pn, o);
            yo = Vector512.LoadUnsafe(ref po, o);
            c01 = UpdateAndAccumulate(ref p0, o, sc, a0, yo, yn, c01);
            if (k > 1) c11 = UpdateAndAccumulate(ref p1, o, sc, a1, yo, yn, c11);
            if (k > 2) c21 = UpdateAndAccumulate(ref p2, o, sc, a2, yo, yn, c21);
            if (k > 3) c31 = UpdateAndAccumulate(ref p3, o, sc, a3, yo, yn, c31);

            o = (nuint)(i + 16);
            yn = Vector512.FusedMultiplyAdd(sg, Vector512.LoadUnsafe(ref pn, o), Vector512.LoadUnsafe(ref pm, o));
            yn.StoreUnsafe(ref pn, o);
            yo = Vector512.LoadUnsafe(ref po, o);
            c02 = UpdateAndAccumulate(ref p0, o, sc, a0, yo, yn, c02);
            if (k > 1) c12 = UpdateAndAccumulate(ref p1, o, sc, a1, yo, yn, c12);
            if (k > 2) c22 = UpdateAndAccumulate(ref p2, o, sc, a2, yo, yn, c22);
            if (k > 3) c32 = UpdateAndAccumulate(ref p3, o, sc, a3, yo, yn, c32);

            o = (nuint)(i + 24);
            yn = Vector512.FusedMultiplyAdd(sg, Vector512.LoadUnsafe(ref pn, o), Vector512.LoadUnsafe(ref pm, o));
            yn.StoreUnsafe(ref pn, o);
            yo = Vector512.LoadUnsafe(ref po, o);
            c03 = UpdateAndAccumulate(ref p0, o, sc, a0, yo, yn, c03);
            if (k > 1) c13 = UpdateAndAccumulate(ref p1, o, sc, a1, yo, yn, c13);
            if (k > 2) c23 = UpdateAndAccumulate(ref p2, o, sc, a2, yo, yn, c23);
            if (k > 3) c33 = UpdateAndAccumulate(ref p3, o, sc, a3, yo, yn, c33);
        }
        Span<double> sums = stackalloc double[4];
        sums[0] = Combine((c00 + c01) + (c02 + c03));
        sums[1] = Combine((c10 + c11) + (c12 + c13));
        sums[2] = Combine((c20 + c21) + (c22 + c23));
        sums[3] = Combine((c30 + c31) + (c32 + c33));
        for (int i = whole; i < n; i++)
        {
            double yNew = Math.FusedMultiplyAdd(sigma, Unsafe.Add(ref pn, i), Unsafe.Add(ref pm, i));
            Unsafe.Add(ref pn, i) = yNew;
            double yOld = Unsafe.Add(ref po, i);
            for (int c = 0; c < k; c++)
            {
                ref double xc = ref Unsafe.Add(ref p0, c * stride + i);
                xc = Math.FusedMultiplyAdd(scale, xc, coefficients[c] * yOld);
                sums[c] = Math.FusedMultiplyAdd(xc, yNew, sums[c]);
            }
        }
        for (int c = 0; c < k; c++) nextDots[c] = sums[c];
    }

    /// <summary>Rows per block of <see cref="BlockDots"/> and <see cref="BlockAddScaled"/>.</summary>
    public const int SampleBlock = 4;

    /// <summary>
    /// x·y in the 8-sum order of the Gram-operator kernels: s_l ← fma(x_{8b+l}, y_{8b+l}, s_l) over whole blocks of 8,
    /// then ((s_0 + s_4) + (s_2 + s_6)) + ((s_1 + s_5) + (s_3 + s_7)), then the n mod 8 tail with fma. Same bits on every path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot8(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int lanes = 0)
    {
        int n = x.Length;
        if (y.Length != n) throw new ArgumentException("x and y must have the same length");
        if (lanes == 0) lanes = UseVector512 ? 8 : UseVector256 ? 4 : 1;
        if ((lanes == 8 && !UseVector512) || (lanes == 4 && !UseVector256) || lanes is not (8 or 4 or 1))
            throw new PlatformNotSupportedException($"{lanes}-lane path not available");
        int whole = n - n % 8;
        ref double px = ref MemoryMarshal.GetReference(x);
        ref double py = ref MemoryMarshal.GetReference(y);
        double sum;
        if (lanes == 8)
        {
            var a = Vector512<double>.Zero;
            for (int i = 0; i < whole; i += 8)
                a = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref px, (nuint)i), Vector512.LoadUnsafe(ref py, (nuint)i), a);
            sum = Combine(a);
        }
        else if (lanes == 4)
        {
            Vector256<double> low = Vector256<double>.Zero, high = low;
            for (int i = 0; i < whole; i += 8)
            {
                low = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)i), Vector256.LoadUnsafe(ref py, (nuint)i), low);
                high = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)(i + 4)), Vector256.LoadUnsafe(ref py, (nuint)(i + 4)), high);
            }
            sum = Combine(low.GetElement(0), low.GetElement(1), low.GetElement(2), low.GetElement(3),
                high.GetElement(0), high.GetElement(1), high.GetElement(2), high.GetElement(3));
        }
        else
        {
            Span<double> s = stackalloc double[8];
            s.Clear();
            for (int i = 0; i < whole; i += 8)
                for (int l = 0; l < 8; l++) s[l] = Math.FusedMultiplyAdd(Unsafe.Add(ref px, i + l), Unsafe.Add(ref py, i + l), s[l]);
            sum = Combine(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]);
        }
        for (int i = whole; i < n; i++) sum = Math.FusedMultiplyAdd(Unsafe.Add(ref px, i), Unsafe.Add(ref py, i), sum);
        return sum;
    }

    /// <summary>
    /// The k·4 dot products result[b·k + c] = Y_b·u^c of <see cref="SampleBlock"/> = 4 sample rows
    /// Y_b = samples[b·sampleStride .. + n) with the k rows u^c = u[c·n .. (c+1)·n), n = u.Length/k, each in the order of
    /// <see cref="Dot8"/>. On AVX-512 with k ≤ 4 every element of u is loaded once per block of samples.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BlockDots(ReadOnlySpan<double> samples, int sampleStride, ReadOnlySpan<double> u, int k, Span<double> result)
    {
        int n = u.Length / k;
        if (u.Length != k * n || result.Length != SampleBlock * k || sampleStride < n || samples.Length < 3 * sampleStride + n)
            throw new ArgumentException("inconsistent block dimensions");
        if (!(UseVector512 && k <= 4))
        {
            for (int b = 0; b < SampleBlock; b++)
                for (int c = 0; c < k; c++) result[b * k + c] = Dot8(samples.Slice(b * sampleStride, n), u.Slice(c * n, n));
            return;
        }
        int whole = n - n % 8;
        ref double y0 = ref MemoryMarshal.GetReference(samples);
        ref double y1 = ref Unsafe.Add(ref y0, sampleStride);
        ref double y2 = ref Unsafe.Add(ref y0, 2 * sampleStride);
        ref double y3 = ref Unsafe.Add(ref y0, 3 * sampleStride);
        ref double u0 = ref MemoryMarshal.GetReference(u);
        ref double u1 = ref Unsafe.Add(ref u0, k > 1 ? n : 0);
        ref double u2 = ref Unsafe.Add(ref u0, k > 2 ? 2 * n : 0);
        ref double u3 = ref Unsafe.Add(ref u0, k > 3 ? 3 * n : 0);
        Vector512<double> z = Vector512<double>.Zero;
        Vector512<double> a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z;
        Vector512<double> a20 = z, a21 = z, a22 = z, a23 = z, a30 = z, a31 = z, a32 = z, a33 = z;
        for (int i = 0; i < whole; i += 8)
        {
            nuint o = (nuint)i;
            var v0 = Vector512.LoadUnsafe(ref y0, o);
            var v1 = Vector512.LoadUnsafe(ref y1, o);
            var v2 = Vector512.LoadUnsafe(ref y2, o);
            var v3 = Vector512.LoadUnsafe(ref y3, o);
            var w = Vector512.LoadUnsafe(ref u0, o);
            a00 = Vector512.FusedMultiplyAdd(v0, w, a00);
            a10 = Vector512.FusedMultiplyAdd(v1, w, a10);
            a20 = Vector512.FusedMultiplyAdd(v2, w, a20);
            a30 = Vector512.FusedMultiplyAdd(v3, w, a30);
            if (k > 1)
            {
                w = Vector512.LoadUnsafe(ref u1, o);
                a01 = Vector512.FusedMultiplyAdd(v0, w, a01);
                a11 = Vector512.FusedMultiplyAdd(v1, w, a11);
                a21 = Vector512.FusedMultiplyAdd(v2, w, a21);
                a31 = Vector512.FusedMultiplyAdd(v3, w, a31);
            }
            if (k > 2)
            {
                w = Vector512.LoadUnsafe(ref u2, o);
                a02 = Vector512.FusedMultiplyAdd(v0, w, a02);
                a12 = Vector512.FusedMultiplyAdd(v1, w, a12);
                a22 = Vector512.FusedMultiplyAdd(v2, w, a22);
                a32 = Vector512.FusedMultiplyAdd(v3, w, a32);
            }
            if (k > 3)
            {
                w = Vector512.LoadUnsafe(ref u3, o);
                a03 = Vector512.FusedMultiplyAdd(v0, w, a03);
                a13 = Vector512.FusedMultiplyAdd(v1, w, a13);
                a23 = Vector512.FusedMultiplyAdd(v2, w, a23);
                a33 = Vector512.FusedMultiplyAdd(v3, w, a33);
            }
        }
        Span<double> sums = stackalloc double[16];
        sums[0] = Combine(a00); sums[1] = Combine(a01); sums[2] = Combine(a02); sums[3] = Combine(a03);
        sums[4] = Combine(a10); sums[5] = Combine(a11); sums[6] = Combine(a12); sums[7] = Combine(a13);
        sums[8] = Combine(a20); sums[9] = Combine(a21); sums[10] = Combine(a22); sums[11] = Combine(a23);
        sums[12] = Combine(a30); sums[13] = Combine(a31); sums[14] = Combine(a32); sums[15] = Combine(a33);
        for (int b = 0; b < SampleBlock; b++)
        {
            ref double yb = ref Unsafe.Add(ref y0, b * sampleStride);
            for (int c = 0; c < k; c++)
            {
                ref double uc = ref Unsafe.Add(ref u0, c * n);
                double sum = sums[b * 4 + c];
                for (int i = whole; i < n; i++) sum = Math.FusedMultiplyAdd(Unsafe.Add(ref yb, i), Unsafe.Add(ref uc, i), sum);
                result[b * k + c] = sum;
            }
        }
    }

    /// <summary>
    /// Accumulates 4 sample rows into k rows: out^c_i ← fma(t[3k+c], Y_3i, fma(t[2k+c], Y_2i, fma(t[k+c], Y_1i,
    /// fma(t[c], Y_0i, out^c_i)))) — exactly four <see cref="AddScaledToRows"/> calls in sample order, with each output
    /// element loaded and stored once (rows of out contiguous, length n = out.Length/k).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BlockAddScaled(ReadOnlySpan<double> samples, int sampleStride, ReadOnlySpan<double> t, Span<double> rows, int k)
    {
        int n = rows.Length / k;
        if (rows.Length != k * n || t.Length != SampleBlock * k || sampleStride < n || samples.Length < 3 * sampleStride + n)
            throw new ArgumentException("inconsistent block dimensions");
        ref double y0 = ref MemoryMarshal.GetReference(samples);
        ref double y1 = ref Unsafe.Add(ref y0, sampleStride);
        ref double y2 = ref Unsafe.Add(ref y0, 2 * sampleStride);
        ref double y3 = ref Unsafe.Add(ref y0, 3 * sampleStride);
        for (int c = 0; c < k; c++)
        {
            double t0 = t[c], t1 = t[k + c], t2 = t[2 * k + c], t3 = t[3 * k + c];
            ref double po = ref MemoryMarshal.GetReference(rows.Slice(c * n, n));
            int i = 0;
            if (UseVector512)
            {
                Vector512<double> b0 = Vector512.Create(t0), b1 = Vector512.Create(t1), b2 = Vector512.Create(t2), b3 = Vector512.Create(t3);
                for (; i <= n - 8; i += 8)
                {
                    nuint o = (nuint)i;
                    var acc = Vector512.FusedMultiplyAdd(b0, Vector512.LoadUnsafe(ref y0, o), Vector512.LoadUnsafe(ref po, o));
                    acc = Vector512.FusedMultiplyAdd(b1, Vector512.LoadUnsafe(ref y1, o), acc);
                    acc = Vector512.FusedMultiplyAdd(b2, Vector512.LoadUnsafe(ref y2, o), acc);
                    Vector512.FusedMultiplyAdd(b3, Vector512.LoadUnsafe(ref y3, o), acc).StoreUnsafe(ref po, o);
                }
            }
            else if (UseVector256)
            {
                Vector256<double> b0 = Vector256.Create(t0), b1 = Vector256.Create(t1), b2 = Vector256.Create(t2), b3 = Vector256.Create(t3);
                for (; i <= n - 4; i += 4)
                {
                    nuint o = (nuint)i;
                    var acc = Vector256.FusedMultiplyAdd(b0, Vector256.LoadUnsafe(ref y0, o), Vector256.LoadUnsafe(ref po, o));
                    acc = Vector256.FusedMultiplyAdd(b1, Vector256.LoadUnsafe(ref y1, o), acc);
                    acc = Vector256.FusedMultiplyAdd(b2, Vector256.LoadUnsafe(ref y2, o), acc);
                    Vector256.FusedMultiplyAdd(b3, Vector256.LoadUnsafe(ref y3, o), acc).StoreUnsafe(ref po, o);
                }
            }
            for (; i < n; i++)
            {
                double acc = Math.FusedMultiplyAdd(t0, Unsafe.Add(ref y0, i), Unsafe.Add(ref po, i));
                acc = Math.FusedMultiplyAdd(t1, Unsafe.Add(ref y1, i), acc);
                acc = Math.FusedMultiplyAdd(t2, Unsafe.Add(ref y2, i), acc);
                Unsafe.Add(ref po, i) = Math.FusedMultiplyAdd(t3, Unsafe.Add(ref y3, i), acc);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> UpdateAndAccumulate(ref double row, nuint offset, Vector512<double> scale,
        Vector512<double> coefficient, Vector512<double> sample, Vector512<double> nextSample, Vector512<double> accumulator)
    {
        var x = Vector512.FusedMultiplyAdd(scale, Vector512.LoadUnsafe(ref row, offset), coefficient * sample);
        x.StoreUnsafe(ref row, offset);
        return Vector512.FusedMultiplyAdd(x, nextSample, accumulator);
    }

    /// <summary>
    /// Rank-one accumulation into k rows: out^c_i ← fma(t_c, sample_i, out^c_i) for c = 0..k−1 (rows contiguous, row
    /// length sample.Length); exact on every path (also for t_c = 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaledToRows(ReadOnlySpan<double> sample, ReadOnlySpan<double> coefficients, Span<double> rows)
    {
        int k = coefficients.Length, n = sample.Length;
        if (rows.Length != k * n) throw new ArgumentException("rows must hold coefficients.Length rows of length sample.Length");
        ref double ps = ref MemoryMarshal.GetReference(sample);
        for (int c = 0; c < k; c++)
        {
            double t = coefficients[c];
            ref double po = ref MemoryMarshal.GetReference(rows.Slice(c * n, n));
            int i = 0;
            if (UseVector512)
            {
                var tv = Vector512.Create(t);
                for (; i <= n - 16; i += 16)
                {
                    Vector512.FusedMultiplyAdd(tv, Vector512.LoadUnsafe(ref ps, (nuint)i), Vector512.LoadUnsafe(ref po, (nuint)i)).StoreUnsafe(ref po, (nuint)i);
                    Vector512.FusedMultiplyAdd(tv, Vector512.LoadUnsafe(ref ps, (nuint)(i + 8)), Vector512.LoadUnsafe(ref po, (nuint)(i + 8))).StoreUnsafe(ref po, (nuint)(i + 8));
                }
                for (; i <= n - 8; i += 8)
                    Vector512.FusedMultiplyAdd(tv, Vector512.LoadUnsafe(ref ps, (nuint)i), Vector512.LoadUnsafe(ref po, (nuint)i)).StoreUnsafe(ref po, (nuint)i);
            }
            else if (UseVector256)
            {
                var tv = Vector256.Create(t);
                for (; i <= n - 4; i += 4)
                    Vector256.FusedMultiplyAdd(tv, Vector256.LoadUnsafe(ref ps, (nuint)i), Vector256.LoadUnsafe(ref po, (nuint)i)).StoreUnsafe(ref po, (nuint)i);
            }
            for (; i < n; i++) Unsafe.Add(ref po, i) = Math.FusedMultiplyAdd(t, Unsafe.Add(ref ps, i), Unsafe.Add(ref po, i));
        }
    }

    /// <summary>Element-wise y_i ← y_i + x_i (exact on every path).</summary>
    public static void AddInPlace(ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("spans must have equal length");
        for (int i = 0; i < y.Length; i++) y[i] += x[i];
    }

    /// <summary>Whether every entry is finite (no NaN, no ±∞).</summary>
    public static bool AllFinite(ReadOnlySpan<double> x)
    {
        foreach (double v in x)
            if (!double.IsFinite(v)) return false;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot512(ref double px, ref double py, int whole)
    {
        Vector512<double> a0 = Vector512<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
        for (int i = 0; i < whole; i += DotBlock)
        {
            a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref px, (nuint)i), Vector512.LoadUnsafe(ref py, (nuint)i), a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref px, (nuint)(i + 8)), Vector512.LoadUnsafe(ref py, (nuint)(i + 8)), a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref px, (nuint)(i + 16)), Vector512.LoadUnsafe(ref py, (nuint)(i + 16)), a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref px, (nuint)(i + 24)), Vector512.LoadUnsafe(ref py, (nuint)(i + 24)), a3);
        }
        return Combine((a0 + a1) + (a2 + a3));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot256(ref double px, ref double py, int whole)
    {
        Vector256<double> a0 = Vector256<double>.Zero, b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
        for (int i = 0; i < whole; i += DotBlock)
        {
            a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)i), Vector256.LoadUnsafe(ref py, (nuint)i), a0);
            b0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)(i + 4)), Vector256.LoadUnsafe(ref py, (nuint)(i + 4)), b0);
            a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)(i + 8)), Vector256.LoadUnsafe(ref py, (nuint)(i + 8)), a1);
            b1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)(i + 12)), Vector256.LoadUnsafe(ref py, (nuint)(i + 12)), b1);
            a2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)(i + 16)), Vector256.LoadUnsafe(ref py, (nuint)(i + 16)), a2);
            b2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)(i + 20)), Vector256.LoadUnsafe(ref py, (nuint)(i + 20)), b2);
            a3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)(i + 24)), Vector256.LoadUnsafe(ref py, (nuint)(i + 24)), a3);
            b3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)(i + 28)), Vector256.LoadUnsafe(ref py, (nuint)(i + 28)), b3);
        }
        Vector256<double> low = (a0 + a1) + (a2 + a3), high = (b0 + b1) + (b2 + b3);
        return Combine(low.GetElement(0), low.GetElement(1), low.GetElement(2), low.GetElement(3),
            high.GetElement(0), high.GetElement(1), high.GetElement(2), high.GetElement(3));
    }

    private static double DotScalar(ref double px, ref double py, int whole)
    {
        Span<double> s = stackalloc double[DotBlock];
        s.Clear();
        for (int i = 0; i < whole; i += DotBlock)
            for (int r = 0; r < DotBlock; r++)
                s[r] = Math.FusedMultiplyAdd(Unsafe.Add(ref px, i + r), Unsafe.Add(ref py, i + r), s[r]);
        Span<double> t = stackalloc double[8];
        for (int l = 0; l < 8; l++) t[l] = (s[l] + s[8 + l]) + (s[16 + l] + s[24 + l]);
        return Combine(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
    }

    /// <summary>k ≤ 4 dot products with one y, AVX-512, each in the fixed order (y loaded once per block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dots512(ReadOnlySpan<double> rows, int stride, ReadOnlySpan<double> y, Span<double> result)
    {
        int k = result.Length, n = y.Length;
        int whole = n - n % DotBlock;
        ref double py = ref MemoryMarshal.GetReference(y);
        ref double p0 = ref MemoryMarshal.GetReference(rows);
        ref double p1 = ref Unsafe.Add(ref p0, k > 1 ? stride : 0);
        ref double p2 = ref Unsafe.Add(ref p0, k > 2 ? 2 * stride : 0);
        ref double p3 = ref Unsafe.Add(ref p0, k > 3 ? 3 * stride : 0);
        Vector512<double> z = Vector512<double>.Zero;
        Vector512<double> a00 = z, a01 = z, a02 = z, a03 = z, a10 = z, a11 = z, a12 = z, a13 = z;
        Vector512<double> a20 = z, a21 = z, a22 = z, a23 = z, a30 = z, a31 = z, a32 = z, a33 = z;
        // Rows beyond k alias row 0 and their sums are discarded: the per-row arithmetic is unchanged.
        for (int i = 0; i < whole; i += DotBlock)
        {
            var y0 = Vector512.LoadUnsafe(ref py, (nuint)i);
            var y1 = Vector512.LoadUnsafe(ref py, (nuint)(i + 8));
            var y2 = Vector512.LoadUnsafe(ref py, (nuint)(i + 16));
            var y3 = Vector512.LoadUnsafe(ref py, (nuint)(i + 24));
            a00 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p0, (nuint)i), y0, a00);
            a01 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p0, (nuint)(i + 8)), y1, a01);
            a02 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p0, (nuint)(i + 16)), y2, a02);
            a03 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p0, (nuint)(i + 24)), y3, a03);
            if (k > 1)
            {
                a10 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p1, (nuint)i), y0, a10);
                a11 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p1, (nuint)(i + 8)), y1, a11);
                a12 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p1, (nuint)(i + 16)), y2, a12);
                a13 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p1, (nuint)(i + 24)), y3, a13);
            }
            if (k > 2)
            {
                a20 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p2, (nuint)i), y0, a20);
                a21 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p2, (nuint)(i + 8)), y1, a21);
                a22 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p2, (nuint)(i + 16)), y2, a22);
                a23 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p2, (nuint)(i + 24)), y3, a23);
            }
            if (k > 3)
            {
                a30 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p3, (nuint)i), y0, a30);
                a31 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p3, (nuint)(i + 8)), y1, a31);
                a32 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p3, (nuint)(i + 16)), y2, a32);
                a33 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref p3, (nuint)(i + 24)), y3, a33);
            }
        }
        Span<double> sums = stackalloc double[4];
        sums[0] = Combine((a00 + a01) + (a02 + a03));
        sums[1] = Combine((a10 + a11) + (a12 + a13));
        sums[2] = Combine((a20 + a21) + (a22 + a23));
        sums[3] = Combine((a30 + a31) + (a32 + a33));
        for (int c = 0; c < k; c++)
        {
            ref double pc = ref Unsafe.Add(ref p0, c * stride);
            double sum = sums[c];
            for (int i = whole; i < n; i++) sum = Math.FusedMultiplyAdd(Unsafe.Add(ref pc, i), Unsafe.Add(ref py, i), sum);
            result[c] = sum;
        }
    }

    private static void CheckRows(int length, int stride, int k, int n)
    {
        if (stride < n || k < 1 || (long)(k - 1) * stride + n > length)
            throw new ArgumentException($"rows must hold {k} rows of length {n} at stride {stride} (≥ {n})");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Combine(Vector512<double> t) =>
        Combine(t.GetElement(0), t.GetElement(1), t.GetElement(2), t.GetElement(3),
            t.GetElement(4), t.GetElement(5), t.GetElement(6), t.GetElement(7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Combine(double t0, double t1, double t2, double t3, double t4, double t5, double t6, double t7) =>
        ((t0 + t4) + (t2 + t6)) + ((t1 + t5) + (t3 + t7));
}
