using ScottPlot;
using ScottPlot.AxisPanels;
using SkiaSharp;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// ScottPlot's left axis (ticks, tick labels, frame) with its title drawn as <see cref="RichAxisLabel"/>: measured
/// with its scripts and drawn reading upwards at the outer edge of the panel, centred on the data area, like
/// ScottPlot's label. Named ticks (a figure's explicit y ticks, e.g. Ĥ_vv) are drawn the same way: their ScottPlot
/// labels stay empty and <see cref="NamedTicks"/> are drawn where ScottPlot puts tick labels.
/// </summary>
internal sealed class RichLeftAxis : LeftAxis
{
    /// <summary>The axis title; ScottPlot's own label text stays empty.</summary>
    public RichAxisLabel Title { get; } = new();

    /// <summary>Tick labels with sub- and superscripts at their positions (the tick generator's labels are empty).</summary>
    public IReadOnlyList<(double Position, RichText Label)> NamedTicks { get; set; } = [];

    /// <summary>Distance from a tick mark to its label, as ScottPlot draws it.</summary>
    private const float TickLabelGap = 5f;

    /// <inheritdoc/>
    public override float Measure(Paint paint)
    {
        float size = base.Measure(paint);
        if (!IsVisible || !Range.HasBeenSet) return size;
        if (NamedTicks.Count > 0)
        {
            using SKFont font = RichAxisLabel.Font(TickLabelStyle);
            size += NamedTicks.Max(tick => RichTextPainter.MeasureWidth(tick.Label, font));
        }
        if (Title.Text.IsEmpty) return size;
        return size - EmptyLabelPadding.Horizontal + Title.Measure(LabelStyle).Height
               + PaddingBetweenTickAndAxisLabels.Horizontal + PaddingOutsideAxisLabels.Horizontal;
    }

    /// <inheritdoc/>
    public override void Render(RenderPack rp, float size, float offset)
    {
        base.Render(rp, size, offset);
        if (!IsVisible) return;
        PixelRect panel = GetPanelRect(rp.DataRect, size, offset, rp.Paint);
        if (NamedTicks.Count > 0) DrawNamedTicks(rp, panel);
        if (Title.Text.IsEmpty) return;
        // Centred on the data area; a title longer than the figure's height around that centre is drawn smaller (down to
        // 70%), so it is not cut at the figure's top or bottom edge.
        float room = 2 * Math.Min(rp.DataRect.VerticalCenter - rp.FigureRect.Top, rp.FigureRect.Bottom - rp.DataRect.VerticalCenter) - 4f;
        float length = Title.Measure(LabelStyle).Width;
        float fontSize = LabelStyle.FontSize;
        if (length > room && length > 0) LabelStyle.FontSize = fontSize * Math.Max(0.7f, room / length);
        rp.Canvas.Save();
        if (ClipLabel) rp.Canvas.ClipRect(panel.ToSKRect());
        // Rotated −90°: the text's "down" points right, towards the tick labels.
        rp.Canvas.Translate(panel.Left + PaddingOutsideAxisLabels.Horizontal, rp.DataRect.VerticalCenter);
        rp.Canvas.RotateDegrees(-90);
        Title.DrawAtTopCenter(rp.Canvas, LabelStyle);
        rp.Canvas.Restore();
        LabelStyle.FontSize = fontSize;
    }

    /// <summary>Each named tick's label right-aligned left of its tick mark and centred on it, as ScottPlot draws tick labels.</summary>
    private void DrawNamedTicks(RenderPack rp, PixelRect panel)
    {
        using SKFont font = RichAxisLabel.Font(TickLabelStyle);
        using var paint = new SKPaint { Color = TickLabelStyle.ForeColor.ToSKColor(), IsAntialias = true };
        float right = panel.Right - MajorTickStyle.Length - TickLabelGap;
        foreach (var (position, label) in NamedTicks)
        {
            float y = GetPixel(position, rp.DataRect);
            if (y < rp.DataRect.Top - 0.5f || y > rp.DataRect.Bottom + 0.5f) continue;
            RichLineBox box = RichLineBox.Of(label, font);
            RichTextPainter.Draw(rp.Canvas, label, right - box.Width, y - box.Height / 2 + box.Baseline, font, paint);
        }
    }
}
