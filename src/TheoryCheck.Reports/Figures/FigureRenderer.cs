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
    public (float Width, float Height) SizeInPoints(FigureSpec figure)
    {
        using PreparedFigure prepared = Prepare(figure);
        return (prepared.Width, prepared.Height);
    }

    /// <summary>
    /// Writes <c>NAME.png</c>, <c>NAME.svg</c> and <c>NAME.pdf</c> into <paramref name="directory"/> (created if
    /// needed). Throws <see cref="ArgumentException"/> for an invalid figure (e.g. non-positive data on a log axis)
    /// before writing anything.
    /// </summary>
    public RenderedFigure Save(FigureSpec figure, string directory)
    {
        using PreparedFigure prepared = Prepare(figure);
        return Save(prepared, directory, out _);
    }

    /// <summary>Writes the figure as PNG at <see cref="FigureStyle.PngDpi"/> (with a pHYs density chunk).</summary>
    public void WritePng(FigureSpec figure, Stream output)
    {
        using PreparedFigure prepared = Prepare(figure);
        WritePng(prepared, output);
    }

    /// <summary>Writes the figure as SVG sized in inches (viewBox in points); text stays text in DejaVu Sans.</summary>
    public void WriteSvg(FigureSpec figure, Stream output)
    {
        using PreparedFigure prepared = Prepare(figure);
        output.Write(Encoding.UTF8.GetBytes(Svg(prepared)));
    }

    /// <summary>Writes the figure as a one-page vector PDF of the figure's size with DejaVu Sans embedded.</summary>
    public void WritePdf(FigureSpec figure, Stream output)
    {
        using PreparedFigure prepared = Prepare(figure);
        WritePdf(prepared, output);
    }

    /// <summary>The SVG document as a string (used to inline figures into HTML).</summary>
    public string GetSvg(FigureSpec figure)
    {
        using PreparedFigure prepared = Prepare(figure);
        return Svg(prepared);
    }

    /// <summary>
    /// Draws the figure as vector graphics onto <paramref name="canvas"/> with its top-left corner at
    /// (<paramref name="left"/>, <paramref name="top"/>) in the canvas's units (points on a PDF page).
    /// The canvas state is restored afterwards.
    /// </summary>
    public void Draw(FigureSpec figure, SKCanvas canvas, float left, float top)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        using PreparedFigure prepared = Prepare(figure);
        Draw(prepared, canvas, left, top);
    }

    /// <summary>
    /// An outside legend wider than this fraction of a single-column figure leaves too little room for the data:
    /// such a figure is laid out double-column instead.
    /// </summary>
    internal const float OutsideLegendLimit = 0.4f;

    /// <summary>
    /// Validates and builds the figure once, for any number of outputs (<see cref="Save(PreparedFigure, string, out string)"/>,
    /// <see cref="Draw(PreparedFigure, SKCanvas, float, float)"/>). Throws <see cref="ArgumentException"/> for an
    /// invalid figure. The caller disposes the result.
    /// </summary>
    internal PreparedFigure Prepare(FigureSpec figure)
    {
        FigureData data = FigureData.From(figure);
        var (plot, width, height) = Build(data);
        return new PreparedFigure(figure, plot, width, height);
    }

    /// <summary>Writes PNG, SVG and PDF of a prepared figure (see <see cref="Save(FigureSpec, string)"/>); <paramref name="svg"/> is the SVG document written.</summary>
    internal RenderedFigure Save(PreparedFigure figure, string directory, out string svg)
    {
        Directory.CreateDirectory(directory);
        string stem = Path.Combine(directory, figure.Spec.Name);
        using (var stream = File.Create(stem + ".png")) WritePng(figure, stream);
        svg = Svg(figure);
        using (var stream = File.Create(stem + ".svg")) stream.Write(Encoding.UTF8.GetBytes(svg));
        using (var stream = File.Create(stem + ".pdf")) WritePdf(figure, stream);
        return new RenderedFigure(figure.Spec.Name, stem + ".png", stem + ".svg", stem + ".pdf", figure.Width, figure.Height);
    }

    /// <summary>Draws a prepared figure (see <see cref="Draw(FigureSpec, SKCanvas, float, float)"/>).</summary>
    internal static void Draw(PreparedFigure figure, SKCanvas canvas, float left, float top)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        canvas.Save();
        canvas.Translate(left, top);
        canvas.ClipRect(new SKRect(0, 0, figure.Width, figure.Height));
        figure.Render(canvas);
        canvas.Restore();
    }

    /// <summary>
    /// Builds the plot in two passes: the first measures the data area (tick labels, axis labels and title take
    /// what they need), the second places the legend, labels and annotation in fractions of that measured area.
    /// A single-column figure whose legend can only go outside and would take more than
    /// <see cref="OutsideLegendLimit"/> of the width is promoted to double column.
    /// </summary>
    private (Plot Plot, float Width, float Height) Build(FigureData data)
    {
        FigureWidth column = data.Spec.Width;
        while (true)
        {
            var (width, height) = Style.SizeInPoints(column);
            PixelRect measured;
            using (Plot first = FigurePlot.Build(data, Style, width, height, null, out _))
                measured = Settle(first, width, height);
            Plot plot = FigurePlot.Build(data, Style, width, height, (measured.Width, measured.Height), out float outsideLegend);
            try
            {
                Settle(plot, width, height);
            }
            catch
            {
                plot.Dispose();
                throw;
            }
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
    /// and PDF would hold every element twice. After this, each real canvas receives exactly one pass (the layout
    /// no longer changes, so later Render calls on the same plot draw once each).
    /// </summary>
    private static PixelRect Settle(Plot plot, float width, float height)
    {
        using (var layoutPass = new SKNoDrawCanvas((int)Math.Ceiling(width), (int)Math.Ceiling(height)))
            plot.Render(layoutPass, new PixelRect(0, width, height, 0));
        return plot.RenderManager.LastRender.DataRect;
    }

    private void WritePng(PreparedFigure figure, Stream output)
    {
        float scale = (float)(Style.PngDpi / 72.0);
        var info = new SKImageInfo((int)Math.Round(figure.Width * scale), (int)Math.Round(figure.Height * scale), SKColorType.Rgba8888, SKAlphaType.Premul);
        using SKSurface surface = SKSurface.Create(info)
            ?? throw new InvalidOperationException($"Skia could not create a {info.Width}×{info.Height} surface");
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.Scale(scale);
        figure.Render(surface.Canvas);
        surface.Canvas.Flush();
        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        byte[] bytes = PngDensity.WithDpi(png.ToArray(), Style.PngDpi);
        output.Write(bytes);
    }

    /// <summary>The finished SVG document of a prepared figure.</summary>
    private static string Svg(PreparedFigure figure)
    {
        using var buffer = new MemoryStream();
        using (SKCanvas canvas = SKSvgCanvas.Create(new SKRect(0, 0, figure.Width, figure.Height), buffer))
            figure.Render(canvas);
        string svg = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return SvgDocument.Finish(svg, figure.Width, figure.Height);
    }

    private static void WritePdf(PreparedFigure figure, Stream output)
    {
        var metadata = new SKDocumentPdfMetadata
        {
            Title = PaperText.ToUnicode(figure.Spec.Title),
            Creator = "TheoryCheck",
            Producer = "TheoryCheck (ScottPlot, SkiaSharp)",
            // Skia rounds the page size to whole pixels at RasterDpi (default 72 dpi: 244.8 pt → 245 pt), so use a
            // fine raster grid; nothing is rasterised (figures are vector), this only fixes the MediaBox.
            RasterDpi = PdfRasterDpi,
        };
        using SKDocument document = SKDocument.CreatePdf(output, metadata)
            ?? throw new InvalidOperationException("Skia could not create a PDF document");
        SKCanvas canvas = document.BeginPage(figure.Width, figure.Height);
        figure.Render(canvas);
        document.EndPage();
        document.Close();
    }

    /// <summary>Raster grid of PDF output (dpi); Skia snaps page sizes to it.</summary>
    internal const float PdfRasterDpi = 600f;

    internal static string Points(float value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
