using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Reports.Figures;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Tests.Reports;

/// <summary>
/// Dashed series and reference lines stay dashed in SVG and PDF (Skia turns a dashed stroke into one filled outline
/// per dash), markers drawn after a dashed line make Skia print nothing, and ScottPlot's layout pass is not drawn.
/// </summary>
[Collection(NativeStderrCollection.Name)]
public class DashedLineTests
{
    private static readonly FigureRenderer Renderer = new(new FigureStyle { PngDpi = 72 });

    private static FigureSpec Figure(bool dashed) =>
        new("dashes", "Dash check", "x", "y",
        [
            new SeriesSpec("theory", [1, 2, 3, 4, 5], [1, 2, 3, 4, 5], SeriesKind.Line) { Dashed = dashed, ColorIndex = 0 },
            new SeriesSpec("fit", [1, 2, 3, 4, 5], [5, 4, 3, 2, 1], SeriesKind.LineMarkers) { Dashed = dashed, ColorIndex = 1 },
            new SeriesSpec("measured", [1.5, 2.5, 3.5], [2, 3, 2], SeriesKind.Markers) { ColorIndex = 2 },
        ])
        {
            Lines =
            [
                new MarkerLine(2.2, "vertical") { Dashed = dashed },
                new MarkerLine(4.4, "horizontal", Vertical: false) { ColorIndex = 3, Dashed = dashed },
            ],
        };

    /// <summary>Subpaths ("M" commands) of SVG paths painted (fill or stroke) in <paramref name="hex"/>.</summary>
    private static int SvgSubpaths(string svg, string hex) =>
        Regex.Matches(svg, "<path\\b[^>]*>").Where(m => m.Value.Contains($"=\"{hex}\"", StringComparison.OrdinalIgnoreCase))
            .Sum(m => Regex.Match(m.Value, "\\bd=\"([^\"]*)\"").Groups[1].Value.Count(c => c == 'M'));

    [Theory]
    [InlineData("#0072B2")] // dashed Line series
    [InlineData("#D55E00")] // dashed LineMarkers series
    [InlineData("#666")] // dashed vertical reference line (neutral grey)
    [InlineData("#CC79A7")] // dashed horizontal reference line
    public void DashedStrokesBecomeDashSegmentsInSvg(string hex)
    {
        int solid = SvgSubpaths(Renderer.GetSvg(Figure(dashed: false)), hex);
        int dashed = SvgSubpaths(Renderer.GetSvg(Figure(dashed: true)), hex);
        Assert.InRange(solid, 1, 3); // the line (and its legend symbol)
        // A dash period is 6.5 pt; every element spans ≥ 100 pt of the 245 × 187 pt figure.
        Assert.True(dashed >= solid + 12, $"{hex}: {dashed} dash segments, solid drawing has {solid} subpaths");
    }

    [Fact]
    public void DashedStrokesBecomeDashSegmentsInPdf()
    {
        int solid = PdfMoveTos(Figure(dashed: false)), dashed = PdfMoveTos(Figure(dashed: true));
        // Four dashed elements of ≥ 100 pt with a 6.5 pt period: well over 4 × 12 extra subpaths.
        Assert.True(dashed >= solid + 48, $"PDF: {dashed} moveto operators with dashes, {solid} without");
    }

    [TheoryCheck.Tests.Support.LinuxFact]
    public void SkiaPrintsNoWarningsWhileRenderingDashesAndMarkers()
    {
        using var temp = new TemporaryDirectory();
        FigureSpec figure = Figure(dashed: true) with { Annotation = "annotation after dashes" };
        string stderr = NativeStderr.Capture(() =>
        {
            Renderer.Save(figure, temp.Path);
            Renderer.Save(figure with { Name = "log", LogX = true, LogY = true }, temp.Path);
        });
        Assert.Equal("", stderr);
    }

    [Fact]
    public void VectorOutputHoldsOneDrawingPass()
    {
        // ScottPlot draws twice on a plot's first Render; the renderer settles the layout off-canvas first.
        string svg = Renderer.GetSvg(Figure(dashed: true));
        Assert.Single(Regex.Matches(svg, ">\\s*Dash check\\s*<"));
        Assert.Single(Regex.Matches(svg, "<rect fill=\"white\" width="));
    }

    private static int PdfMoveTos(FigureSpec figure)
    {
        using var stream = new MemoryStream();
        Renderer.WritePdf(figure, stream);
        return PdfInspection.ContentStreams(stream.ToArray()).Sum(content => Regex.Matches(content, @"(?m)^[-0-9. ]+ m$").Count);
    }
}
