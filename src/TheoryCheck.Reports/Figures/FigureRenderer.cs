using System.Globalization;
using System.Text;
using ScottPlot;
using SkiaSharp;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// Renders a <see cref="FigureSpec"/> in the paper theme (<see cref="FigureStyle"/>) to PNG, SVG and vector PDF,
/// or draws it as vector graphics onto any Skia canvas (report pages). The drawing is made once in points
/// (1/72 in) and scaled for PNG, so the three formats show the same figure.
/// </summary>
public sealed class FigureRenderer
{
    /// <summary>A renderer with <paramref name="style"/> (default: the paper theme).</summary>
    public FigureRenderer(FigureStyle? style = null)
    {
        Style = (style ?? new FigureStyle()).Validated();
    }

    /// <summary>The theme in use.</summary>
    public FigureStyle Style { get; }

    /// <summary>
    /// Size of <paramref name="figure"/> in points: its column width, except that a single-column figure whose legend
    /// would take more than 40% of the width beside the plot is drawn double-column.
    /// </summary>
    public (float Width, float Height) SizeInPoints(FigureSpec figure) => SizeInPoints(FigureData.From(figure));

    private (float Width, float Height) SizeInPoints(FigureData data)
    {
        var (plot, width, height) = Prepare(data);
        plot.Dispose();
        return (width, height);
    }

    /// <summary>
    /// Writes <c>NAME.png</c>, <c>NAME.svg</c> and <c>NAME.pdf</c> into <paramref name="directory"/> (created if
    /// needed). Throws <see cref="ArgumentException"/> for an invalid figure (e.g. non-positive data on a log axis)
    /// before writing anything.
    /// </summary>
    public RenderedFigure Save(FigureSpec figure, string directory)
    {
        FigureData data = FigureData.From(figure);
        Directory.CreateDirectory(directory);
        string stem = Path.Combine(directory, figure.Name);
        var (width, height) = SizeInPoints(data);
        using (var stream = File.Create(stem + ".png")) WritePng(data, stream);
        using (var stream = File.Create(stem + ".svg")) WriteSvg(data, stream);
        using (var stream = File.Create(stem + ".pdf")) WritePdf(data, stream);
        return new RenderedFigure(figure.Name, stem + ".png", stem + ".svg", stem + ".pdf", width, height);
    }

    /// <summary>Writes the figure as PNG at <see cref="FigureStyle.PngDpi"/> (with a pHYs density chunk).</summary>
    public void WritePng(FigureSpec figure, Stream output) => WritePng(FigureData.From(figure), output);

    /// <summary>Writes the figure as SVG sized in inches (viewBox in points); text stays text in DejaVu Sans.</summary>
    public void WriteSvg(FigureSpec figure, Stream output) => WriteSvg(FigureData.From(figure), output);

    /// <summary>Writes the figure as a one-page vector PDF of the figure's size with DejaVu Sans embedded.</summary>
    public void WritePdf(FigureSpec figure, Stream output) => WritePdf(FigureData.From(figure), output);

