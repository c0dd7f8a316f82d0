using SkiaSharp;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// The box of one line of <see cref="RichText"/> as ScottPlot lays out a text line: the font's line spacing, plus
/// whatever a raised or lowered run reaches beyond the font's ascent or descent, with the baseline where ScottPlot
/// puts it (the font's bottom extent above the box's lower edge). Plain text gets exactly ScottPlot's box, so labels
/// without scripts sit where ScottPlot would draw them.
/// </summary>
/// <param name="Width">Advance width of the text.</param>
/// <param name="Height">Height of the line box.</param>
/// <param name="Baseline">Distance from the top of the box down to the baseline.</param>
internal readonly record struct RichLineBox(float Width, float Height, float Baseline)
{
    /// <summary>The box of <paramref name="text"/> set in <paramref name="font"/>.</summary>
    public static RichLineBox Of(RichText text, SKFont font)
    {
        SKFontMetrics metrics = font.Metrics;
        RichTextMetrics measured = RichTextPainter.Measure(text, font);
        float above = Math.Max(0, measured.Ascent + metrics.Ascent);
        float below = Math.Max(0, measured.Descent - metrics.Descent);
        float height = font.Spacing + above + below;
        return new RichLineBox(measured.Width, height, height - metrics.Bottom - below);
    }
}
