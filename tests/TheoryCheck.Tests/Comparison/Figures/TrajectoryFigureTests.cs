using TheoryCheck.Comparison.Figures;
using static TheoryCheck.Tests.Comparison.TrajectoryFactory;

namespace TheoryCheck.Tests.Comparison.Figures;

public class TrajectoryFigureTests
{
    private static readonly double[] s_times = [0, 1];
    private static readonly TheoryCheck.Models.Observables.Trajectory s_theory =
        Make("ode", s_times, null, null, ("m[1,1]", [2, 3]), ("m[1,2]", [0, 0]), ("loss", [1, 1]));

    [Fact]
    public void OneSizeColoursByObservableWithMeanAndStandardDeviationBand()
    {
        var runs = new[]
        {
            Make("sgd", s_times, 10, 1, ("m[1,1]", [1, 2]), ("m[1,2]", [0, 1]), ("loss", [1, 1])),
            Make("sgd", s_times, 10, 2, ("m[1,1]", [3, 4]), ("m[1,2]", [0, 1]), ("loss", [1, 1])),
            Make("sgd", s_times, 10, 3, ("m[1,1]", [5, 6]), ("m[1,2]", [0, 1]), ("loss", [1, 1])),
        };
        var figure = TrajectoryFigure.Build("m", "overlaps", s_theory, runs, ["m[*]"]);
        Assert.Equal(4, figure.Series.Count); // 2 theory curves + 2 bands
        var theory = figure.Series[0];
        Assert.True(theory.Dashed);
        Assert.Equal([2.0, 3], theory.Y);
        Assert.Equal(0, theory.ColorIndex);
        var band = figure.Series[2];
        Assert.Equal(SeriesKind.Band, band.Kind);
        Assert.Equal("m[1,1] d = 10", band.Label);
        Assert.Equal([3.0, 4], band.Y);
        // {1, 3, 5}: s = 2.
        Assert.Equal([1.0, 2], band.Lower!);
        Assert.Equal([5.0, 6], band.Upper!);
        Assert.Equal(1, figure.Series[3].ColorIndex);
        Assert.Equal([0.0, 1], figure.Series[3].Lower!); // constant over seeds: no spread
        Assert.Contains("3 seeds", figure.Caption);
        Assert.Equal("m[1,1], m[1,2]", figure.YLabel);
    }

    [Fact]
    public void MinMaxBandAndSeveralSizesColouredByD()
    {
        var runs = new[]
        {
            Make("sgd", s_times, 20, 1, ("m[1,1]", [1, 2])),
            Make("sgd", s_times, 10, 1, ("m[1,1]", [0, 0])),
            Make("sgd", s_times, 20, 2, ("m[1,1]", [5, 0])),
            Make("sgd", s_times, 10, 2, ("m[1,1]", [2, 2])),
        };
        var figure = TrajectoryFigure.Build("m11", "m11", s_theory, runs, ["m[1,1]"], TrajectoryBand.MinMax);
        Assert.Equal(3, figure.Series.Count);
        Assert.Null(figure.Series[0].ColorIndex);
        Assert.Equal("theory (d → ∞)", figure.Series[0].Label);
        var d10 = figure.Series[1];
        Assert.Equal("d = 10", d10.Label);
        Assert.Equal(0, d10.ColorIndex);
        Assert.Equal([1.0, 1], d10.Y);
        var d20 = figure.Series[2];
        Assert.Equal(1, d20.ColorIndex);
        Assert.Equal([1.0, 0], d20.Lower!);
        Assert.Equal([5.0, 2], d20.Upper!);
        Assert.Contains("min–max", figure.Caption);
    }

    [Fact]
    public void RejectsMismatchedRuns()
    {
        var a = Make("sgd", s_times, 10, 1, ("m[1,1]", [1, 2]));
        var b = Make("sgd", [0, 2], 10, 2, ("m[1,1]", [1, 2]));
        Assert.Throws<ArgumentException>(() => TrajectoryFigure.Build("x", "x", s_theory, [a, b], ["m[1,1]"]));
        Assert.Throws<ArgumentException>(() => TrajectoryFigure.Build("x", "x", s_theory, [], ["m[1,1]"]));
        Assert.Throws<ArgumentException>(() => TrajectoryFigure.Build("x", "x", s_theory, [a], ["m[1,2]"]));
    }
}
