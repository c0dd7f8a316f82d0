using System.Globalization;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Tests.Models.Observables;

/// <summary>Grid points t_i = i·Δt from the integer index and the decimal Δt: the nearest double to the exact decimal product.</summary>
public sealed class TimeGridTests
{
    [Theory]
    [InlineData("0.1", 10)]
    [InlineData("0.3", 40)]
    [InlineData("0.05", 200)]
    [InlineData("0.7", 31)]
    [InlineData("1.1", 100)]
    [InlineData("0.001", 1000)]
    public void Every_point_is_the_double_nearest_to_the_exact_decimal_product(string step, int count)
    {
        double delta = double.Parse(step, CultureInfo.InvariantCulture);
        decimal exact = decimal.Parse(step, CultureInfo.InvariantCulture);
        var grid = TimeGrid.Uniform(double.Parse((count * exact).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), delta);
        Assert.Equal(count + 1, grid.Times.Count);
        for (int i = 0; i <= count; i++)
        {
            // Expected: the decimal i·Δt written out and read by the (correctly rounding) double parser.
            double expected = double.Parse((i * exact).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            Assert.Equal(expected, grid.Times[i]);
            Assert.Equal((i * exact).ToString(CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.') is { Length: > 0 } s ? s : "0",
                grid.Times[i].ToString("R", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void A_step_without_a_short_decimal_falls_back_to_the_product()
    {
        double step = 1.0 / 3;
        var grid = TimeGrid.Uniform(1, step);
        Assert.Equal(4, grid.Times.Count);
        Assert.Equal(2 * step, grid.Times[2]);
        Assert.Equal(1.0, grid.Times[^1]);
        Assert.Equal(1e-30 * 7, TimeGrid.Point(7, 1e-30));
    }

    [Fact]
    public void A_final_partial_interval_ends_exactly_at_T()
    {
        var grid = TimeGrid.Uniform(1, 0.3);
        Assert.Equal([0, 0.3, 0.6, 0.9, 1], grid.Times);
    }
}
