using ScottPlot;
using SkiaSharp;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// The figure title with real sub- and superscripts, above the top axis and centred on the data area (in place of
/// ScottPlot's title panel, which stays empty).
/// </summary>
internal sealed class RichTitlePanel : IPanel
{
    /// <summary>A title panel for <paramref name="text"/> in <paramref name="fontName"/> at <paramref name="fontSize"/>.</summary>
    public RichTitlePanel(RichText text, string fontName, float fontSize)
    {
        Text = text;
        FontName = fontName;
        FontSize = fontSize;
    }

    /// <summary>The title.</summary>
    public RichText Text { get; }

    /// <summary>Font family.</summary>
    public string FontName { get; }

    /// <summary>Font size.</summary>
    public float FontSize { get; }

    /// <summary>Colour of the text.</summary>
    public Color Color { get; set; } = Colors.Black;

    /// <summary>Least distance of the title from the figure's left and right edges.</summary>
    public const float EdgeGap = 3f;

    /// <summary>Space above the title.</summary>
    public float VerticalPadding { get; set; } = 3f;

    /// <inheritdoc/>
    public bool IsVisible { get; set; } = true;

    /// <inheritdoc/>
    public Edge Edge => Edge.Top;

    /// <inheritdoc/>
    public bool ShowDebugInformation { get; set; }

    /// <inheritdoc/>
    public float MinimumSize { get; set; }

    /// <inheritdoc/>
    public float MaximumSize { get; set; } = float.MaxValue;

    /// <inheritdoc/>
    public PixelRect GetPanelRect(PixelRect dataRect, float size, float offset, Paint paint) =>
        new(dataRect.Left, dataRect.Right, dataRect.Top - offset, dataRect.Top - offset - size);

    /// <inheritdoc/>
    public float Measure(Paint paint)
    {
        if (!IsVisible || Text.IsEmpty) return 0;
        using SKFont font = CreateFont();
        return RichLineBox.Of(Text, font).Height + VerticalPadding;
    }

    /// <inheritdoc/>
    public void Render(RenderPack rp, float size, float offset)
    {
        if (!IsVisible || Text.IsEmpty) return;
        PixelRect panel = GetPanelRect(rp.DataRect, size, offset, rp.Paint);
        using SKFont font = CreateFont();
        using var paint = new SKPaint { Color = Color.ToSKColor(), IsAntialias = true };
        RichLineBox box = RichLineBox.Of(Text, font);
        // Centred on the data area, but moved left or right (then centred on the figure) rather than run past an edge.
        float left = panel.HorizontalCenter - box.Width / 2;
        float figureLeft = rp.FigureRect.Left + EdgeGap, figureRight = rp.FigureRect.Right - EdgeGap;
        if (left + box.Width > figureRight) left = Math.Max(figureRight - box.Width, rp.FigureRect.HorizontalCenter - box.Width / 2);
        left = Math.Max(left, figureLeft);
        RichTextPainter.Draw(rp.Canvas, Text, left, panel.Bottom - box.Height + box.Baseline, font, paint);
    }

    private SKFont CreateFont() => PaperFonts.CreateFont(PaperFonts.Typeface(FontName, bold: false), FontSize);
}
