using System.Globalization;

namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// Numbers for people (check requirements, figure annotations, tables): invariant culture, a fixed number of
/// significant digits, the typographic minus sign "−" and "e" exponents (e.g. −0.58, 1.2e−5).
/// Never used for stored numbers, which are written round-trip ("R").
/// </summary>
public static class NumberText
{
    /// <summary><paramref name="value"/> with at most <paramref name="significantDigits"/> significant digits ("NaN", "∞", "−∞" for non-finite values).</summary>
    public static string Format(double value, int significantDigits = 3)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "∞";
        if (double.IsNegativeInfinity(value)) return "−∞";
        if (value == 0) return "0";
        string s = value.ToString("G" + significantDigits, CultureInfo.InvariantCulture);
        int e = s.IndexOf('E');
        if (e >= 0)
        {
            string mantissa = s[..e];
            int exponent = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = mantissa + "e" + exponent.ToString(CultureInfo.InvariantCulture);
        }
        return s.Replace('-', '−');
    }

    /// <summary>An interval "[lo, hi]" with <see cref="Format"/>.</summary>
    public static string Interval(double lower, double upper, int significantDigits = 3) =>
        $"[{Format(lower, significantDigits)}, {Format(upper, significantDigits)}]";
}
