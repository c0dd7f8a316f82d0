using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Theory.Cws;

namespace TheoryCheck.Tests.Theory.Cws;

public sealed class CwsModeOdeTests
{
    /// <summary>cws.md §6 / claims.md §3.1: isotropic logistic, ‖μ‖ = 1, γ = 1: 𝓡(20) = 0.3865 (independent prototype).</summary>
    [Fact]
    public void IsotropicLogisticRiskAtTwentyIsTheReferenceAndEqualsTheTwoVariableReduction()
    {
        var grid = TimeGrid.Uniform(20, 0.5);
        var ode = CwsTheory.Solve(new CwsParameters(dimension: 500), grid);
        Assert.False(ode.Status.Diverged);
        Assert.Equal(0.3865, ode.Series("risk")[^1], 4e-5);
        var reduced = CwsLogisticReductions.Isotropic(1, CwsSchedule.Constant(1), grid);
        var risk = ode.Series("risk");
        var overlap = ode.Series("overlap");
        var norm2 = ode.Series("norm2");
        for (int j = 0; j < grid.Times.Count; j++)
        {
            Assert.Equal(reduced.Risk[j], risk[j], 2e-8);
            Assert.Equal(reduced.Overlap[j], overlap[j], 2e-8);
            Assert.Equal(reduced.Variance[j], norm2[j], 2e-8);
        }
        // Isotropic: every mode is the same, so the ODE does not depend on d.
        var small = CwsTheory.Solve(new CwsParameters(dimension: 7), TimeGrid.FromPoints([0, 20]));
        Assert.Equal(risk[^1], small.Series("risk")[^1], 1e-8);
    }

    /// <summary>
    /// The general C-class form reduces to two classes ±μ: the same mixture written as four classes (each ±μ class split
    /// in two with p/2) and as two classes with the means given explicitly gives the default trajectory.
    /// </summary>
    [Theory]
    [InlineData(CwsLoss.Logistic, CwsCovariance.PowerLaw)]
    [InlineData(CwsLoss.Squares, CwsCovariance.ZeroOne)]
    public void TheCClassFormReducesToTwoClasses(CwsLoss loss, CwsCovariance covariance)
    {
        const int d = 60;
        var grid = TimeGrid.FromPoints([0, 1, 5, 15]);
        var two = new CwsParameters(loss: loss, covariance: covariance, alpha1: 1.5, alpha2: 1.5, dimension: d);
        var mu = CwsMixture.Profile(two);
        var minus = mu.Select(x => -x).ToArray();
        var reference = CwsTheory.Solve(two, grid);
        var explicitMeans = CwsTheory.Solve(new CwsParameters(loss: loss, covariance: covariance, alpha1: 1.5, alpha2: 1.5, dimension: d,
            means: [.. mu, .. minus]), grid);
        const double yPlus = 1;
        double yMinus = loss == CwsLoss.Logistic ? 0 : -1;
        var lambda = two.CreateMixture().Variances(0).ToArray();
        var four = new CwsMixture([0.25, 0.25, 0.25, 0.25], [yPlus, yMinus, yPlus, yMinus], [lambda, lambda, lambda, lambda], [mu, minus, mu, minus]);
        var split = CwsTheory.Solve(four, loss, two.Schedule, grid);
        foreach (string name in CwsModel.ObservableNames(2))
        {
            var expected = reference.Series(name);
            for (int j = 0; j < grid.Times.Count; j++)
            {
                Assert.Equal(expected[j], explicitMeans.Series(name)[j], 1e-12);
                Assert.Equal(expected[j], split.Series(name)[j], 1e-9);
            }
        }
    }

    /// <summary>
    /// A three-class model through the general path (K = 3 basis profiles, two variance groups) against the same
    /// system in binned form with one mode per bin (a different state: Ā_{k,i} = u_{k,i} x̄_i), both by fixed-step RK4.
    /// </summary>
    [Fact]
    public void ThreeClassModeOdeEqualsItsSingletonBinning()
    {
        var p = new CwsParameters(covariance: CwsCovariance.PowerLaw, classes: 3, dimension: 40, probabilities: [0.2, 0.3, 0.5], labels: [1, 0, 0.4],
            alphas: [1, 1.5, 1.5]);
        var mixture = p.CreateMixture();
        var options = new CwsTheoryOptions { FixedStep = 0.01 };
        var grid = TimeGrid.FromPoints([0, 2, 6]);
        var modes = CwsTheory.Solve(mixture, p.Loss, p.Schedule, grid, options);
        var bins = CwsTheory.SolveBinned(mixture, p.Loss, p.Schedule, CwsBinning.Singletons(mixture), grid, options);
        Assert.Equal(3, mixture.BasisCount);
        Assert.Equal(2, mixture.VarianceGroupCount);
        foreach (string name in CwsModel.ObservableNames(3))
            for (int j = 0; j < grid.Times.Count; j++)
                Assert.Equal(modes.Series(name)[j], bins.Series(name)[j], 1e-12);
        Assert.True(modes.Series("risk")[^1] < modes.Series("risk")[0]);
    }

