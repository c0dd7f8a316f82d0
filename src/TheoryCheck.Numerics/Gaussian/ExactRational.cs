using System.Numerics;

namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// Exact rational number p/q (BigInteger, q &gt; 0, reduced) used only to construct the nested Genz–Keister rules
/// without round-off; never used on a hot path.
/// </summary>
internal readonly struct ExactRational : IComparable<ExactRational>
{
    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    public ExactRational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("Rational with zero denominator.");
        if (denominator.Sign < 0) { numerator = -numerator; denominator = -denominator; }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero) { numerator /= g; denominator /= g; }
        Numerator = numerator;
        Denominator = numerator.IsZero ? BigInteger.One : denominator;
    }

    public static ExactRational Zero => new(BigInteger.Zero, BigInteger.One);
    public static ExactRational One => new(BigInteger.One, BigInteger.One);

    public int Sign => Numerator.Sign;
    public bool IsZero => Numerator.IsZero;

    public static implicit operator ExactRational(long value) => new(value, BigInteger.One);

    /// <summary>The exact value of a finite double (every double is a dyadic rational).</summary>
    public static ExactRational FromDouble(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException("Only finite doubles are rational.", nameof(value));
        if (value == 0) return Zero;
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent = 1; else mantissa |= 1L << 52;
        exponent -= 1075;
        BigInteger num = mantissa;
        if (negative) num = -num;
        return exponent >= 0
            ? new ExactRational(num << exponent, BigInteger.One)
            : new ExactRational(num, BigInteger.One << -exponent);
    }

    public static ExactRational operator +(ExactRational a, ExactRational b) =>
        new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static ExactRational operator -(ExactRational a, ExactRational b) =>
        new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static ExactRational operator -(ExactRational a) => new(-a.Numerator, a.Denominator);
    public static ExactRational operator *(ExactRational a, ExactRational b) =>
        new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);
    public static ExactRational operator /(ExactRational a, ExactRational b) =>
        new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public ExactRational Abs() => new(BigInteger.Abs(Numerator), Denominator);

    public int CompareTo(ExactRational other) =>
        (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>Nearest double (to within one unit in the last place).</summary>
    public double ToDouble()
    {
        if (Numerator.IsZero) return 0.0;
        var absNum = BigInteger.Abs(Numerator);
        // Scale so that the integer quotient carries at least 64 significant bits.
        long shift = 64 - ((long)absNum.GetBitLength() - (long)Denominator.GetBitLength());
        BigInteger quotient = shift >= 0 ? (absNum << (int)shift) / Denominator : absNum / (Denominator << (int)-shift);
        double result = Math.ScaleB((double)quotient, (int)-shift);
        return Numerator.Sign < 0 ? -result : result;
    }
}
