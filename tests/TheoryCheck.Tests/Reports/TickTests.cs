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

    [Fact]
    public void DecadesAreLabelledAsPowersOfTenWithMinorTicksBetween()
    {
        // log10 range [1.7, 3.6] over 200 pt: decades 10² and 10³ labelled, minors at m·10ᵏ inside the range.
        var ticks = LogTickGenerator.Generate(1.7, 3.6, 200f, 20f);
        var majors = ticks.Where(t => t.IsMajor).ToArray();
        Assert.Equal(new[] { 2.0, 3.0 }, majors.Select(t => t.Position));
        Assert.Equal(new[] { "10²", "10³" }, majors.Select(t => t.Label));
        double[] expectedMinors = new[] { 1, 2 }.SelectMany(k => Enumerable.Range(2, 8).Select(m => k + Math.Log10(m)))
            .Concat(Enumerable.Range(2, 8).Select(m => 3 + Math.Log10(m)))
            .Where(p => p >= 1.7 && p <= 3.6).OrderBy(p => p).ToArray();
        double[] minors = ticks.Where(t => !t.IsMajor).Select(t => t.Position).OrderBy(p => p).ToArray();
        Assert.Equal(expectedMinors.Length, minors.Length);
        for (int i = 0; i < minors.Length; i++) Assert.Equal(expectedMinors[i], minors[i], 12);
    }

    [Fact]
    public void CrowdedDecadesAreThinned()
    {
        // 12 decades over 100 pt with 20 pt per label: every third decade labelled (ceil(20 / (100/12)) = 3).
        var majors = LogTickGenerator.Generate(-6, 6, 100f, 20f).Where(t => t.IsMajor).Select(t => t.Position).ToArray();
        Assert.Equal(new[] { -6.0, -3.0, 0.0, 3.0, 6.0 }, majors);
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
    public void PngCrcMatchesTheStandardCheckValue() =>
        Assert.Equal(0xCBF43926u, PngDensity.Crc("123456789"u8));
}
