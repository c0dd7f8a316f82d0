using ScottPlot;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// An invisible plottable placed after every other one: it clears the path effect that a dashed plottable leaves on
/// ScottPlot's shared paint, so that fills drawn next (markers, bands, annotation backgrounds) are not handed a dash
/// (see <see cref="UndashedMarker"/>).
/// </summary>
internal sealed class PaintReset : IPlottable
{
    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new Axes();

    public IEnumerable<LegendItem> LegendItems => LegendItem.None;

    public AxisLimits GetAxisLimits() => AxisLimits.NoLimits;

    public void Render(RenderPack rp) => rp.Paint.SKPathEffect = null!;
}
