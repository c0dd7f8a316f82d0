using System.Globalization;
using TheoryCheck.Models;

namespace TheoryCheck.Cli.Common;

/// <summary>
/// Every number on the command line is parsed one invariant way: '.' is the decimal point, no group separators
/// (so <c>0,5</c> is refused rather than read as 5), finite and not subnormal values only. Errors are one line naming the option.
/// </summary>
public static class CliNumbers
{
    private const NumberStyles Real = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent
                                      | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    /// <summary>A finite real number.</summary>
    public static double ParseReal(string option, string text)
    {
        if (!double.TryParse(text, Real, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new InputException($"{option} must be a finite number with '.' as the decimal point (got '{text}')");
        if (value != 0 && Math.Abs(value) < Models.Parameters.ParameterSpec.SmallestNormal)
            throw new InputException($"{option} must be 0 or at least 2.2250738585072014E-308 in magnitude (got '{text.Trim()}', a subnormal number)");
        return value;
    }

    /// <summary>A whole number in [<paramref name="minimum"/>, <paramref name="maximum"/>].</summary>
    public static long ParseInteger(string option, string text, long minimum = long.MinValue, long maximum = long.MaxValue)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out long value))
            throw new InputException($"{option} must be a whole number (got '{text}')");
        if (value < minimum || value > maximum)
            throw new InputException($"{option} must be ≥ {minimum.ToString(CultureInfo.InvariantCulture)}{(maximum < long.MaxValue ? $" and ≤ {maximum.ToString(CultureInfo.InvariantCulture)}" : "")} (got {text.Trim()})");
        return value;
    }

    /// <summary>A seed: a whole number in [0, 2⁶⁴ − 1].</summary>
    public static ulong ParseSeed(string option, string text) =>
        ulong.TryParse(text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw new InputException($"{option} must be a whole number in [0, 18446744073709551615] (got '{text}')");
}
