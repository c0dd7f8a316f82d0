using System.Buffers.Binary;
using System.Text;
using System.Xml.Linq;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Reports.Figures;

namespace TheoryCheck.Tests.Reports;

public class FigureRendererTests
{
    /// <summary>72 dpi PNGs keep the suite fast; the default 300 dpi is checked once (double column).</summary>
    private static readonly FigureRenderer Renderer = new(new TheoryCheck.Reports.Theme.FigureStyle { PngDpi = 72 });

    public static TheoryData<SeriesKind> Kinds() => new(Enum.GetValues<SeriesKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryKindRendersToPngSvgAndPdf(SeriesKind kind)
    {
        using var temp = new TemporaryDirectory();
        FigureSpec figure = ReportTestData.Figure($"kind-{kind.ToString().ToLowerInvariant()}", ReportTestData.Series(kind), ReportTestData.Series(SeriesKind.Line, "theory", 1) with { Dashed = true })
            with
            {
                LogX = kind != SeriesKind.Sticks,
                LogY = kind is SeriesKind.Band or SeriesKind.ErrorBars,
                Lines = [new MarkerLine(3, "turning time t*"), new MarkerLine(0.5, "threshold", Vertical: false) { ColorIndex = 2, Dashed = false }],
                Annotation = "slope −0.50 [−0.58, −0.42]",
            };
        RenderedFigure rendered = Renderer.Save(figure, temp.Path);

        AssertPng(rendered.PngPath, 245, 187, dpi: 72);
        AssertSvg(rendered.SvgPath, "3.4in", "2.6in");
        AssertPdf(rendered.PdfPath, 244.8, 187.2);
        Assert.Equal(244.8f, rendered.WidthPoints, 3);
        Assert.Equal(187.2f, rendered.HeightPoints, 3);
    }

    /// <summary>
    /// One prepared plot is drawn onto many canvases in turn (PNG, SVG, PDF, report page): each gets one ScottPlot pass
    /// (Render throws otherwise) and the same bytes as a figure prepared afresh for that format alone.
    /// </summary>
    [Fact]
    public void APreparedFigureDrawsTheSameFilesEveryTimeAsAFreshOne()
    {
        using var temp = new TemporaryDirectory();
        FigureSpec figure = ReportTestData.Figure("reused", ReportTestData.Series(SeriesKind.LineMarkers), ReportTestData.Series(SeriesKind.Line, "theory", 1) with { Dashed = true })
            with { LogY = true, Lines = [new MarkerLine(3, "t*")], Annotation = "slope −0.50" };
        string first = Path.Combine(temp.Path, "first"), second = Path.Combine(temp.Path, "second");
        string svgFirst, svgSecond;
        using (var prepared = Renderer.Prepare(figure))
        {
            Renderer.Save(prepared, first, out svgFirst);
            Renderer.Save(prepared, second, out svgSecond);
        }
        Assert.Equal(WithClipIdsInOrder(svgFirst), WithClipIdsInOrder(svgSecond));
        Assert.Equal(WithClipIdsInOrder(Renderer.GetSvg(figure)), WithClipIdsInOrder(svgFirst));
        Assert.Equal(svgFirst, File.ReadAllText(Path.Combine(first, "reused.svg"), Encoding.UTF8));
        using var png = new MemoryStream();
        Renderer.WritePng(figure, png);
        using var pdf = new MemoryStream();
        Renderer.WritePdf(figure, pdf);
        foreach (string directory in new[] { first, second })
        {
            Assert.Equal(png.ToArray(), File.ReadAllBytes(Path.Combine(directory, "reused.png")));
            Assert.Equal(pdf.ToArray(), File.ReadAllBytes(Path.Combine(directory, "reused.pdf")));
        }
    }

    /// <summary>
    /// Skia names SVG clip paths cl_N from a counter that keeps running across documents, so the same drawing gets
    /// other ids after other drawings; renumbering them by first appearance leaves only the drawing.
    /// </summary>
    private static string WithClipIdsInOrder(string svg)
    {
        var ids = new Dictionary<string, int>();
        return System.Text.RegularExpressions.Regex.Replace(svg, @"\bcl_[0-9a-f]+\b",
            m => "clip" + (ids.TryGetValue(m.Value, out int n) ? n : ids[m.Value] = ids.Count));
    }

    [Fact]
    public void DoubleColumnFigureIsSevenByTwoPointEightInches()
    {
        using var temp = new TemporaryDirectory();
        FigureSpec figure = ReportTestData.Figure("wide", ReportTestData.Series(SeriesKind.LineMarkers)) with { Width = FigureWidth.Double };
        RenderedFigure rendered = new FigureRenderer().Save(figure, temp.Path); // default style: 300 dpi
        AssertPng(rendered.PngPath, 2100, 840);
        AssertSvg(rendered.SvgPath, "7in", "2.8in");
        AssertPdf(rendered.PdfPath, 504, 201.6);
    }

    [Fact]
    public void PngScaleFollowsTheStyleDpi()
    {
        using var temp = new TemporaryDirectory();
        var renderer = new FigureRenderer(new TheoryCheck.Reports.Theme.FigureStyle { PngDpi = 150 });
        RenderedFigure rendered = renderer.Save(ReportTestData.Figure("low", ReportTestData.Series(SeriesKind.Line)), temp.Path);
        AssertPng(rendered.PngPath, 510, 390, dpi: 150);
    }

    [Theory]
    [InlineData(true, false, -1.0, "X[0]")]
    [InlineData(false, true, 0.0, "Y[0]")]
    [InlineData(true, false, 0.0, "X[0]")]
    public void LogAxesRejectNonPositiveValuesAndWriteNothing(bool logX, bool logY, double bad, string field)
    {
        using var temp = new TemporaryDirectory();
        double[] x = [bad, 2, 3], y = [bad, 2, 3];
        FigureSpec figure = new FigureSpec("bad", "t", "x", "y", [new SeriesSpec("s", x, y, SeriesKind.Line)]) { LogX = logX, LogY = logY };
        var error = Assert.Throws<ArgumentException>(() => Renderer.Save(figure, temp.Path));
        Assert.Contains("logarithmic axis needs positive values", error.Message);
        Assert.Contains(field, error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void LogAxesRejectNonPositiveBandEdgesAndReferenceLines()
    {
        SeriesSpec band = ReportTestData.Series(SeriesKind.Band) with { Lower = [0.1, 0.1, -0.1, 0.1, 0.1] };
        var error = Assert.Throws<ArgumentException>(() => Renderer.GetSvg(ReportTestData.Figure("band", band) with { LogY = true }));
        Assert.Contains("Lower[2]", error.Message);
        var line = ReportTestData.Figure("line", ReportTestData.Series(SeriesKind.Line)) with { LogY = true, Lines = [new MarkerLine(0, "zero", Vertical: false)] };
        Assert.Throws<ArgumentException>(() => Renderer.GetSvg(line));
    }

    [Fact]
    public void MalformedSeriesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => Renderer.GetSvg(ReportTestData.Figure("m", new SeriesSpec("s", [1, 2], [1], SeriesKind.Line))));
        Assert.Throws<ArgumentException>(() => Renderer.GetSvg(ReportTestData.Figure("m", new SeriesSpec("s", [1, 2], [1, 2], SeriesKind.Band))));
        Assert.Throws<ArgumentException>(() => Renderer.GetSvg(ReportTestData.Figure("../escape", ReportTestData.Series(SeriesKind.Line))));
    }

    [Fact]
    public void NonFinitePointsAreDroppedNotPlotted()
    {
        var series = new SeriesSpec("s", [1, 2, 3, 4], [1, double.NaN, double.PositiveInfinity, 2], SeriesKind.LineMarkers);
        string svg = Renderer.GetSvg(ReportTestData.Figure("nan", series));
        Assert.DoesNotContain("NaN", svg);
        Assert.Equal("svg", XDocument.Parse(svg).Root!.Name.LocalName);
    }

    [Fact]
    public void SvgTextUsesDejaVuSansWithFallbacks()
    {
        string svg = Renderer.GetSvg(ReportTestData.Figure("text", ReportTestData.Series(SeriesKind.Line)));
        Assert.Contains("font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\"", svg);
        Assert.Contains("λ", svg);
    }

    private static void AssertPng(string path, int width, int height, double dpi = 300)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal("IHDR", Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.Equal("pHYs", Encoding.ASCII.GetString(bytes, 37, 4));
        Assert.Equal((uint)Math.Round(dpi / 0.0254), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(41)));
        Assert.Equal(PngDensity.Crc(bytes.AsSpan(37, 13)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(50)));
        Assert.True(bytes.Length > 2_000, $"PNG of {bytes.Length} bytes is too small to hold a plot");
        Assert.True(bytes.Length < 3_000_000, $"PNG of {bytes.Length} bytes is unexpectedly large");
    }

