using ScottPlot;
using SkiaSharp;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// An axis title with real sub- and superscripts, set in the axis's <see cref="LabelStyle"/> font, size and colour.
/// ScottPlot's own label text stays empty; <see cref="RichBottomAxis"/> and <see cref="RichLeftAxis"/> make room
/// for this box and draw it where ScottPlot would have drawn its label.
/// </summary>
internal sealed class RichAxisLabel
{
    /// <summary>The label (empty: none).</summary>
    public RichText Text { get; set; } = RichText.Empty;

    /// <summary>Font of <paramref name="style"/> (family, size, weight) for measuring and drawing.</summary>
    public static SKFont Font(LabelStyle style) =>
        PaperFonts.CreateFont(PaperFonts.Typeface(style.FontName, style.Bold), style.FontSize);

    /// <summary>The line box of the label in the font of <paramref name="style"/>.</summary>
    public RichLineBox Measure(LabelStyle style)
    {
        using SKFont font = Font(style);
        return RichLineBox.Of(Text, font);
    }

    /// <summary>Draws the label with the top-centre of its box at the canvas origin (the canvas already placed and rotated).</summary>
    public void DrawAtTopCenter(SKCanvas canvas, LabelStyle style)
    {
        using SKFont font = Font(style);
        using var paint = new SKPaint { Color = style.ForeColor.ToSKColor(), IsAntialias = true };
        RichLineBox box = RichLineBox.Of(Text, font);
        RichTextPainter.Draw(canvas, Text, -box.Width / 2, box.Baseline, font, paint);
    }
}
