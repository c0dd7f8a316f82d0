using ScottPlot;
using ScottPlot.AxisPanels;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// ScottPlot's left axis (ticks, tick labels, frame) with its title drawn as <see cref="RichAxisLabel"/>: measured
/// with its scripts and drawn reading upwards at the outer edge of the panel, centred on the data area, like
/// ScottPlot's label.
/// </summary>
internal sealed class RichLeftAxis : LeftAxis
{
    /// <summary>The axis title; ScottPlot's own label text stays empty.</summary>
    public RichAxisLabel Title { get; } = new();

    /// <inheritdoc/>
    public override float Measure(Paint paint)
    {
        float size = base.Measure(paint);
        if (!IsVisible || !Range.HasBeenSet || Title.Text.IsEmpty) return size;
        return size - EmptyLabelPadding.Horizontal + Title.Measure(LabelStyle).Height
               + PaddingBetweenTickAndAxisLabels.Horizontal + PaddingOutsideAxisLabels.Horizontal;
    }

    /// <inheritdoc/>
    public override void Render(RenderPack rp, float size, float offset)
    {
        base.Render(rp, size, offset);
        if (!IsVisible || Title.Text.IsEmpty) return;
        PixelRect panel = GetPanelRect(rp.DataRect, size, offset, rp.Paint);
        rp.Canvas.Save();
        if (ClipLabel) rp.Canvas.ClipRect(panel.ToSKRect());
        // Rotated −90°: the text's "down" points right, towards the tick labels.
        rp.Canvas.Translate(panel.Left + PaddingOutsideAxisLabels.Horizontal, rp.DataRect.VerticalCenter);
        rp.Canvas.RotateDegrees(-90);
        Title.DrawAtTopCenter(rp.Canvas, LabelStyle);
        rp.Canvas.Restore();
    }
}
