using ScottPlot;

namespace TheoryCheck.Reports.Figures;

/// <summary>A <see cref="RichLegend"/> inside the data area, in one corner, <see cref="Margin"/> from the frame.</summary>
internal sealed class RichLegendBox : IPlottable
{
    /// <summary>The legend <paramref name="legend"/> in <paramref name="corner"/>.</summary>
    public RichLegendBox(RichLegend legend, Alignment corner)
    {
        Legend = legend;
        Corner = corner;
    }

    /// <summary>The legend drawn.</summary>
    public RichLegend Legend { get; }

    /// <summary>The data-area corner.</summary>
    public Alignment Corner { get; }

    /// <summary>Distance from the frame.</summary>
    public float Margin { get; init; } = 4f;

    /// <inheritdoc/>
    public bool IsVisible { get; set; } = true;

    /// <inheritdoc/>
    public IAxes Axes { get; set; } = new Axes();

    /// <inheritdoc/>
    public IEnumerable<LegendItem> LegendItems => LegendItem.None;

    /// <inheritdoc/>
    public AxisLimits GetAxisLimits() => AxisLimits.NoLimits;

    /// <inheritdoc/>
    public void Render(RenderPack rp)
    {
        PixelRect area = rp.DataRect;
        RichLegend.Layout layout = Legend.Measure(area.Width - 2 * Margin);
        bool right = Corner is Alignment.UpperRight or Alignment.MiddleRight or Alignment.LowerRight;
        bool lower = Corner is Alignment.LowerLeft or Alignment.LowerCenter or Alignment.LowerRight;
        float left = right ? area.Right - Margin - layout.Width : area.Left + Margin;
        float top = lower ? area.Bottom - Margin - layout.Height : area.Top + Margin;
        Legend.Render(rp.Canvas, rp.Paint, layout, left, top);
    }
}