    /// <summary>cws.md §7 table (ODE, d = 400, f = ½, ‖μ‖ = 1): Γ(t) = γ‖P₀μ‖² t 𝓡(t) at t = 25, 50, 100, 400, and the §7 reduction.</summary>
    [Theory]
    [InlineData(0.5, CwsMeanSupport.Clean, 1.080, 1.067, 1.046, 1.018)]
    [InlineData(1.0, CwsMeanSupport.Clean, 1.064, 1.043, 1.027, 1.009)]
    [InlineData(2.0, CwsMeanSupport.Clean, 1.035, 1.021, 1.012, 1.004)]
    [InlineData(1.0, CwsMeanSupport.Both, 1.084, 1.089, 1.065, 1.026)]
    public void ZeroOneScalingProductsMatchTheReferenceTable(double gamma, CwsMeanSupport support, double g25, double g50, double g100, double g400)
    {
        var p = new CwsParameters(covariance: CwsCovariance.ZeroOne, gamma: gamma, meanOn: support, dimension: 400);
        var mixture = p.CreateMixture();
        double[] times = [0, 25, 50, 100, 400];
        var ode = CwsTheory.Solve(p, TimeGrid.FromPoints(times));
        var risk = ode.Series("risk");
        double[] expected = [g25, g50, g100, g400];
        for (int j = 1; j < times.Length; j++)
            Assert.Equal(expected[j - 1], CwsClosedForms.ScalingProduct(mixture, gamma, times[j], risk[j]), 6e-4);
        // claims.md §3.4 verdict: Γ(T) ∈ [1.00, 1.06] and decreasing between the last two checkpoints.
        Assert.InRange(CwsClosedForms.ScalingProduct(mixture, gamma, 400, risk[^1]), 1.0, 1.06);
        Assert.True(risk[^1] * 400 < risk[^2] * 100);
        if (support == CwsMeanSupport.Clean)
        {
            var reduced = CwsLogisticReductions.ZeroOne(CwsClosedForms.CleanMeanNorm2(mixture), 0.5, p.Schedule, TimeGrid.FromPoints(times));
            for (int j = 0; j < times.Length; j++) Assert.Equal(reduced.Risk[j], risk[j], 1e-8 * Math.Max(1, risk[j]));
        }
    }

    /// <summary>
    /// cws.md §8.1 table (logistic, γ = 1, α = (1.1, 1.5), ODE at d = 1000): 𝓡(50 … 400). Local slopes over [200, 400]
    /// are −0.863 and −0.033; the values −0.868 and −0.022 quoted in claims.md §3.5 as "[200, 400]" are the slopes over
    /// [400, 800] (they follow from cws.md's own 𝓡(400), 𝓡(800); docs/theory/cws.md §8.1).
    /// </summary>
    [Theory]
    [InlineData(-0.25, 0.0227, 0.0126, 0.0070, 0.0038, 0.0021, -0.8627, -0.868)]
    [InlineData(0.5, 0.3446, 0.3289, 0.3182, 0.3110, 0.3063, -0.0330, -0.022)]
    public void PowerLawRisksAndSlopesMatchTheReferenceTable(double beta, double r50, double r100, double r200, double r400, double r800,
        double slope200To400, double slope400To800)
    {
        var p = new CwsParameters(covariance: CwsCovariance.PowerLaw, meanExponent: beta, dimension: 1000);
        double[] times = [0, 50, 100, 200, 400, 800];
        var risk = CwsTheory.Solve(p, TimeGrid.FromPoints(times)).Series("risk");
        double[] expected = [r50, r100, r200, r400, r800];
        for (int j = 1; j < times.Length; j++) Assert.Equal(expected[j - 1], risk[j], 5e-5 + 5e-4 * expected[j - 1]);
        double s1 = CwsClosedForms.LocalSlope(200, risk[3], 400, risk[4]);
        double s2 = CwsClosedForms.LocalSlope(400, risk[4], 800, risk[5]);
        Assert.Equal(slope200To400, s1, 1e-3);
        Assert.Equal(slope400To800, s2, 1e-3);
        // The criterion α_min ≥ 1 + 2β_μ (cws.md §8.1) sorts the cases, and the slopes agree with it (claims.md §3.5 verdict at T = 400).
        bool separable = CwsClosedForms.IsSeparable(1.1, beta);
        Assert.Equal(beta < 0.05, separable);
        if (separable) Assert.True(s1 <= -0.3 && Math.Abs(s2 - s1) <= 0.05);
        else Assert.True(s1 >= -0.2 && s2 > s1);
    }

