using ScottPlot;
using ScottPlot.AxisPanels;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// ScottPlot's bottom axis (ticks, tick labels, frame) with its title drawn as <see cref="RichAxisLabel"/>: measured
/// with its scripts and drawn centred under the tick labels, at the bottom of the panel like ScottPlot's label.
/// </summary>
internal sealed class RichBottomAxis : BottomAxis
{
    /// <summary>The axis title; ScottPlot's own label text stays empty.</summary>
    public RichAxisLabel Title { get; } = new();

    /// <inheritdoc/>
    public override float Measure(Paint paint)
    {
        float size = base.Measure(paint);
        if (!IsVisible || !Range.HasBeenSet || Title.Text.IsEmpty) return size;
        return size - EmptyLabelPadding.Vertical + Title.Measure(LabelStyle).Height
               + PaddingBetweenTickAndAxisLabels.Vertical + PaddingOutsideAxisLabels.Vertical;
    }

    /// <inheritdoc/>
    public override void Render(RenderPack rp, float size, float offset)
    {
        base.Render(rp, size, offset);
        if (!IsVisible || Title.Text.IsEmpty) return;
        PixelRect panel = GetPanelRect(rp.DataRect, size, offset, rp.Paint);
        float top = panel.Bottom - PaddingOutsideAxisLabels.Vertical - Title.Measure(LabelStyle).Height;
        rp.Canvas.Save();
        rp.Canvas.Translate(panel.HorizontalCenter, top);
        Title.DrawAtTopCenter(rp.Canvas, LabelStyle);
        rp.Canvas.Restore();
    }
}
