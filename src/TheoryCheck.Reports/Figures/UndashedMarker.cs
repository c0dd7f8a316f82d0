using ScottPlot;
using SkiaSharp;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// Draws a ScottPlot marker shape with no path effect. ScottPlot 5.1 shares one paint between the line and the
/// markers of a scatter (and between a legend item's line and its marker) and fills markers without clearing the
/// paint's path effect, so markers after a dashed line carry the dash. Raster and PDF backends ignore a dash on a
/// fill, but Skia's SVG backend prints "Unsupported path effect in addPaint." to the native stderr for every such
/// marker; clearing the effect removes the cause.
/// </summary>
internal sealed class UndashedMarker(MarkerShape shape) : IMarker
{
    private readonly IMarker inner = shape.GetMarker();

    public void Render(SKCanvas canvas, Paint paint, Pixel center, float size, MarkerStyle markerStyle)
    {
        paint.SKPathEffect = null!;
        inner.Render(canvas, paint, center, size, markerStyle);
        paint.SKPathEffect = null!;
    }
}
