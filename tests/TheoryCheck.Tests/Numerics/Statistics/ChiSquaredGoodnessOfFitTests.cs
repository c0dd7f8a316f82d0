using TheoryCheck.Numerics.Statistics;

namespace TheoryCheck.Tests.Numerics.Statistics;

/// <summary>
/// Pearson's χ² test against closed forms of the χ² tail: ν = 1: erfc(√(x/2)); ν = 2: e^{−x/2}; ν = 4: e^{−x/2}(1 + x/2)
/// (values evaluated independently in Python); the merging of sparse cells; a calibration check under the null.
/// </summary>
public class ChiSquaredGoodnessOfFitTests
{
    [Fact]
    public void TwoDegreesOfFreedom()
    {
        var test = ChiSquaredGoodnessOfFit.Test([10, 20, 30], [1.0 / 3, 1.0 / 3, 1.0 / 3]);
        Assert.Equal(10, test.Statistic, 12);
        Assert.Equal(2, test.DegreesOfFreedom);
        Assert.Equal(0.006737946999085467, test.PValue, 12);
        Assert.True(test.RejectsAt(0.01));
        Assert.False(test.RejectsAt(0.001));
    }

    [Fact]
    public void OneAndFourDegreesOfFreedom()
    {
        var one = ChiSquaredGoodnessOfFit.Test([30, 70], [0.5, 0.5]);
        Assert.Equal(16, one.Statistic, 12);
        Assert.Equal(6.334248366623977e-05, one.PValue, 15);
        var four = ChiSquaredGoodnessOfFit.Test([12, 18, 25, 20, 25], [0.2, 0.2, 0.2, 0.2, 0.2]);
        Assert.Equal(5.9, four.Statistic, 12);
        Assert.Equal(4, four.DegreesOfFreedom);
        Assert.Equal(0.20674183849630792, four.PValue, 12);
    }

    [Fact]
    public void SparseCellsAreMergedInOrder()
    {
        // N = 100, expected (2, 3, 10, 85): the first two cells merge (5); a sparse last cell joins the previous one.
        var test = ChiSquaredGoodnessOfFit.Test([1, 5, 12, 82], [0.02, 0.03, 0.10, 0.85]);
        Assert.Equal([(0, 1), (2, 2), (3, 3)], test.Cells);
        Assert.Equal([6.0, 12, 82], test.Observed);
        Assert.Equal(5.0, test.Expected[0], 12);
        double expected = 1.0 / 5 + 4.0 / 10 + 9.0 / 85;
        Assert.Equal(expected, test.Statistic, 12);
        Assert.Equal(Math.Exp(-expected / 2), test.PValue, 12);
        var tail = ChiSquaredGoodnessOfFit.Test([50, 46, 4], [0.5, 0.46, 0.04]);
        Assert.Equal([(0, 0), (1, 2)], tail.Cells);
        // Impossible cells with no observations are dropped; fewer than two cells: undefined.
        var single = ChiSquaredGoodnessOfFit.Test([3, 0], [1, 0]);
        Assert.False(single.Defined);
        Assert.True(double.IsNaN(single.PValue));
    }

    [Fact]
    public void AnObservationInAnImpossibleCellAndBadInputAreRefused()
    {
        Assert.Throws<ArgumentException>(() => ChiSquaredGoodnessOfFit.Test([3, 1], [1, 0]));
        Assert.Throws<ArgumentException>(() => ChiSquaredGoodnessOfFit.Test([3, 1], [0.5, 0.6]));
        Assert.Throws<ArgumentException>(() => ChiSquaredGoodnessOfFit.Test([3], [0.5, 0.5]));
        Assert.Throws<ArgumentException>(() => ChiSquaredGoodnessOfFit.Test([0, 0], [0.5, 0.5]));
    }

    [Fact]
    public void UnderTheNullTheRejectionRateIsTheLevel()
    {
        // 2000 multinomial samples of 200 draws from (0.1, 0.2, 0.3, 0.4): the fraction rejected at 0.05 lies within 4 SE of 0.05.
        var random = new Random(20261206);
        double[] p = [0.1, 0.2, 0.3, 0.4];
        int rejected = 0, trials = 2000;
        for (int t = 0; t < trials; t++)
        {
            var counts = new double[4];
            for (int i = 0; i < 200; i++)
            {
                double u = random.NextDouble();
                int j = u < 0.1 ? 0 : u < 0.3 ? 1 : u < 0.6 ? 2 : 3;
                counts[j]++;
            }
            if (ChiSquaredGoodnessOfFit.Test(counts, p).RejectsAt(0.05)) rejected++;
        }
        double se = Math.Sqrt(0.05 * 0.95 / trials);
        Assert.InRange((double)rejected / trials, 0.05 - 4 * se, 0.05 + 4 * se);
    }
}
