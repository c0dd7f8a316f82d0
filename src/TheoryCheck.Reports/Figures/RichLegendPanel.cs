using ScottPlot;
using ScottPlot.Panels;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// A side-by-side <see cref="RichLegend"/> below the plot, wrapped to the width of the data area and centred in
/// its panel. Its height depends on that width: <see cref="Measure"/> uses the width of the last render, or the
/// estimate given at construction before the first.
/// </summary>
internal sealed class RichLegendPanel : PanelBase
{
    private float width;

    /// <summary>A panel below the data area for <paramref name="legend"/>, expecting a data area <paramref name="width"/> points wide.</summary>
    public RichLegendPanel(RichLegend legend, float width)
    {
        Legend = legend;
        this.width = width;
        Edge = Edge.Bottom;
    }

    /// <summary>The legend drawn.</summary>
    public RichLegend Legend { get; }

    /// <summary>Space around the legend (only top and bottom count).</summary>
    public PixelPadding Padding { get; init; } = new(2f, 2f, 2f, 1f);

    /// <inheritdoc/>
    public override float Measure(Paint paint) => IsVisible ? Legend.Measure(width).Height + Padding.Vertical : 0;

    /// <inheritdoc/>
    public override void Render(RenderPack rp, float size, float offset)
    {
        if (!IsVisible) return;
        PixelRect rect = GetPanelRect(rp.DataRect, size, offset, rp.Paint);
        width = rect.Width;
        RichLegend.Layout layout = Legend.Measure(width);
        Legend.Render(rp.Canvas, rp.Paint, layout, rect.HorizontalCenter - layout.Width / 2, rect.VerticalCenter - layout.Height / 2);
    }
}
