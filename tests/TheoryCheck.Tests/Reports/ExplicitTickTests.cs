using System.Text.RegularExpressions;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Comparison.Kgmm;
using TheoryCheck.Reports.Figures;
using TheoryCheck.Reports.Theme;
using TheoryCheck.Tests.Comparison.Kgmm;

namespace TheoryCheck.Tests.Reports;

/// <summary>Explicit y ticks (<see cref="FigureSpec.YTicks"/>) and their use by the kgmm.outliers strip plots.</summary>
public class ExplicitTickTests
{
    private static readonly FigureRenderer Renderer = new(new FigureStyle { PngDpi = 72 });

    private static string[] SvgTexts(string svg) =>
        Regex.Matches(svg, @"<text[^>]*>\s*([^<]*?)\s*</text>").Select(m => m.Groups[1].Value).ToArray();

    private static FigureSpec Rows(params AxisTick[] ticks) =>
        new("rows", "rows", "value", "row", [new SeriesSpec("s", [1, 10, 100, 1000], [0.9, 1.1, 1.9, 2.1], SeriesKind.Markers)])
        {
            LogX = true, // x labels 1, 10, 100, 1000: any fractional label comes from the y axis
            YTicks = ticks,
        };

    [Fact]
    public void ExplicitTicksReplaceTheAutomaticOnes()
    {
        string[] texts = SvgTexts(Renderer.GetSvg(Rows(new AxisTick(1, "c = 1"), new AxisTick(2, "c = 2"), new AxisTick(3, "c = 3"))));
        Assert.Contains("c = 1", texts);
        Assert.Contains("c = 2", texts);
        Assert.Contains("c = 3", texts); // outside the data (y ≤ 2.1): the axis range covers every tick
        Assert.DoesNotContain(texts, t => t.Contains('.', StringComparison.Ordinal));
        // Automatic ticks of the same data label fractional rows (1.2, 1.4, … or 1.5, …).
        Assert.Contains(SvgTexts(Renderer.GetSvg(Rows() with { YTicks = null })), t => t.Contains('.', StringComparison.Ordinal));
    }

    [Fact]
    public void ExplicitTicksAreValidated()
    {
        Assert.Throws<ArgumentException>(() => Renderer.GetSvg(Rows(new AxisTick(double.NaN, "nan"))));
        Assert.Throws<ArgumentException>(() => Renderer.GetSvg(Rows([null!])));
        var log = Assert.Throws<ArgumentException>(() => Renderer.GetSvg(Rows(new AxisTick(0, "zero")) with { LogY = true }));
        Assert.Contains("logarithmic axis needs positive values", log.Message);
    }

    [Fact]
    public void OutlierStripPlotsLabelBlocksAndDrawTheThresholdOfTheirEdgeKind()
    {
        ClaimResult result = KgmmTestResults.Of(KgmmOutliersClaim.Id);
        var tables = result.Measurements["spectra"]!.AsArray();
        Assert.Equal(tables.Count, result.Figures.Count);
        foreach (var table in tables)
        {
            bool hessian = table!["matrix"]!.GetValue<string>() == "hessian";
            double lambda = table["lambda"]!.GetValue<double>();
            var block = table["blocks"]!.AsArray()[0]!;
            double edge = block["predicted_edge"]!.GetValue<double>();
            bool boundary = block["edge_kind"]!.GetValue<string>() == "SupportBoundary";
            Assert.Equal(!hessian, boundary); // G blocks have support-boundary edges (docs/kgmm-notes.md §4.2)
            FigureSpec figure = result.Figures.Single(f => f.Name == $"spectrum-{(hessian ? "H" : "G")}-lambda-{lambda}");

            Assert.Equal(new[] { "c = 1", "c = 2", "c = 3" }, figure.YTicks!.Select(t => t.Label));
            Assert.Equal(new[] { 1.0, 2.0, 3.0 }, figure.YTicks!.Select(t => t.Position));
            double factor = boundary ? 1.15 : 1.3, other = boundary ? 1.3 : 1.15;
            Assert.Contains(figure.Lines, l => l.Vertical && Math.Abs(l.Position - factor * edge) <= 1e-12 * edge && l.Label == $"{factor}·z₊");
            Assert.DoesNotContain(figure.Lines, l => Math.Abs(l.Position - other * edge) <= 1e-12 * edge);
            Assert.Contains(boundary ? "θ_k ≥ 1.3·θ_(k+1)" : "the verdict threshold for θ_k", figure.Caption);

            string[] texts = SvgTexts(Renderer.GetSvg(figure));
            Assert.Contains("c = 2", texts);
            Assert.DoesNotContain("1.5", texts);
            Assert.DoesNotContain("2.5", texts);
        }
    }
}