    private static void AssertSvg(string path, string width, string height)
    {
        XDocument document = XDocument.Load(path);
        XElement root = document.Root!;
        Assert.Equal("svg", root.Name.LocalName);
        Assert.Equal(width, root.Attribute("width")?.Value);
        Assert.Equal(height, root.Attribute("height")?.Value);
        Assert.NotNull(root.Attribute("viewBox"));
        Assert.True(root.Descendants().Count(e => e.Name.LocalName == "text") >= 5, "axis labels, ticks and title are text");
        Assert.InRange(new FileInfo(path).Length, 2_000, 2_000_000);
    }

    private static void AssertPdf(string path, double width, double height)
    {
        byte[] bytes = File.ReadAllBytes(path);
        string text = Encoding.Latin1.GetString(bytes);
        Assert.StartsWith("%PDF-1.", text);
        Assert.Contains("%%EOF", text[^16..]);
        Assert.Equal(1, PdfInspection.PageCount(bytes));
        var box = System.Text.RegularExpressions.Regex.Match(text, @"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]");
        Assert.True(box.Success, "page has a MediaBox");
        Assert.Equal(width, double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0.01);
        Assert.Equal(height, double.Parse(box.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 0.01);
        Assert.Contains("/FontFile2", text);
        Assert.DoesNotContain("/Subtype /Image", text);
        // Skia embeds the whole font file: with the full DejaVu Sans (760 kB) a figure PDF was ~395 kB; the subset
        // keeps it near 80 kB.
        Assert.InRange(bytes.Length, 5_000, 150_000);
    }
}

/// <summary>Minimal structural checks of PDF bytes (Skia writes uncompressed object dictionaries).</summary>
internal static class PdfInspection
{
    public static int PageCount(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Matches(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?![A-Za-z])").Count;

    /// <summary>The decoded content of every Flate-compressed stream (page contents, but also fonts: callers filter).</summary>
    public static IEnumerable<string> ContentStreams(byte[] pdf)
    {
        string text = Encoding.Latin1.GetString(pdf);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"<<([^<>]*)>>\s*stream\r?\n"))
        {
            string dictionary = m.Groups[1].Value;
            var lengthMatch = System.Text.RegularExpressions.Regex.Match(dictionary, @"/Length (\d+)");
            if (!dictionary.Contains("/FlateDecode") || !lengthMatch.Success) continue;
            int length = int.Parse(lengthMatch.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            using var input = new MemoryStream(pdf, m.Index + m.Length, length);
            using var inflate = new System.IO.Compression.ZLibStream(input, System.IO.Compression.CompressionMode.Decompress);
            using var output = new MemoryStream();
            try { inflate.CopyTo(output); } catch (InvalidDataException) { continue; }
            yield return Encoding.Latin1.GetString(output.ToArray());
        }
    }
}
