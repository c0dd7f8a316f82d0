using TheoryCheck.Reports.Figures;

namespace TheoryCheck.Tests.Reports;

public class TickTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.5, "−0.5")]
    [InlineData(0.30000000000000004, "0.3")]
    [InlineData(1e-5, "10⁻⁵")]
    [InlineData(-2.5e6, "−2.5×10⁶")]
    [InlineData(12345.0, "12345")]
    public void LinearLabels(double value, string expected) => Assert.Equal(expected, TickLabels.Linear(value));

    public static TheoryData<double[], string[]> AxisCases() => new()
    {
        // Plain decimals when every non-zero tick lies in [10⁻³, 10⁵) ...
        { [300, 500, 1000, 2000], ["300", "500", "1000", "2000"] },
        { [0.04, 0.05, 0.06, 0.08, 0.1], ["0.04", "0.05", "0.06", "0.08", "0.1"] },
        { [0.001, 0.01, 0.1, 1, 10, 100, 1000, 10000], ["0.001", "0.01", "0.1", "1", "10", "100", "1000", "10000"] },
        { [99999.9], ["99999.9"] },
        { [-0.2, -1.3877787807814457e-17, 0.2, 0.4], ["−0.2", "0", "0.2", "0.4"] },
        // ... otherwise every label of the axis as a×10ᵏ (10ᵏ when a = 1), 10⁰ and 10¹ included.
        { [1e-4, 1e-2, 1, 100], ["10⁻⁴", "10⁻²", "10⁰", "10²"] },
        { [1e4, 1e5, 1e6], ["10⁴", "10⁵", "10⁶"] },
        { [5e4, 1e5, 2e5], ["5×10⁴", "10⁵", "2×10⁵"] },
        { [-0.0005, 0, 0.0005, 0.001, 0.0015], ["−5×10⁻⁴", "0", "5×10⁻⁴", "10⁻³", "1.5×10⁻³"] },
        { [0.00099], ["9.9×10⁻⁴"] },
        { [100000], ["10⁵"] },
    };

    [Theory]
    [MemberData(nameof(AxisCases))]
    public void AxisLabelsShareOneStyle(double[] values, string[] expected) => Assert.Equal(expected, TickLabels.Axis(values));

    [Fact]
    public void ThreeOrMoreDecadesAreLabelledAtPowersOfTenWithMinorTicksBetween()
    {
        // log10 range [1.7, 4.6] over 200 pt (69 pt per decade): decades 10², 10³, 10⁴ labelled as plain numbers,
        // minors at m·10ᵏ inside the range.
        var ticks = LogTickGenerator.Generate(1.7, 4.6, 200f, 20f);
        var majors = ticks.Where(t => t.IsMajor).ToArray();
        Assert.Equal(new[] { 2.0, 3.0, 4.0 }, majors.Select(t => t.Position));
        Assert.Equal(new[] { "100", "1000", "10000" }, majors.Select(t => t.Label));
        double[] expectedMinors = Enumerable.Range(1, 4).SelectMany(k => Enumerable.Range(2, 8).Select(m => k + Math.Log10(m)))
            .Where(p => p >= 1.7 && p <= 4.6).OrderBy(p => p).ToArray();
        double[] minors = ticks.Where(t => !t.IsMajor).Select(t => t.Position).OrderBy(p => p).ToArray();
        Assert.Equal(expectedMinors.Length, minors.Length);
        for (int i = 0; i < minors.Length; i++) Assert.Equal(expectedMinors[i], minors[i], 12);

        // 10⁻⁶ … 10²: outside [10⁻³, 10⁵), so every decade is written 10ᵏ.
        var wide = LogTickGenerator.Generate(-6.2, 2.3, 200f, 20f).Where(t => t.IsMajor).Select(t => t.Label);
        Assert.Equal(new[] { "10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹", "10²" }, wide);
    }

    [Fact]
    public void FewerThanThreeDecadesLabelMantissas()
    {
        // [10^1.7, 10^3.6] = [50.1, 3981] over 200 pt (105 pt per decade), labels 20 pt apart:
        // {1,2,3,5} fails (200 → 300 is 0.176 decades = 18.5 pt), {1,2,5} fits (closest pair 0.301 decades = 31.7 pt).
        var ticks = LogTickGenerator.Generate(1.7, 3.6, 200f, 20f);
        Assert.Equal(new[] { "100", "200", "500", "1000", "2000" }, ticks.Where(t => t.IsMajor).Select(t => t.Label));
        Assert.Equal(new[] { 60, 70, 80, 90, 300, 400, 600, 700, 800, 900, 3000 },
            ticks.Where(t => !t.IsMajor).Select(t => (int)Math.Round(Math.Pow(10, t.Position))).Order());

        // The sup-error-vs-d axis of kgmm.ode-tracking: d from 220 to 2100 on 195 pt with 27 pt labels.
        var d = LogTickGenerator.Generate(Math.Log10(220), Math.Log10(2100), 195f, 27f).Where(t => t.IsMajor).Select(t => t.Label);
        Assert.Equal(new[] { "300", "500", "1000", "2000" }, d);
    }

    [Fact]
    public void CrowdedDecadesAreThinned()
    {
        // 12 decades over 100 pt with 20 pt per label: every third decade labelled (ceil(20 / (100/12)) = 3).
        var majors = LogTickGenerator.Generate(-6, 6, 100f, 20f).Where(t => t.IsMajor).ToArray();
        Assert.Equal(new[] { -6.0, -3.0, 0.0, 3.0, 6.0 }, majors.Select(t => t.Position));
        Assert.Equal(new[] { "10⁻⁶", "10⁻³", "10⁰", "10³", "10⁶" }, majors.Select(t => t.Label));
    }

    [Fact]
    public void NarrowRangesLabelMantissas()
    {
        double lo = Math.Log10(0.0019), hi = Math.Log10(0.0052);
        var majors = LogTickGenerator.Generate(lo, hi, 150f, 12f).Where(t => t.IsMajor).ToArray();
        Assert.Equal(new[] { "0.002", "0.003", "0.004", "0.005" }, majors.Select(t => t.Label));
        Assert.Equal(Math.Log10(0.003), majors[1].Position, 12);
        // Less room: {1, 2, 3, 5} still fits? 0.002→0.003 is 0.176 decades × 150/0.437 pt = 60 pt ≥ 40; 0.004→0.005 dropped.
        var sparse = LogTickGenerator.Generate(lo, hi, 150f, 40f).Where(t => t.IsMajor).Select(t => t.Label).ToArray();
        Assert.Equal(new[] { "0.002", "0.003", "0.005" }, sparse);
    }

    [Fact]
    public void RenderedLogAxesUsePlainNumbersInsideTheRange()
    {
        // The sup-error-vs-d figure: d = 250 … 2000 used to be labelled "1E+03", "2E+03".
        var figure = new TheoryCheck.Comparison.Figures.FigureSpec("d", "error vs d", "d", "error",
            [new TheoryCheck.Comparison.Figures.SeriesSpec("E", [250, 500, 1000, 2000], [0.12, 0.085, 0.075, 0.052],
                TheoryCheck.Comparison.Figures.SeriesKind.Markers)]) { LogX = true, LogY = true };
        string svg = new FigureRenderer(new TheoryCheck.Reports.Theme.FigureStyle { PngDpi = 72 }).GetSvg(figure);
        string[] texts = System.Text.RegularExpressions.Regex.Matches(svg, @"<text[^>]*>\s*([^<]*?)\s*</text>")
            .Select(m => m.Groups[1].Value).ToArray();
        Assert.Contains("1000", texts);
        Assert.Contains("2000", texts);
        Assert.Contains("0.1", texts);
        Assert.DoesNotContain(texts, t => t.Contains("E+", StringComparison.Ordinal) || t.Contains("E-", StringComparison.Ordinal));
    }

    [Fact]
    public void PngCrcMatchesTheStandardCheckValue() =>
        Assert.Equal(0xCBF43926u, PngDensity.Crc("123456789"u8));
}
