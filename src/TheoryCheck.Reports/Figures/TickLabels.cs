using System.Globalization;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Figures;

/// <summary>Tick label text: minus sign U+2212, powers of ten as 10ᵏ with Unicode superscripts.</summary>
internal static class TickLabels
{
    /// <summary>A linear-axis tick value: plain decimal for 10⁻⁴ ≤ |v| &lt; 10⁵, otherwise m×10ᵏ.</summary>
    public static string Linear(double value)
    {
        if (value == 0 || Math.Abs(value) < 1e-300) return "0";
        double magnitude = Math.Abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e5)
        {
            // Round away binary noise (0.30000000000000004) without hiding real digits of a tick step.
            string plain = Math.Round(value, 10).ToString("G6", CultureInfo.InvariantCulture);
            return PaperText.Minus(plain);
        }
        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        double mantissa = Math.Round(value / Math.Pow(10, exponent), 6);
        if (Math.Abs(mantissa) >= 10) { mantissa /= 10; exponent++; }
        string m = mantissa.ToString("G4", CultureInfo.InvariantCulture);
        return PaperText.Minus(m == "1" ? Power(exponent) : m == "-1" ? "-" + Power(exponent) : $"{m}×{Power(exponent)}");
    }

    /// <summary>10ᵏ for an integer exponent k.</summary>
    public static string Power(int exponent) =>
        exponent switch
        {
            0 => "1",
            1 => "10",
            _ => PaperText.ToUnicode($"10^{{{exponent.ToString(CultureInfo.InvariantCulture)}}}"),
        };

    /// <summary>A value on a log axis that is not a power of ten (used when less than a decade is visible).</summary>
    public static string LogValue(double value)
    {
        double magnitude = Math.Abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e4) return PaperText.Minus(value.ToString("G3", CultureInfo.InvariantCulture));
        return Linear(value);
    }
}
