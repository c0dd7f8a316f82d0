using System.Runtime.CompilerServices;

namespace TheoryCheck.Numerics.Random;

/// <summary>
/// Width-generic maps from 64-bit draws to doubles: uniforms, a polynomial natural log, sin/cos in quarter turns,
/// and the Box–Muller pair. Only +, −, ×, ÷, √ and single-rounding fma appear, in a fixed order, so every lane
/// width gives the same bits.
/// </summary>
/// <remarks>
/// Coefficients are Chebyshev (near-minimax) fits computed in 50-digit arithmetic (mpmath.chebyfit) and rounded to
/// double; with those rounded coefficients the fitted functions' relative error is below 5e-17 (sin, cos) and
/// 5e-16 for the log's series remainder (which enters the log scaled by ≤ 0.01). Measured against Math.Log,
/// Math.Sin and Math.Cos the end-to-end relative error is a few ulp (see the Random tests).
/// </remarks>
internal static class NormalMath
{
    private const ulong OneBits = 0x3FF0_0000_0000_0000;          // 1.0
    private const ulong SqrtHalfBits = 0x3FE6_A09E_667F_3BCD;     // √½ rounded to double
    private const ulong ExponentBias = 1100;                      // keeps the biased exponent positive
    private const ulong TwoPow52Bits = 0x4330_0000_0000_0000;     // 2^52
    private const double TwoPow52 = 4503599627370496.0;
    private const double OpenOffset = 1.0 - (1.0 / 9007199254740992.0); // 1 − 2^-53
    private const double TwoPowMinus53 = 1.0 / 9007199254740992.0;
    private const double RoundingMagic = 6755399441055744.0;      // 1.5·2^52: x + magic rounds x to an integer
    private const double Ln2High = 6.93147180369123816490e-01;    // 0x3FE62E42FEE00000, 32 significant bits
    private const double Ln2Low = 1.90821492927058770002e-10;     // ln 2 − Ln2High

    // ln m = 2f + 2f·s·P(s), f = (m−1)/(m+1), s = f² ∈ [0, (3−2√2)²]; P(s) ≈ (atanh(√s)/√s − 1)/s.
    private const double Log0 = 0.3333333333333335;
    private const double Log1 = 0.19999999999949752;
    private const double Log2 = 0.14285714312987743;
    private const double Log3 = 0.1111110556739754;
    private const double Log4 = 0.09091444562630861;
    private const double Log5 = 0.07665860800278021;
    private const double Log6 = 0.07308224842521703;

    // sin(π s/2) = s·S(s²), cos(π s/2) = C(s²) for s ∈ [−½, ½].
    private const double Sin0 = 1.5707963267948966;
    private const double Sin1 = -0.6459640975062443;
    private const double Sin2 = 0.07969262624604301;
    private const double Sin3 = -0.004681754132340976;
    private const double Sin4 = 0.0001604411507421909;
    private const double Sin5 = -3.59864335298231e-06;
    private const double Sin6 = 5.633933781537854e-08;

    private const double Cos0 = 1.0;
    private const double Cos1 = -1.2337005501361697;
    private const double Cos2 = 0.2536695079010467;
    private const double Cos3 = -0.02086348076331121;
    private const double Cos4 = 0.0009192602741831558;
    private const double Cos5 = -2.520203677046026e-05;
    private const double Cos6 = 4.710609726757823e-07;
    private const double Cos7 = -6.321256869628588e-09;

    /// <summary>Uniform in [0, 1) with 53 random bits: <c>⌊w/2^11⌋·2^-53</c>, exact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TReal Uniform<TLanes, TBits, TReal>(TBits word)
        where TLanes : struct, ILanes<TBits, TReal>
        where TBits : struct
        where TReal : struct
    {
        // (1 + ⌊w/2^12⌋·2^-52) − 1 is exact; the 53rd bit adds 2^-53 exactly.
        TReal upper = TLanes.Subtract(
            TLanes.AsReal(TLanes.Or(TLanes.ShiftRight(word, 12), TLanes.Broadcast(OneBits))),
            TLanes.BroadcastReal(1.0));
        TBits lastBitMask = TLanes.SubtractBits(
            TLanes.Broadcast(0), TLanes.And(TLanes.ShiftRight(word, 11), TLanes.Broadcast(1)));
        TReal lastBit = TLanes.AsReal(TLanes.And(lastBitMask, TLanes.AsBits(TLanes.BroadcastReal(TwoPowMinus53))));
        return TLanes.Add(upper, lastBit);
    }

