using TheoryCheck.Comparison.Claims;

namespace TheoryCheck.Tests.Comparison.Claims;

public class ChecksTests
{
    [Fact]
    public void InRangeIncludesItsEndsAndRejectsNaN()
    {
        Assert.True(Checks.InRange("slope", -0.8, -0.8, -0.3).Passed);
        Assert.True(Checks.InRange("slope", -0.3, -0.8, -0.3).Passed);
        Assert.False(Checks.InRange("slope", -0.29, -0.8, -0.3).Passed);
        Assert.False(Checks.InRange("slope", double.NaN, -0.8, -0.3).Passed);
        var c = Checks.InRange("exponent", -0.58, -0.8, -0.3, "CI …");
        Assert.Equal("∈ [−0.8, −0.3]", c.Requirement);
        Assert.Equal(-0.58, c.Measured);
        Assert.Equal("CI …", c.Detail);
        Assert.Throws<ArgumentException>(() => Checks.InRange("x", 0, 1, 0));
    }

    [Fact]
    public void BoundsAreInclusive()
    {
        Assert.True(Checks.AtMost("E", 0.1, 0.1).Passed);
        Assert.False(Checks.AtMost("E", 0.1000001, 0.1).Passed);
        Assert.False(Checks.AtMost("E", double.NaN, 0.1).Passed);
        Assert.Equal("≤ 0.1", Checks.AtMost("E", 0, 0.1).Requirement);
        Assert.True(Checks.AtLeast("eig", 1.3, 1.3).Passed);
        Assert.False(Checks.AtLeast("eig", 1.29, 1.3).Passed);
        Assert.False(Checks.AtLeast("eig", double.PositiveInfinity, 1.3).Passed);
    }

    [Fact]
    public void AbsoluteAndRelativeTolerances()
    {
        Assert.True(Checks.WithinAbsolute("m", 0.675, 0.6752, 0.001).Passed);
        Assert.False(Checks.WithinAbsolute("m", 0.670, 0.6752, 0.001).Passed);
        Assert.Equal("= 0.6752 ± 0.001", Checks.WithinAbsolute("m", 0.675, 0.6752, 0.001).Requirement);
        // "within 10%": |0.0911·1.09 − 0.0911| = 9% passes, 11% fails; the sign of expected does not matter.
        Assert.True(Checks.WithinRelative("outlier", 0.0911 * 1.09, 0.0911, 0.10).Passed);
        Assert.False(Checks.WithinRelative("outlier", 0.0911 * 1.11, 0.0911, 0.10).Passed);
        Assert.True(Checks.WithinRelative("v", -1.05, -1, 0.10).Passed);
        Assert.Equal("= 0.0911 ± 10%", Checks.WithinRelative("o", 0.09, 0.0911, 0.10).Requirement);
        Assert.False(Checks.WithinRelative("zero", 1e-300, 0, 0.1).Passed);
        Assert.True(Checks.WithinRelative("zero", 0, 0, 0.1).Passed);
    }

    [Fact]
    public void AllNamesTheFailingParts()
    {
        var all = Checks.All("every block has k outliers", "k-th ≥ 1.3 z₊",
            [Checks.AtLeast("block 1", 2, 1.3), Checks.AtLeast("block 2", 1.1, 1.3), Checks.AtLeast("block 3", 1.5, 1.3)]);
        Assert.False(all.Passed);
        Assert.Equal("1 of 3 fail: block 2 = 1.1 (needs ≥ 1.3)", all.Detail);
        Assert.True(Checks.All("x", "y", [Checks.AtLeast("a", 2, 1)]).Passed);
        Assert.Throws<ArgumentException>(() => Checks.All("x", "y", []));
    }

    [Fact]
    public void ThatFailsOnNonFiniteMeasurements()
    {
        Assert.True(Checks.That("outliers", true, "exactly 3").Passed);
        Assert.False(Checks.That("outliers", true, "exactly 3", double.NaN).Passed);
    }

    [Theory]
    [InlineData(-0.58, 2, "−0.58")]
    [InlineData(0.1, 3, "0.1")]
    [InlineData(1.23456e-5, 3, "1.23e−5")]
    [InlineData(2.5e12, 2, "2.5e12")]
    [InlineData(0.0, 3, "0")]
    [InlineData(double.NaN, 3, "NaN")]
    [InlineData(double.NegativeInfinity, 3, "−∞")]
    [InlineData(4096.0, 6, "4096")]
    public void NumberTextIsShortAndTypographic(double value, int digits, string expected) =>
        Assert.Equal(expected, NumberText.Format(value, digits));
}
