using System.Globalization;

namespace TheoryCheck.Comparison.Golden;

/// <summary>One leaf value of a golden snapshot.</summary>
/// <param name="Kind">JSON kind.</param>
/// <param name="Number">The number (kind <see cref="GoldenValueKind.Number"/>), else 0.</param>
/// <param name="Text">The string (kind <see cref="GoldenValueKind.String"/>), "true"/"false" for booleans, else null.</param>
public readonly record struct GoldenValue(GoldenValueKind Kind, double Number, string? Text)
{
    public static GoldenValue Of(double number) => new(GoldenValueKind.Number, number, null);
    public static GoldenValue Of(string text) => new(GoldenValueKind.String, 0, text);
    public static GoldenValue Of(bool value) => new(GoldenValueKind.Boolean, 0, value ? "true" : "false");
    public static GoldenValue Null => new(GoldenValueKind.Null, 0, null);

    /// <summary>The value as stored: numbers round-trip ("R", invariant culture), strings quoted.</summary>
    public override string ToString() => Kind switch
    {
        GoldenValueKind.Number => Format(Number),
        GoldenValueKind.String => "\"" + Text + "\"",
        GoldenValueKind.Boolean => Text!,
        _ => "null",
    };

    /// <summary>Round-trip text of a number: the shortest decimal that parses back to the same double ("R"), or NaN/Infinity/-Infinity.</summary>
    public static string Format(double number) =>
        double.IsNaN(number) ? "NaN"
        : double.IsPositiveInfinity(number) ? "Infinity"
        : double.IsNegativeInfinity(number) ? "-Infinity"
        : number.ToString("R", CultureInfo.InvariantCulture);
}