    /// <summary>The SVG document as a string (used to inline figures into HTML).</summary>
    public string GetSvg(FigureSpec figure)
    {
        using var stream = new MemoryStream();
        WriteSvg(FigureData.From(figure), stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Draws the figure as vector graphics onto <paramref name="canvas"/> with its top-left corner at
    /// (<paramref name="left"/>, <paramref name="top"/>) in the canvas's units (points on a PDF page).
    /// The canvas state is restored afterwards.
    /// </summary>
    public void Draw(FigureSpec figure, SKCanvas canvas, float left, float top)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        FigureData data = FigureData.From(figure);
        var (plot, width, height) = Prepare(data);
        using (plot)
        {
            canvas.Save();
            canvas.Translate(left, top);
            canvas.ClipRect(new SKRect(0, 0, width, height));
            Render(data, plot, canvas, width, height);
            canvas.Restore();
        }
    }

    /// <summary>
    /// An outside legend wider than this fraction of a single-column figure leaves too little room for the data:
    /// such a figure is laid out double-column instead.
    /// </summary>
    internal const float OutsideLegendLimit = 0.4f;

    /// <summary>
    /// Builds the plot in two passes: the first measures the data area (tick labels, axis labels and title take
    /// what they need), the second places the legend, labels and annotation in fractions of that measured area.
    /// A single-column figure whose legend can only go outside and would take more than
    /// <see cref="OutsideLegendLimit"/> of the width is promoted to double column.
    /// </summary>
    private (Plot Plot, float Width, float Height) Prepare(FigureData data)
    {
        FigureWidth column = data.Spec.Width;
        while (true)
        {
            var (width, height) = Style.SizeInPoints(column);
            PixelRect measured;
            using (Plot first = FigurePlot.Build(data, Style, width, height, null, out _))
                measured = Settle(first, width, height);
            Plot plot = FigurePlot.Build(data, Style, width, height, (measured.Width, measured.Height), out float outsideLegend);
            Settle(plot, width, height);
            if (column == FigureWidth.Single && outsideLegend > OutsideLegendLimit * width)
            {
                plot.Dispose();
                column = FigureWidth.Double;
                continue;
            }
            return (plot, width, height);
        }
    }

    /// <summary>
    /// Renders onto a canvas that records nothing and returns the data area. ScottPlot 5.1 renders a plot twice on
    /// its first Render call (the second pass with the measured layout), and a vector canvas keeps both passes: SVG
    /// and PDF would hold every element twice. After this, the real canvas receives exactly one pass.
    /// </summary>
    private static PixelRect Settle(Plot plot, float width, float height)
    {
        using (var layoutPass = new SKNoDrawCanvas((int)Math.Ceiling(width), (int)Math.Ceiling(height)))
            plot.Render(layoutPass, new PixelRect(0, width, height, 0));
        return plot.RenderManager.LastRender.DataRect;
    }

    private static void Render(FigureData data, Plot plot, SKCanvas canvas, float width, float height)
    {
        int before = plot.RenderManager.RenderCount;
        plot.Render(canvas, new PixelRect(0, width, height, 0));
        if (plot.RenderManager.RenderCount != before + 1)
            throw new InvalidOperationException($"figure '{data.Spec.Name}': ScottPlot drew {plot.RenderManager.RenderCount - before} passes instead of one");
    }

    private void WritePng(FigureData data, Stream output)
    {
        var (plot, width, height) = Prepare(data);
        using var _ = plot;
        float scale = (float)(Style.PngDpi / 72.0);
        var info = new SKImageInfo((int)Math.Round(width * scale), (int)Math.Round(height * scale), SKColorType.Rgba8888, SKAlphaType.Premul);
        using SKSurface surface = SKSurface.Create(info)
            ?? throw new InvalidOperationException($"Skia could not create a {info.Width}×{info.Height} surface");
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.Scale(scale);
        Render(data, plot, surface.Canvas, width, height);
        surface.Canvas.Flush();
        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        byte[] bytes = PngDensity.WithDpi(png.ToArray(), Style.PngDpi);
        output.Write(bytes);
    }

    private void WriteSvg(FigureData data, Stream output)
    {
        var (plot, width, height) = Prepare(data);
        using var _ = plot;
        using var buffer = new MemoryStream();
        using (SKCanvas canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), buffer))
            Render(data, plot, canvas, width, height);
        string svg = Encoding.UTF8.GetString(buffer.ToArray());
        output.Write(Encoding.UTF8.GetBytes(SvgDocument.Finish(svg, width, height)));
    }

    private void WritePdf(FigureData data, Stream output)
    {
        var (plot, width, height) = Prepare(data);
        using var _ = plot;
        var metadata = new SKDocumentPdfMetadata
        {
            Title = PaperText.ToUnicode(data.Spec.Title),
            Creator = "TheoryCheck",
            Producer = "TheoryCheck (ScottPlot, SkiaSharp)",
            // Skia rounds the page size to whole pixels at RasterDpi (default 72 dpi: 244.8 pt → 245 pt), so use a
            // fine raster grid; nothing is rasterised (figures are vector), this only fixes the MediaBox.
            RasterDpi = PdfRasterDpi,
        };
        using SKDocument document = SKDocument.CreatePdf(output, metadata)
            ?? throw new InvalidOperationException("Skia could not create a PDF document");
        SKCanvas canvas = document.BeginPage(width, height);
        Render(data, plot, canvas, width, height);
        document.EndPage();
        document.Close();
    }

    /// <summary>Raster grid of PDF output (dpi); Skia snaps page sizes to it.</summary>
    internal const float PdfRasterDpi = 600f;

    internal static string Points(float value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
