using System.Globalization;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// Tick label text, one style per axis: plain decimals ("0.05", "1000", "2000") when every non-zero tick value v
/// has 10⁻³ ≤ |v| &lt; 10⁵, otherwise a×10ᵏ with Unicode superscripts ("10⁻⁶", "2×10⁵"); minus sign U+2212.
/// The same strings are drawn into PNG, SVG and PDF.
/// </summary>
internal static class TickLabels
{
    /// <summary>Smallest magnitude written as a plain decimal.</summary>
    public const double PlainMin = 1e-3;

    /// <summary>Magnitudes from here on are written as a×10ᵏ.</summary>
    public const double PlainMax = 1e5;

    /// <summary>
    /// Labels for the major tick values of one axis, in one style (see the type summary). On a linear axis
    /// (<paramref name="logarithmic"/> false) a value below 10⁻⁹ of the largest |value| is the tick at 0 placed by
    /// floating-point steps (±1e-17) and is labelled "0".
    /// </summary>
    public static string[] Axis(IReadOnlyList<double> values, bool logarithmic = false)
    {
        double scale = values.Count == 0 || logarithmic ? 0 : values.Max(v => double.IsFinite(v) ? Math.Abs(v) : 0);
        double[] cleaned = values.Select(v => Math.Abs(v) <= 1e-9 * scale ? 0 : v).ToArray();
        bool plain = cleaned.All(v => IsZero(v) || (Math.Abs(v) >= PlainMin && Math.Abs(v) < PlainMax));
        return cleaned.Select(v => plain ? Plain(v) : Scientific(v)).ToArray();
    }

    /// <summary>One value on its own (the axis rule applied to a single tick).</summary>
    public static string Linear(double value) => Axis([value])[0];

    /// <summary>Plain decimal with binary noise rounded away (0.30000000000000004 → 0.3), at most 6 significant digits.</summary>
    public static string Plain(double value)
    {
        if (IsZero(value)) return "0";
        return PaperText.Minus(Math.Round(value, 10).ToString("G6", CultureInfo.InvariantCulture));
    }

    /// <summary>a×10ᵏ with 1 ≤ |a| &lt; 10 (at most 4 significant digits); 10ᵏ when a = 1; "0" for zero.</summary>
    public static string Scientific(double value)
    {
        if (IsZero(value)) return "0";
        double magnitude = Math.Abs(value);
        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        double mantissa = Math.Round(value / Math.Pow(10, exponent), 6);
        if (Math.Abs(mantissa) >= 10) { mantissa /= 10; exponent++; }
        if (Math.Abs(mantissa) < 1) { mantissa *= 10; exponent--; }
        string m = mantissa.ToString("G4", CultureInfo.InvariantCulture);
        string power = PaperText.ToUnicode($"10^{{{exponent.ToString(CultureInfo.InvariantCulture)}}}");
        return PaperText.Minus(m switch
        {
            "1" => power,
            "-1" => "-" + power,
            _ => $"{m}×{power}",
        });
    }

    /// <summary>10ᵏ for an integer exponent k, with 10⁰ = "1" and 10¹ = "10" (numbers in running text).</summary>
    public static string Power(int exponent) =>
        exponent switch
        {
            0 => "1",
            1 => "10",
            _ => PaperText.ToUnicode($"10^{{{exponent.ToString(CultureInfo.InvariantCulture)}}}"),
        };

    private static bool IsZero(double value) => value == 0 || Math.Abs(value) < 1e-300;
}
