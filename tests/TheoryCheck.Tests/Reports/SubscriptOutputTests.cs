using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SkiaSharp;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Reports.Figures;
using TheoryCheck.Reports.Pages;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Tests.Reports;

/// <summary>
/// Marks without Unicode forms (E_d, χ²_RE, η_dom) reach every output as real sub- and superscripts: a smaller,
/// shifted run in SVG and PDF, &lt;sub&gt; in Markdown, and never the typed underscore.
/// </summary>
public class SubscriptOutputTests
{
    private static readonly FigureStyle Fast = new() { PngDpi = 72 };

    private static FigureSpec Figure() =>
        new("subscripts", "Sup-error E_d against d", "E_d", "χ²_RE",
            [ReportTestData.Series(SeriesKind.ErrorBars, "E_d ± SE"), ReportTestData.Series(SeriesKind.Line, "η_dom fit", 1)])
        {
            Lines = [new MarkerLine(4, "η_bulk = 4")],
            Annotation = "slope of E_d −0.5",
        };

    private sealed record SvgText(string Text, float Size, float X, float Y, string? Transform);

    private static List<SvgText> Texts(string svg)
    {
        static float First(string? list) => float.Parse(list!.Split(',')[0].Trim(), CultureInfo.InvariantCulture);
        return XDocument.Parse(svg).Descendants().Where(e => e.Name.LocalName == "text")
            .Select(e => new SvgText(e.Value.Trim(), float.Parse(e.Attribute("font-size")!.Value, CultureInfo.InvariantCulture),
                First(e.Attribute("x")?.Value), First(e.Attribute("y")?.Value), e.Attribute("transform")?.Value))
            .ToList();
    }

    [Fact]
    public void Svg_draws_the_index_as_its_own_smaller_lower_run_and_no_underscore()
    {
        string svg = new FigureRenderer(Fast).GetSvg(Figure());
        List<SvgText> texts = Texts(svg);
        Assert.DoesNotContain(texts, t => t.Text.Contains('_'));
        float label = Fast.LabelSize;
        // The x-axis title: "E" at the label size, then "d" at 70 % of it, 0.2 em lower, right after the E.
        // (Skia writes the axis title's translation as a transform: the two runs share it.)
        SvgText e = Assert.Single(texts, t => t.Text == "E" && t.Size == label && t.Transform?.StartsWith("matrix") != true);
        SvgText d = Assert.Single(texts, t => t.Text == "d" && t.Transform == e.Transform && Math.Abs(t.Y - e.Y) < label);
        Assert.Equal(RichText.ScriptScale * label, d.Size, 3);
        Assert.Equal(RichText.SubscriptDrop * label, d.Y - e.Y, 2);
        Assert.InRange(d.X - e.X, 0.4f * label, 0.8f * label);
        // The rotated y-axis title: "χ²" then "RE" in the same rotation, smaller and lowered.
        SvgText chi = Assert.Single(texts, t => t.Text == "χ²" && t.Transform?.StartsWith("matrix") == true);
        SvgText re = Assert.Single(texts, t => t.Text == "RE" && t.Transform == chi.Transform);
        Assert.Equal(RichText.ScriptScale * label, re.Size, 3);
        Assert.Equal(RichText.SubscriptDrop * label, re.Y - chi.Y, 2);
        // Legend, reference-line label and annotation: every index is a smaller run.
        float legend = Fast.LegendSize;
        foreach (string index in new[] { "dom", "bulk" })
            Assert.Contains(texts, t => t.Text == index && Math.Abs(t.Size - RichText.ScriptScale * legend) < 1e-3);
        Assert.True(texts.Count(t => t.Text == "d" && Math.Abs(t.Size - RichText.ScriptScale * legend) < 1e-3) >= 2, "legend and annotation E_d");
        // The title too.
        Assert.Contains(texts, t => t.Text == "d" && Math.Abs(t.Size - RichText.ScriptScale * Fast.TitleSize) < 0.5f);
    }

    [Fact]
    public void Named_y_ticks_draw_their_indices_as_runs_beside_the_tick()
    {
        FigureSpec rows = new("rows", "rows", "eigenvalue", "matrix", [new SeriesSpec("s", [1, 2], [1, 2], SeriesKind.Markers)])
        {
            YTicks = [new AxisTick(1, "Ĥ_vv"), new AxisTick(2, "Ĝ_vv")],
        };
        List<SvgText> texts = Texts(new FigureRenderer(Fast).GetSvg(rows));
        SvgText h = Assert.Single(texts, t => t.Text == "Ĥ"), g = Assert.Single(texts, t => t.Text == "Ĝ");
        List<SvgText> indices = texts.Where(t => t.Text == "vv").ToList();
        Assert.Equal(2, indices.Count);
        Assert.All(indices, t => Assert.Equal(RichText.ScriptScale * Fast.TickSize, t.Size, 3));
        Assert.Contains(indices, t => Math.Abs(t.Y - h.Y - RichText.SubscriptDrop * Fast.TickSize) < 0.01f);
        Assert.True(h.Y > g.Y, "Ĥ_vv (y = 1) is below Ĝ_vv (y = 2)");
        Assert.DoesNotContain(texts, t => t.Text.Contains('_') || t.Text.Contains('ᵥ'));
    }