    /// <summary>cws.md §8.2 table (d = 1000, t = 40): clean_share, cosine, risk of the ODE and the mean share in 𝒞.</summary>
    [Theory]
    [InlineData(-0.25, 0.3900, 0.9613, 0.0274, 0.3008)]
    [InlineData(0.5, 0.0295, 0.8709, 0.3511, 0.0101)]
    public void CleanAlignmentMatchesTheReferenceTable(double beta, double cleanShare, double cosine, double risk, double meanShare)
    {
        var p = new CwsParameters(covariance: CwsCovariance.PowerLaw, meanExponent: beta, dimension: 1000);
        var ode = CwsTheory.Solve(p, TimeGrid.FromPoints([0, 40]));
        Assert.Equal(cleanShare, ode.Series("clean_share")[1], 6e-5);
        Assert.Equal(cosine, ode.Series("cosine")[1], 6e-5);
        Assert.Equal(risk, ode.Series("risk")[1], 6e-5);
        Assert.Equal(meanShare, p.CreateMixture().CleanSignalShare, 6e-5);
        Assert.True(ode.Series("clean_share")[1] >= 1.2 * meanShare);
    }

    /// <summary>cws.md §8.3 (least squares, α = 1.5, β_μ = −0.25, γ = 1): ODE 𝓡(20) and the minimiser's risk at d = 250 … 2000.</summary>
    [Theory]
    [InlineData(250, 0.0109, 0.0012)]
    [InlineData(500, 0.0101, 0.0006)]
    [InlineData(1000, 0.0095, 0.0003)]
    [InlineData(2000, 0.0092, 0.0002)]
    public void LeastSquaresPowerLawMatchesTheReference(int d, double risk20, double minimum)
    {
        var p = new CwsParameters(loss: CwsLoss.Squares, covariance: CwsCovariance.PowerLaw, alpha1: 1.5, alpha2: 1.5, dimension: d);
        Assert.Equal(risk20, CwsTheory.Solve(p, TimeGrid.FromPoints([0, 20])).Series("risk")[1], 5e-5);
        Assert.Equal(minimum, CwsClosedForms.LeastSquaresMinimum(p.CreateMixture()).Risk, 5e-5);
    }

    [Fact]
    public void NumericalTroubleIsAStatusNotAnException()
    {
        var p = new CwsParameters(loss: CwsLoss.Squares, gamma: 40, dimension: 50);
        var ode = CwsTheory.Solve(p, TimeGrid.Uniform(50, 1));
        Assert.True(ode.Status.Diverged);
        Assert.True(ode.Times.Length < 51);
        Assert.All(ode.Values, row => Assert.All(row, x => Assert.True(double.IsFinite(x))));
        Assert.Equal("diverged", ode.ToTrajectory().ToJson()["status"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public void TheTrajectoryDocumentRecordsDAndTheSimulationsNames()
    {
        var p = new CwsParameters(dimension: 30, classes: 3, problemSeed: 4);
        var doc = CwsTheory.Trajectory(p, TimeGrid.Uniform(2, 1)).ToJson();
        Assert.Equal("ode", doc["engine"]!.GetValue<string>());
        Assert.Equal(30, doc["d"]!.GetValue<int>());
        Assert.Equal(CwsModel.ObservableNames(3), doc["observables"]!.AsObject().Select(kv => kv.Key));
        Assert.Equal(4, doc["params"]!["problem_seed"]!.GetValue<long>());
        Assert.Contains("problem_seed = 4", doc["diagnostics"]!["means"]!.GetValue<string>());
    }
}
