using TheoryCheck.Models.Cws;

namespace TheoryCheck.Tests.Models.Cws;

public sealed class CwsMixtureTests
{
    [Fact]
    public void IsotropicProfileIsFlatWithTheGivenNorm()
    {
        var mixture = new CwsParameters(meanNorm: 2, dimension: 50).CreateMixture();
        Assert.True(mixture.HasSharedVariances);
        Assert.All(mixture.Variances(0).ToArray(), v => Assert.Equal(1, v));
        Assert.All(mixture.Mean(0).ToArray(), m => Assert.Equal(2 / Math.Sqrt(50), m, 15));
        Assert.Equal(mixture.Mean(0).ToArray().Select(x => -x), mixture.Mean(1).ToArray());
        Assert.Equal(4, mixture.SignalNorm2, 13);
        Assert.Equal(mixture.Mean(0).ToArray(), mixture.Signal.ToArray());
        Assert.Equal(1, mixture.BasisCount);
        Assert.Equal([2.0, -2.0], mixture.Coefficients.ToArray().Select(x => Math.Round(x, 12)));
        Assert.Equal(Enumerable.Range(0, 5), mixture.CleanModes.ToArray());
        Assert.True(mixture.CleanIsPrefix);
        Assert.Equal(0.1, mixture.CleanSignalShare, 14);
    }