    /// <summary>Uniform in (0, 1) with 52 random bits: <c>(⌊w/2^12⌋ + ½)·2^-52</c>, exact, in [2^-53, 1 − 2^-53].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TReal OpenUniform<TLanes, TBits, TReal>(TBits word)
        where TLanes : struct, ILanes<TBits, TReal>
        where TBits : struct
        where TReal : struct =>
        TLanes.Subtract(
            TLanes.AsReal(TLanes.Or(TLanes.ShiftRight(word, 12), TLanes.Broadcast(OneBits))),
            TLanes.BroadcastReal(OpenOffset));

    /// <summary>
    /// Natural log of a positive normal double: x = 2^k·m with m ∈ [√½, √2), ln x = k·ln2 + 2·atanh((m−1)/(m+1)),
    /// ln 2 split in a 32-bit head (k·head exact) and a tail. Not for zero, subnormals, infinities or NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TReal Log<TLanes, TBits, TReal>(TReal x)
        where TLanes : struct, ILanes<TBits, TReal>
        where TBits : struct
        where TReal : struct
    {
        TBits bits = TLanes.AsBits(x);
        TBits biased = TLanes.AddBits(bits, TLanes.Broadcast(unchecked((ExponentBias << 52) - SqrtHalfBits)));
        TBits exponentBiased = TLanes.ShiftRight(biased, 52); // k + ExponentBias
        TBits mantissaBits = TLanes.SubtractBits(
            TLanes.AddBits(bits, TLanes.Broadcast(ExponentBias << 52)),
            TLanes.ShiftLeft(exponentBiased, 52));
        TReal m = TLanes.AsReal(mantissaBits);
        TReal k = TLanes.Subtract(
            TLanes.AsReal(TLanes.Or(exponentBiased, TLanes.Broadcast(TwoPow52Bits))),
            TLanes.BroadcastReal(TwoPow52 + ExponentBias));

        TReal one = TLanes.BroadcastReal(1.0);
        TReal f = TLanes.Divide(TLanes.Subtract(m, one), TLanes.Add(m, one));
        TReal twoF = TLanes.Add(f, f);
        TReal s = TLanes.Multiply(f, f);
        TReal p = TLanes.FusedMultiplyAdd(s, TLanes.BroadcastReal(Log6), TLanes.BroadcastReal(Log5));
        p = TLanes.FusedMultiplyAdd(s, p, TLanes.BroadcastReal(Log4));
        p = TLanes.FusedMultiplyAdd(s, p, TLanes.BroadcastReal(Log3));
        p = TLanes.FusedMultiplyAdd(s, p, TLanes.BroadcastReal(Log2));
        p = TLanes.FusedMultiplyAdd(s, p, TLanes.BroadcastReal(Log1));
        p = TLanes.FusedMultiplyAdd(s, p, TLanes.BroadcastReal(Log0));
        TReal logM = TLanes.FusedMultiplyAdd(TLanes.Multiply(twoF, s), p, twoF);
        TReal tail = TLanes.FusedMultiplyAdd(k, TLanes.BroadcastReal(Ln2Low), logM);
        return TLanes.FusedMultiplyAdd(k, TLanes.BroadcastReal(Ln2High), tail);
    }

