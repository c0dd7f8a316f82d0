using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Theory.Cws;

namespace TheoryCheck.Tests.Theory.Cws;

public sealed class CwsBinningTests
{
    private static readonly CwsTheoryOptions Rk4 = new() { FixedStep = 0.01 };

    private static double MaxDifference(CwsOdeSolution a, CwsOdeSolution b)
    {
        double worst = 0;
        foreach (string name in a.Names)
            for (int j = 0; j < a.Times.Length; j++) worst = Math.Max(worst, Math.Abs(a.Series(name)[j] - b.Series(name)[j]));
        return worst;
    }

    /// <summary>
    /// Modes with equal variances evolve by the same coefficients, so bins of equal variance aggregate exactly even when
    /// the means differ inside a bin (three classes with random-sign means; zero-one with a non-flat given mean): the
    /// binned ODE equals the per-mode ODE to rounding with the same fixed RK4 steps.
    /// </summary>
    [Fact]
    public void BinningIsExactForRepeatedEigenvalues()
    {
        var grid = TimeGrid.FromPoints([0, 1, 4]);
        var isotropic = new CwsParameters(classes: 3, dimension: 64, problemSeed: 2).CreateMixture();
        var bins = CwsBinning.Exact(isotropic);
        Assert.Equal(2, bins.Count); // the clean set 𝒞 and the rest
        Assert.True(bins.IsExact);
        Assert.True(MaxDifference(CwsTheory.Solve(isotropic, CwsLoss.Logistic, CwsSchedule.Constant(1), grid, Rk4),
            CwsTheory.SolveBinned(isotropic, CwsLoss.Logistic, CwsSchedule.Constant(1), bins, grid, Rk4)) < 1e-12);

        const int d = 50;
        var mean = Enumerable.Range(0, d).Select(i => Math.Sin(i + 1) / Math.Sqrt(d)).ToArray();
        var p = new CwsParameters(loss: CwsLoss.Squares, covariance: CwsCovariance.ZeroOne, zeroFraction: 0.3, dimension: d,
            means: [.. mean, .. mean.Select(x => -x)]);
        var zeroOne = p.CreateMixture();
        var zeroOneBins = CwsBinning.Geometric(zeroOne, 10);
        Assert.Equal(3, zeroOneBins.Count); // 𝒞 (5 clean modes), the other 10 clean modes, the 35 noisy modes
        Assert.True(zeroOneBins.IsExact);
        Assert.True(MaxDifference(CwsTheory.Solve(zeroOne, p.Loss, p.Schedule, grid, Rk4),
            CwsTheory.SolveBinned(zeroOne, p.Loss, p.Schedule, zeroOneBins, grid, Rk4)) < 1e-12);

        // A staircase spectrum (4 distinct variances, 2 classes with different steps) through the custom-mixture path.
        double[] l1 = Enumerable.Range(0, 40).Select(i => 0.25 * (1 + i / 10)).ToArray();
        double[] l2 = Enumerable.Range(0, 40).Select(i => 0.5 * (1 + i / 20)).ToArray();
        var mu = Enumerable.Range(0, 40).Select(i => Math.Cos(3 * i) / Math.Sqrt(40)).ToArray();
        var stairs = new CwsMixture([0.4, 0.6], [1, 0], [l1, l2], [mu, mu.Select(x => -0.5 * x).ToArray()]);
        var stairBins = CwsBinning.Exact(stairs);
        Assert.Equal(5, stairBins.Count); // 4 steps of l1 × 2 of l2 → 4 distinct pairs, the first split by 𝒞
        Assert.True(MaxDifference(CwsTheory.Solve(stairs, CwsLoss.Logistic, CwsSchedule.Constant(1), grid, Rk4),
            CwsTheory.SolveBinned(stairs, CwsLoss.Logistic, CwsSchedule.Constant(1), stairBins, grid, Rk4)) < 1e-12);
    }

    /// <summary>
    /// Power law (all variances distinct): geometric bins are an approximation whose error is second order in the
    /// largest relative variance spread inside a bin. Measured (d = 4000, logistic, t ≤ 40, all observables):
    /// max error ≈ 0.021·spread² (0.0051 at 25 bins … 5.0e-6 at 800), i.e. ÷4 per doubling of the bins.
    /// </summary>
    [Fact]
    public void PowerLawBinningErrorIsSecondOrderInTheBinSpread()
    {
        var p = new CwsParameters(covariance: CwsCovariance.PowerLaw, dimension: 4000);
        var mixture = p.CreateMixture();
        var grid = TimeGrid.FromPoints([0, 10, 40]);
        var full = CwsTheory.Solve(mixture, p.Loss, p.Schedule, grid);
        var errors = new List<(double Spread, double Error)>();
        foreach (int target in new[] { 50, 200 })
        {
            var bins = CwsBinning.Geometric(mixture, target);
            Assert.False(bins.IsExact);
            Assert.True(bins.Count <= target);
            double error = MaxDifference(full, CwsTheory.SolveBinned(mixture, p.Loss, p.Schedule, bins, grid));
            Assert.True(error < 0.03 * bins.MaxRelativeSpread * bins.MaxRelativeSpread, $"{target} bins: error {error}, spread {bins.MaxRelativeSpread}");
            errors.Add((bins.MaxRelativeSpread, error));
        }
        double order = Math.Log(errors[0].Error / errors[1].Error) / Math.Log(errors[0].Spread / errors[1].Spread);
        Assert.InRange(order, 1.7, 2.3);
    }

    [Fact]
    public void AMillionModesFitInAFewThousandBins()
    {
        var mixture = new CwsParameters(covariance: CwsCovariance.PowerLaw, dimension: 1_000_000).CreateMixture();
        var bins = CwsBinning.Geometric(mixture, CwsTheory.DefaultBins);
        Assert.InRange(bins.Count, 500, CwsTheory.DefaultBins);
        Assert.True(bins.MaxRelativeSpread < 0.02, $"spread {bins.MaxRelativeSpread}");
        int total = 0;
        for (int b = 0; b < bins.Count; b++) total += bins.Size(b);
        Assert.Equal(1_000_000, total);
    }
}