    [Theory]
    [InlineData(CwsMeanSupport.Clean, 0, 30)]
    [InlineData(CwsMeanSupport.Noisy, 30, 100)]
    [InlineData(CwsMeanSupport.Both, 0, 100)]
    public void ZeroOneSplitsAtFloorFdAndPutsTheFlatMeanOnItsSupport(CwsMeanSupport support, int from, int to)
    {
        var p = new CwsParameters(covariance: CwsCovariance.ZeroOne, zeroFraction: 0.305, meanOn: support, dimension: 100);
        var mixture = p.CreateMixture();
        Assert.Equal(30, p.CleanModeCount);
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(i < 30 ? 0 : 1, mixture.Variances(1)[i]);
            Assert.Equal(i >= from && i < to ? 1 / Math.Sqrt(to - from) : 0, mixture.Mean(0)[i], 15);
        }
        Assert.Equal(1, mixture.SignalNorm2, 13);
    }

    [Fact]
    public void PowerLawHasTheDocumentedSpectraAndMeanNormLimit()
    {
        var p = new CwsParameters(covariance: CwsCovariance.PowerLaw, alpha1: 1.1, alpha2: 1.5, meanExponent: 0.25, dimension: 200);
        var mixture = p.CreateMixture();
        Assert.Equal(2, mixture.VarianceGroupCount);
        Assert.False(mixture.HasSharedVariances);
        for (int i = 0; i < 200; i += 17)
        {
            double x = (i + 1) / 200.0;
            Assert.Equal(Math.Pow(x, 1.1), mixture.Variances(0)[i], 15);
            Assert.Equal(Math.Pow(x, 1.5), mixture.Variances(1)[i], 15);
            Assert.Equal(Math.Pow(x, 0.25) / Math.Sqrt(200), mixture.Mean(0)[i], 15);
            Assert.Equal(0.5 * (Math.Pow(x, 1.1) + Math.Pow(x, 1.5)), mixture.AverageVariance[i], 15);
        }
        // ‖μ‖² = Σ (i/d)^{2β}/d → 1/(1 + 2β) (a Riemann sum: error O(1/d) for β > 0).
        var large = new CwsParameters(covariance: CwsCovariance.PowerLaw, meanExponent: 0.25, dimension: 100_000).CreateMixture();
        Assert.Equal(1 / 1.5, large.SignalNorm2, 4);
    }

    [Fact]
    public void ManyClassMeansAreRandomSignsOfTheProfileFromTheProblemSeed()
    {
        var p = new CwsParameters(covariance: CwsCovariance.PowerLaw, classes: 4, dimension: 64, problemSeed: 5);
        var a = p.CreateMixture();
        var b = p.CreateMixture();
        var profile = CwsMixture.Profile(p);
        int negative = 0;
        for (int c = 0; c < 4; c++)
            for (int i = 0; i < 64; i++)
            {
                Assert.Equal(a.Mean(c)[i], b.Mean(c)[i]);
                Assert.Equal(profile[i], Math.Abs(a.Mean(c)[i]));
                if (a.Mean(c)[i] < 0) negative++;
            }
        Assert.InRange(negative, 128 - 40, 128 + 40);
        var other = new CwsParameters(covariance: CwsCovariance.PowerLaw, classes: 4, dimension: 64, problemSeed: 6).CreateMixture();
        Assert.False(a.Mean(0).SequenceEqual(other.Mean(0)));
        Assert.Contains("problem_seed = 5", a.MeanSource);
        // The basis is orthonormal and reproduces every mean.
        Assert.Equal(4, a.BasisCount);
        for (int k = 0; k < 4; k++)
            for (int e = 0; e < 4; e++)
                Assert.Equal(k == e ? 1 : 0, Dot(a.Basis(k), a.Basis(e)), 1e-13);
        for (int c = 0; c < 4; c++)
            for (int i = 0; i < 64; i++)
            {
                double m = 0;
                for (int k = 0; k < 4; k++) m += a.Coefficients[c * 4 + k] * a.Basis(k)[i];
                Assert.Equal(a.Mean(c)[i], m, 1e-14);
            }
    }

    [Fact]
    public void GivenPlusMinusMeansHaveRankOneAndTheSignalIsMuForAnyP()
    {
        var mu = new[] { 0.3, -0.1, 0.7 };
        var given = new CwsParameters(dimension: 3, means: [.. mu, .. mu.Select(x => -x)], probabilities: [0.2, 0.8]).CreateMixture();
        Assert.Equal(1, given.BasisCount);
        for (int i = 0; i < 3; i++) Assert.Equal(mu[i], given.Signal[i], 15);
        // The signal μ = Σ p_c (y_c − ȳ) m_c / Σ p_c |y_c − ȳ| for labels (1, 0) and (2, 1) alike.
        var shifted = new CwsMixture([0.2, 0.8], [2, -1], [[1, 1, 1], [1, 1, 1]], [mu, mu.Select(x => -x).ToArray()]);
        for (int i = 0; i < 3; i++) Assert.Equal(mu[i], shifted.Signal[i], 15);
    }

    [Fact]
    public void CustomMixturesAreValidated()
    {
        double[] v = [1, 1];
        Assert.Throws<ArgumentException>(() => new CwsMixture([0.5, 0.5], [1, 1], [v, v], [v, v]));
        Assert.Throws<ArgumentException>(() => new CwsMixture([0.5, 0.6], [1, 0], [v, v], [v, v]));
        Assert.Throws<ArgumentException>(() => new CwsMixture([0.5, 0.5], [1, 0], [v, [1, -1]], [v, v]));
        Assert.Throws<ArgumentException>(() => new CwsMixture([0.5, 0.5], [1, 0], [v, v], [v, [1]]));
        // Equal-valued but distinct variance arrays are separate groups; one shared array is one group.
        Assert.Equal(2, new CwsMixture([0.5, 0.5], [1, 0], [v, [1, 1]], [v, v]).VarianceGroupCount);
        Assert.Equal(1, new CwsMixture([0.5, 0.5], [1, 0], [v, v], [v, v]).VarianceGroupCount);
    }

    [Fact]
    public void CleanSetTakesTheLowestAverageVariancesWithTiesByIndex()
    {
        double[] lambda = [3, 1, 2, 1, 5, 0.5, 7, 8, 9, 1, 4, 6];
        var mixture = new CwsMixture([0.5, 0.5], [1, 0], [lambda, lambda], [new double[12].Select((_, i) => i + 1.0).ToArray(), new double[12]]);
        Assert.Equal([1, 5], mixture.CleanModes.ToArray()); // ⌈1.2⌉ = 2 modes: 0.5 (index 5) and the first 1 (index 1)
        Assert.False(mixture.CleanIsPrefix);
        Assert.True(mixture.IsClean(5));
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }
}
