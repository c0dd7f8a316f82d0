using ScottPlot;
using SkiaSharp;
using TheoryCheck.Comparison.Figures;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// One figure built and laid out once (<see cref="FigureRenderer"/>'s two-pass build, settled at its final size of
/// <see cref="Width"/> × <see cref="Height"/> pt) and then rendered onto any number of canvases in turn: PNG, SVG,
/// PDF and report pages. The layout is settled on a canvas that records nothing, so each real canvas receives
/// exactly one ScottPlot pass; <see cref="Render"/> checks this and throws otherwise.
/// </summary>
internal sealed class PreparedFigure : IDisposable
{
    private readonly Plot plot;

    internal PreparedFigure(FigureSpec spec, Plot plot, float width, float height)
    {
        Spec = spec;
        this.plot = plot;
        Width = width;
        Height = height;
    }

    /// <summary>The figure as given.</summary>
    public FigureSpec Spec { get; }

    /// <summary>Width in points (1/72 in).</summary>
    public float Width { get; }

    /// <summary>Height in points.</summary>
    public float Height { get; }

    /// <summary>
    /// Draws the figure onto <paramref name="canvas"/> with its top-left corner at the canvas origin, in the
    /// canvas's units (points). Throws <see cref="InvalidOperationException"/> if ScottPlot drew other than one pass.
    /// </summary>
    public void Render(SKCanvas canvas)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        int before = plot.RenderManager.RenderCount;
        plot.Render(canvas, new PixelRect(0, Width, Height, 0));
        if (plot.RenderManager.RenderCount != before + 1)
            throw new InvalidOperationException($"figure '{Spec.Name}': ScottPlot drew {plot.RenderManager.RenderCount - before} passes instead of one");
    }

    /// <summary>Releases the plot.</summary>
    public void Dispose() => plot.Dispose();
}