    [Fact]
    public void The_legend_is_as_wide_as_its_rich_labels()
    {
        var (width, height) = Fast.SizeInPoints(FigureWidth.Single);
        using var plot = FigurePlot.Build(FigureData.From(Figure()), Fast, width, height, null, out _);
        RichLegendBox box = Assert.Single(plot.GetPlottables().OfType<RichLegendBox>());
        RichLegend.Layout layout = box.Legend.Measure(float.PositiveInfinity);
        using SKFont font = PaperFonts.CreateFont(PaperFonts.Regular, Fast.LegendSize);
        float widest = new[] { "E_d ± SE", "η_dom fit" }.Max(l => RichTextPainter.MeasureWidth(PaperText.ToRich(l), font));
        float typed = new[] { "E_d ± SE", "η_dom fit" }.Max(l => font.MeasureText(l));
        float chrome = 2 * box.Legend.Padding + box.Legend.SymbolPadding + Math.Max(box.Legend.SymbolWidth, Fast.MarkerSize);
        Assert.Equal(widest + chrome, layout.Width, 2);
        Assert.True(layout.Width < typed + chrome - 1f, "measured as the typed marks");
        Assert.Equal(["E_d ± SE", "η_dom fit"], layout.Items.Select(i => i.LabelText));
    }

    [Fact]
    public void Pdf_and_markdown_set_the_index_as_a_subscript()
    {
        using var temp = new TemporaryDirectory();
        var run = new RunInfo(Profile.Test, "0123456789abcdef0123456789abcdef01234567", new DateTimeOffset(2026, 5, 9, 7, 30, 0, TimeSpan.Zero),
            1, "theorycheck run", "test machine");
        ClaimResult claim = ReportTestData.Claim("quadratic.alignment", c =>
        {
            c.Checks.Clear();
            c.Checks.Add(new CheckResult("E_d within bound", true, 0.01, "≤ 0.05"));
        });
        ReportOutput output = ReportWriter.Write([claim], run, Path.Combine(temp.Path, "report"), Fast);

        string markdown = File.ReadAllText(output.IndexMarkdown);
        Assert.Contains("| E<sub>d</sub> within bound |", markdown);
        Assert.DoesNotContain("E_d", markdown);

        // PDF: the checks table (8 pt) draws "E", then "d" as its own text object at 5.6 pt and 0.2 em lower.
        List<(float Size, float X, float Y, string Glyphs)> texts = PdfTextObjects(File.ReadAllBytes(output.ReportPdf));
        string E = Glyphs("E"), d = Glyphs("d");
        int at = texts.FindIndex(t => t.Glyphs == E && t.Size == 8f);
        Assert.True(at >= 0, "no text object draws the E of E_d at 8 pt");
        var (size, x, y, glyphs) = texts[at + 1];
        Assert.Equal(d, glyphs);
        Assert.Equal(8f * RichText.ScriptScale, size, 3);
        Assert.Equal(8f * RichText.SubscriptDrop, Math.Abs(y - texts[at].Y), 2);
        Assert.True(x > texts[at].X);
        Assert.DoesNotContain(texts, t => t.Glyphs.Contains(E + Glyphs("_") + d, StringComparison.Ordinal));
    }

    /// <summary>Glyph ids of <paramref name="text"/> in DejaVu Sans as Skia's PDF backend writes them (4 hex digits each).</summary>
    private static string Glyphs(string text) =>
        string.Concat(PaperFonts.Regular.GetGlyphs(text).Select(g => g.ToString("X4", CultureInfo.InvariantCulture)));

    /// <summary>Every text object of every Flate-compressed content stream: Tf size, Tm position, Tj glyphs.</summary>
    private static List<(float Size, float X, float Y, string Glyphs)> PdfTextObjects(byte[] pdf)
    {
        var objects = new List<(float, float, float, string)>();
        string raw = Encoding.Latin1.GetString(pdf);
        foreach (Match stream in Regex.Matches(raw, @"stream\r?\n(.*?)endstream", RegexOptions.Singleline))
        {
            byte[] bytes = Encoding.Latin1.GetBytes(stream.Groups[1].Value);
            string content;
            try
            {
                using var inflate = new ZLibStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var reader = new StreamReader(inflate, Encoding.Latin1);
                content = reader.ReadToEnd();
            }
            catch (InvalidDataException)
            {
                continue;
            }
            foreach (Match text in Regex.Matches(content, @"BT\s+/\S+ ([0-9.]+) Tf\s+[-0-9. ]+? (-?[0-9.]+) (-?[0-9.]+) Tm\s+<([0-9A-F]*)> Tj\s+ET"))
                objects.Add((float.Parse(text.Groups[1].Value, CultureInfo.InvariantCulture), float.Parse(text.Groups[2].Value, CultureInfo.InvariantCulture),
                    float.Parse(text.Groups[3].Value, CultureInfo.InvariantCulture), text.Groups[4].Value));
        }
        return objects;
    }
}
