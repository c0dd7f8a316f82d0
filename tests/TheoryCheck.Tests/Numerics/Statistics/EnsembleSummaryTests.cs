using TheoryCheck.Numerics.Statistics;

namespace TheoryCheck.Tests.Numerics.Statistics;

public class EnsembleSummaryTests
{
    [Fact]
    public void MeanStandardDeviationAndStandardErrorMatchTheTextbookExample()
    {
        // {2,4,4,4,5,5,7,9}: mean 5, Σ(x − 5)² = 32, s² = 32/7.
        var s = EnsembleSummary.Of([2, 4, 4, 4, 5, 5, 7, 9]);
        Assert.Equal(8, s.Count);
        Assert.Equal(5, s.Mean, 15);
        Assert.Equal(Math.Sqrt(32.0 / 7), s.StandardDeviation, 14);
        Assert.Equal(Math.Sqrt(32.0 / 7 / 8), s.StandardError, 14);
        Assert.Equal(2, s.Min);
        Assert.Equal(9, s.Max);
        Assert.Equal(4.5, s.Median);
    }

    [Fact]
    public void LargeOffsetDoesNotDestroyTheVariance()
    {
        // 1e9 + {4, 7, 13, 16}: mean 1e9 + 10, s² = (36 + 9 + 9 + 36)/3 = 30 exactly.
        var s = EnsembleSummary.Of([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
        Assert.Equal(1e9 + 10, s.Mean);
        Assert.Equal(Math.Sqrt(30), s.StandardDeviation, 12);
    }

    [Fact]
    public void Type7QuantilesMatchKnownValues()
    {
        // numpy.percentile / R quantile(type = 7) values, computed by hand from h = (n − 1)p.
        var s = EnsembleSummary.Of([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
        Assert.Equal(3.25, s.Quantile(0.25), 14);
        Assert.Equal(9.1, s.Quantile(0.9), 14);
        Assert.Equal(5.5, s.Median);
        Assert.Equal(1, s.Quantile(0));
        Assert.Equal(10, s.Quantile(1));
        // Hyndman–Fan's worked example (also Wikipedia "Percentile", R-7): {15, 20, 35, 40, 50}, p = 0.4 → 29.
        Assert.Equal(29, EnsembleSummary.Of([15, 20, 35, 40, 50]).Quantile(0.4), 12);
        Assert.Equal(2, EnsembleSummary.Of([3, 1, 2]).Median);
    }

    [Fact]
    public void SingleValueHasNoSpread()
    {
        var s = EnsembleSummary.Of([0.25]);
        Assert.Equal(0.25, s.Mean);
        Assert.True(double.IsNaN(s.StandardDeviation));
        Assert.True(double.IsNaN(s.StandardError));
        Assert.Equal(0.25, s.Median);
        Assert.Equal(0.25, s.Quantile(0.3));
    }

    [Fact]
    public void ConstantDataHasZeroSpreadAndMeanInsideTheRange()
    {
        var s = EnsembleSummary.Of([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]);
        Assert.Equal(0, s.StandardDeviation);
        Assert.Equal(0.1, s.Mean);
    }

    [Fact]
    public void RejectsEmptyNonFiniteAndBadLevels()
    {
        Assert.Throws<ArgumentException>(() => EnsembleSummary.Of([]));
        Assert.Throws<ArgumentException>(() => EnsembleSummary.Of([1, double.NaN]));
        Assert.Throws<ArgumentException>(() => EnsembleSummary.Of([1, double.PositiveInfinity]));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnsembleSummary.Of([1, 2]).Quantile(1.5));
        Assert.Throws<InvalidOperationException>(() => default(EnsembleSummary).Median);
    }
}
