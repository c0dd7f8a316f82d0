using TheoryCheck.Models.Kgmm;

namespace TheoryCheck.Tests.Models.Kgmm;

public sealed class KgmmModelTests
{
    [Fact]
    public void ObservableNamesForTwoClassesInTheDocumentedOrder()
    {
        Assert.Equal(
            ["m[1,1]", "m[1,2]", "m[2,1]", "m[2,2]", "R[1,1]", "R[1,2]", "R[2,2]", "Rperp[1,1]", "Rperp[1,2]", "Rperp[2,2]", "loss", "accuracy"],
            KgmmModel.ObservableNames(2));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void NameCountAndUniqueness(int k)
    {
        var names = KgmmModel.ObservableNames(k);
        Assert.Equal(KgmmModel.ObservableCount(k), names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal("m[1,1]", names[0]);
        Assert.Equal($"m[{k},{k}]", names[k * k - 1]);
        Assert.Equal("R[1,1]", names[k * k]);
        Assert.Equal($"Rperp[{k},{k}]", names[^3]);
    }

    [Fact]
    public void UpperIndexEnumeratesTheTriangleRowByRow()
    {
        const int k = 4;
        int expected = 0;
        for (int c = 0; c < k; c++)
            for (int e = c; e < k; e++)
            {
                Assert.Equal(expected, KgmmModel.UpperIndex(k, c, e));
                Assert.Equal(expected, KgmmModel.UpperIndex(k, e, c));
                expected++;
            }
        Assert.Equal(k * (k + 1) / 2, expected);
    }

    [Fact]
    public void StatisticsPackRoundTripAndRperp()
    {
        const int k = 3;
        double[] m = [0.5, -0.2, 0.1, 0.0, 0.3, -0.4, 0.2, 0.2, 0.6];
        double[] r = [1.0, 0.1, 0.2, 0.1, 2.0, 0.3, 0.2, 0.3, 3.0];
        var s = new KgmmStatistics(k, m, r);
        var packed = new double[KgmmStatistics.PackedLength(k)];
        s.Pack(packed);
        var back = KgmmStatistics.FromPacked(k, packed);
        Assert.Equal(s.M.ToArray(), back.M.ToArray());
        Assert.Equal(s.R.ToArray(), back.R.ToArray());
        // R⊥_{12} = R_12 − Σ_a m_1a m_2a = 0.1 − (0 − 0.06 − 0.04) = 0.2
        Assert.Equal(0.2, s.RperpAt(0, 1), 15);
        Assert.Equal(s.Rperp()[1 * k + 0], s.RperpAt(1, 0), 15);
    }

    [Fact]
    public void StatisticsFromVectorsAreDotProducts()
    {
        const int k = 2, d = 5;
        double[] means = [1, 0, 0, 0, 0, 0, 1, 0, 0, 0];
        double[] x = [0.5, 0.25, 1, 0, 2, -1, 0, 0, 3, 0];
        var s = KgmmStatistics.FromVectors(k, d, means, x);
        Assert.Equal(0.5, s.MAt(0, 0));
        Assert.Equal(0.25, s.MAt(0, 1));
        Assert.Equal(-1, s.MAt(1, 0));
        Assert.Equal(0.25 + 0.0625 + 1 + 4, s.RAt(0, 0), 14);
        Assert.Equal(-0.5, s.RAt(0, 1), 14);
        Assert.Equal(1 + 4, s.RperpAt(0, 0), 14);
        Assert.Equal(9, s.RperpAt(1, 1), 14);
    }
}