    /// <summary>
    /// sin(πx/2) and cos(πx/2) for x ∈ [0, 4) quarter turns (exact reduction: q = round(x), s = x − q ∈ [−½, ½],
    /// then quadrant q mod 4 swaps and negates the kernel values).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosQuarterTurns<TLanes, TBits, TReal>(TReal x, out TReal sine, out TReal cosine)
        where TLanes : struct, ILanes<TBits, TReal>
        where TBits : struct
        where TReal : struct
    {
        TReal shifted = TLanes.Add(x, TLanes.BroadcastReal(RoundingMagic));
        TBits quadrant = TLanes.AsBits(shifted); // low bits hold round(x)
        TReal s = TLanes.Subtract(x, TLanes.Subtract(shifted, TLanes.BroadcastReal(RoundingMagic)));
        TReal w = TLanes.Multiply(s, s);

        TReal sp = TLanes.FusedMultiplyAdd(w, TLanes.BroadcastReal(Sin6), TLanes.BroadcastReal(Sin5));
        sp = TLanes.FusedMultiplyAdd(w, sp, TLanes.BroadcastReal(Sin4));
        sp = TLanes.FusedMultiplyAdd(w, sp, TLanes.BroadcastReal(Sin3));
        sp = TLanes.FusedMultiplyAdd(w, sp, TLanes.BroadcastReal(Sin2));
        sp = TLanes.FusedMultiplyAdd(w, sp, TLanes.BroadcastReal(Sin1));
        sp = TLanes.FusedMultiplyAdd(w, sp, TLanes.BroadcastReal(Sin0));
        TReal sinKernel = TLanes.Multiply(s, sp);

        TReal cp = TLanes.FusedMultiplyAdd(w, TLanes.BroadcastReal(Cos7), TLanes.BroadcastReal(Cos6));
        cp = TLanes.FusedMultiplyAdd(w, cp, TLanes.BroadcastReal(Cos5));
        cp = TLanes.FusedMultiplyAdd(w, cp, TLanes.BroadcastReal(Cos4));
        cp = TLanes.FusedMultiplyAdd(w, cp, TLanes.BroadcastReal(Cos3));
        cp = TLanes.FusedMultiplyAdd(w, cp, TLanes.BroadcastReal(Cos2));
        cp = TLanes.FusedMultiplyAdd(w, cp, TLanes.BroadcastReal(Cos1));
        TReal cosKernel = TLanes.FusedMultiplyAdd(w, cp, TLanes.BroadcastReal(Cos0));

        // q odd: swap; sin negated when bit 1 of q is set, cos negated when bit 1 of q+1 is set.
        TBits swap = TLanes.SubtractBits(TLanes.Broadcast(0), TLanes.And(quadrant, TLanes.Broadcast(1)));
        TReal sinValue = TLanes.Select(swap, cosKernel, sinKernel);
        TReal cosValue = TLanes.Select(swap, sinKernel, cosKernel);
        TBits sinSign = TLanes.ShiftLeft(TLanes.ShiftRight(quadrant, 1), 63);
        TBits cosSign = TLanes.ShiftLeft(TLanes.ShiftRight(TLanes.AddBits(quadrant, TLanes.Broadcast(1)), 1), 63);
        sine = TLanes.AsReal(TLanes.Xor(TLanes.AsBits(sinValue), sinSign));
        cosine = TLanes.AsReal(TLanes.Xor(TLanes.AsBits(cosValue), cosSign));
    }

    /// <summary>
    /// Box–Muller: with u₁ = <see cref="OpenUniform{TLanes,TBits,TReal}"/>(low) and t = ⌊high/2^12⌋·2^-52 ∈ [0,1),
    /// r = √(−2 ln u₁), returns (r cos 2πt, r sin 2πt); |z| ≤ √(106 ln 2) ≈ 8.57.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BoxMuller<TLanes, TBits, TReal>(TBits low, TBits high, out TReal first, out TReal second)
        where TLanes : struct, ILanes<TBits, TReal>
        where TBits : struct
        where TReal : struct
    {
        TReal u1 = OpenUniform<TLanes, TBits, TReal>(low);
        TReal radius = TLanes.Sqrt(TLanes.Multiply(Log<TLanes, TBits, TReal>(u1), TLanes.BroadcastReal(-2.0)));
        TReal turns = TLanes.Subtract(
            TLanes.AsReal(TLanes.Or(TLanes.ShiftRight(high, 12), TLanes.Broadcast(OneBits))),
            TLanes.BroadcastReal(1.0));
        TReal quarterTurns = TLanes.Multiply(turns, TLanes.BroadcastReal(4.0));
        SinCosQuarterTurns<TLanes, TBits, TReal>(quarterTurns, out TReal sine, out TReal cosine);
        first = TLanes.Multiply(radius, cosine);
        second = TLanes.Multiply(radius, sine);
    }

    /// <summary>Scalar instance of <see cref="Log{TLanes,TBits,TReal}"/> (for tests).</summary>
    public static double Log(double x) => Log<ScalarLanes, ulong, double>(x);

    /// <summary>Scalar instance of <see cref="SinCosQuarterTurns{TLanes,TBits,TReal}"/> (for tests).</summary>
    public static (double Sine, double Cosine) SinCosQuarterTurns(double x)
    {
        SinCosQuarterTurns<ScalarLanes, ulong, double>(x, out double sine, out double cosine);
        return (sine, cosine);
    }
}
