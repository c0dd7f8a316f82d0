using ScottPlot;
using SkiaSharp;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// The figure legend with labels in <see cref="RichText"/> (ScottPlot 5.1 draws legend labels as plain strings).
/// Items are the plot's legend items (<see cref="Legend.GetItems"/>: symbol styles from the plottables, label = the
/// series label with its marks); symbols are drawn as ScottPlot draws them. Stacked (one item a row, inside a
/// data-area corner: <see cref="RichLegendBox"/>) or side by side wrapped to a width (below the plot:
/// <see cref="RichLegendPanel"/>). Sizes are measured with the scripts, so the box fits its labels.
/// </summary>
internal sealed class RichLegend
{
    private readonly Plot plot;

    /// <summary>A legend of the items of <paramref name="plot"/>, in <paramref name="fontName"/> at <paramref name="fontSize"/>.</summary>
    public RichLegend(Plot plot, string fontName, float fontSize)
    {
        this.plot = plot;
        FontName = fontName;
        FontSize = fontSize;
    }

    /// <summary>Font family of the labels.</summary>
    public string FontName { get; }

    /// <summary>Font size of the labels.</summary>
    public float FontSize { get; }

    /// <summary>Items side by side, wrapped to the available width (true), or one item a row.</summary>
    public bool Horizontal { get; init; }

    /// <summary>Space between the frame and the items.</summary>
    public float Padding { get; init; } = 3f;

    /// <summary>Width of an item's symbol.</summary>
    public float SymbolWidth { get; init; } = 16f;

    /// <summary>Least height of an item's symbol.</summary>
    public float SymbolHeight { get; init; } = 10f;

    /// <summary>Space between a symbol and its label.</summary>
    public float SymbolPadding { get; init; } = 3f;

    /// <summary>Space between items side by side.</summary>
    public float ItemSpacingX { get; init; } = 1f;

    /// <summary>Space between rows.</summary>
    public float ItemSpacingY { get; init; } = 1f;

    /// <summary>Background fill.</summary>
    public Color Background { get; init; } = Colors.White.WithAlpha(0.85);

    /// <summary>Frame colour (transparent: no frame).</summary>
    public Color Outline { get; init; } = Colors.Black.WithAlpha(0.35);

    /// <summary>Frame width.</summary>
    public float OutlineWidth { get; init; } = 0.5f;

    /// <summary>Item rectangles (symbol and label) relative to the legend's top-left corner, and the legend's size.</summary>
    public readonly record struct Layout(LegendItem[] Items, RichText[] Labels, PixelRect[] ItemRects, float Width, float Height, float LabelBaseline);

    /// <summary>The layout for at most <paramref name="maxWidth"/> points of width (side by side) or any width (stacked).</summary>
    public Layout Measure(float maxWidth)
    {
        LegendItem[] items = plot.Legend.GetItems();
        RichText[] labels = items.Select(item => RichText.Parse(item.LabelText)).ToArray();
        using SKFont font = CreateFont();
        RichLineBox[] boxes = labels.Select(label => RichLineBox.Of(label, font)).ToArray();
        float labelHeight = boxes.Length == 0 ? 0 : boxes.Max(b => b.Height);
        float markerSize = items.Select(i => i.MarkerStyle.Size).DefaultIfEmpty(0).Max();
        float itemHeight = Math.Max(labelHeight, Math.Max(SymbolHeight, markerSize));
        // Labels share one baseline offset within a row: the tallest box's, centred in the item.
        float baseline = boxes.Length == 0 ? 0 : (itemHeight - labelHeight) / 2 + boxes.Max(b => b.Baseline);
        float widest = boxes.Length == 0 ? 0 : boxes.Max(b => b.Width);

        var rects = new PixelRect[items.Length];
        float inner = Math.Max(1, maxWidth - 2 * Padding), x = 0, y = 0, right = 0;
        for (int i = 0; i < items.Length; i++)
        {
            float symbol = Math.Max(SymbolWidth, items[i].MarkerStyle.Size);
            float width = symbol + SymbolPadding + (Horizontal ? boxes[i].Width : widest);
            if (Horizontal && x > 0 && x + width > inner)
            {
                x = 0;
                y += itemHeight + ItemSpacingY;
            }
            rects[i] = new PixelRect(Padding + x, Padding + x + width, Padding + y + itemHeight, Padding + y);
            right = Math.Max(right, x + width);
            if (Horizontal) x += width + ItemSpacingX;
            else y += itemHeight + ItemSpacingY;
        }
        float height = items.Length == 0 ? 0 : (Horizontal ? y + itemHeight : y - ItemSpacingY);
        return new Layout(items, labels, rects, right + 2 * Padding, height + 2 * Padding, baseline);
    }

    /// <summary>Draws <paramref name="layout"/> with the legend's top-left corner at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public void Render(SKCanvas canvas, Paint paint, Layout layout, float left, float top)
    {
        if (layout.Items.Length == 0) return;
        paint.SKPathEffect = null!;
        var frame = new PixelRect(left, left + layout.Width, top + layout.Height, top);
        new FillStyle { Color = Background }.Render(canvas, frame, paint);
        if (OutlineWidth > 0) new LineStyle { Color = Outline, Width = OutlineWidth }.Render(canvas, frame, paint);

        using SKFont font = CreateFont();
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        for (int i = 0; i < layout.Items.Length; i++)
        {
            LegendItem item = layout.Items[i];
            PixelRect rect = layout.ItemRects[i];
            float symbolWidth = Math.Max(SymbolWidth, item.MarkerStyle.Size);
            var symbol = new PixelRect(left + rect.Left, left + rect.Left + symbolWidth, top + rect.Bottom, top + rect.Top);
            PixelRect fill = symbol.Contract(0, symbol.Height * 0.2f);
            var line = new PixelLine(symbol.RightCenter, symbol.LeftCenter);
            // As ScottPlot's legend draws a symbol; a dashed line leaves its dash on the shared paint.
            item.LineStyle.Render(canvas, line, paint);
            paint.SKPathEffect = null!;
            item.FillStyle.Render(canvas, fill, paint);
            item.OutlineStyle.Render(canvas, fill.Expand(1 - item.OutlineWidth), paint);
            paint.SKPathEffect = null!;
            item.MarkerStyle.Render(canvas, symbol.Center, paint);
            paint.SKPathEffect = null!;
            RichTextPainter.Draw(canvas, layout.Labels[i], symbol.Right + SymbolPadding, top + rect.Top + layout.LabelBaseline, font, text);
        }
    }

    private SKFont CreateFont() => PaperFonts.CreateFont(PaperFonts.Typeface(FontName, bold: false), FontSize);
}
