using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Theory.Cws;

namespace TheoryCheck.Tests.Theory.Cws;

public sealed class CwsClosedFormsTests
{
    /// <summary>
    /// cws.md §5 / claims.md §3.7 stability table (least squares, isotropic, ‖μ‖ = 1, d = 500, ODE): 𝓡 at t = 10, 20, 30,
    /// the floor 𝓡_min/(1 − γ/2) below γ = 2 (exact for the ODE here: equal traces) and exponential growth above.
    /// </summary>
    [Theory]
    [InlineData(1.6, 1.249, 1.250, 1.250, 4)]
    [InlineData(1.8, 2.44, 2.50, 2.50, 3)]
    [InlineData(1.9, 4.31, 4.90, 4.99, 3)]
    [InlineData(2.1, 38.9, 354, 2924, 3)]
    [InlineData(2.4, 2.4e4, 3.6e8, 5.3e12, 2)]
    public void StabilityTableOfTheOde(double gamma, double r10, double r20, double r30, int digits)
    {
        var p = new CwsParameters(loss: CwsLoss.Squares, gamma: gamma, dimension: 500);
        var risk = CwsTheory.Solve(p, TimeGrid.FromPoints([0, 10, 20, 30])).Series("risk");
        double[] expected = [r10, r20, r30];
        // Within one unit of the last quoted digit: all values round to the table's but γ = 1.9, t = 30, where this ODE
        // gives 4.9845 (→ 4.98) against the quoted 4.99 (the approach to the floor 5 is e^{−0.19t}-slow there).
        for (int j = 0; j < 3; j++)
            Assert.Equal(expected[j], risk[j + 1], Math.Pow(10, Math.Floor(Math.Log10(expected[j])) - digits + 1));
        var mixture = p.CreateMixture();
        var stability = CwsClosedForms.Stability(mixture, gamma);
        Assert.Equal(gamma, stability.TraceRatio, 1e-12);           // γ tr(K̄)/d = γ
        Assert.Equal(gamma / 2, stability.SpectralRadius, 1e-12);   // ρ(T) = γ tr K/(2d) for equal traces
        Assert.Equal(gamma < 2, stability.IsStable);
        if (gamma < 2)
        {
            double floor = 0.25 / (1 - gamma / 2);
            Assert.Equal(floor, CwsClosedForms.FloorAmplification(mixture, gamma), 1e-12);
            Assert.Equal(floor, CwsClosedForms.StationaryRisk(mixture, gamma), 1e-12);
            Assert.True(Math.Abs(risk[^1] - floor) <= 0.05 * floor);
        }
        else Assert.True(risk[^1] / risk[2] >= 5);
    }

    /// <summary>
    /// Correction to cws.md §5 (docs/theory/cws.md §5.2): with class-dependent covariances of unequal traces the
    /// threshold is ρ(T) &lt; 1, not γ tr(K̄)/d &lt; 2. Class 1 isotropic, class 2 noiseless: tr(K̄)/d = ½, so cws.md
    /// predicts stability up to γ = 4, but the noise is injected by class-1 samples only and SGD diverges above γ = 2.
    /// The exact finite-d recursion (no approximation) shows the same; below the threshold it settles near the
    /// exact ODE stationary risk, not near cws.md's 𝓡_min/(1 − γ tr(K̄)/(2d)).
    /// </summary>
    [Fact]
    public void UnequalTracesMoveTheThresholdBelowTheTraceFormula()
    {
        const int d = 40;
        var ones = Enumerable.Repeat(1.0, d).ToArray();
        var mu = Enumerable.Repeat(1 / Math.Sqrt(d), d).ToArray();
        var mixture = new CwsMixture([0.5, 0.5], [1, -1], [ones, new double[d]], [mu, mu.Select(x => -x).ToArray()]);
        var grid = TimeGrid.FromPoints([0, 10, 20]);
        var unstable = CwsClosedForms.Stability(mixture, 3);
        Assert.Equal(1.5, unstable.TraceRatio, 1e-12);        // < 2: cws.md's criterion says stable
        Assert.Equal(1.5, unstable.SpectralRadius, 1e-12);    // ≥ 1: unstable
        Assert.Equal(2, unstable.Threshold, 1e-12);
        Assert.Equal(4, unstable.TraceThreshold, 1e-12);
        var exact = CwsTheory.ExactRecursion(mixture, CwsSchedule.Constant(3), grid);
        var ode = CwsTheory.Solve(mixture, CwsLoss.Squares, CwsSchedule.Constant(3), grid);
        Assert.True(exact.Risk[2] / exact.Risk[1] > 100, $"exact {exact.Risk[1]} → {exact.Risk[2]}");
        Assert.True(ode.Series("risk")[2] / ode.Series("risk")[1] > 100);
        // Below the threshold (γ = 1.5): the ODE settles at the exact stationary risk 0.5833…, far from cws.md's 0.2667.
        var stable = CwsTheory.Solve(mixture, CwsLoss.Squares, CwsSchedule.Constant(1.5), TimeGrid.FromPoints([0, 60]));
        double stationary = CwsClosedForms.StationaryRisk(mixture, 1.5);
        Assert.Equal(stationary, stable.Series("risk")[1], 1e-6);
        Assert.Equal(7.0 / 12, stationary, 1e-12);
        Assert.Equal(0.8 / 3, CwsClosedForms.FloorAmplification(mixture, 1.5), 1e-12);
    }

    /// <summary>
    /// Power law α = (1.1, 1.5) (unequal traces), least squares: the ODE's long-time risk is the exact stationary
    /// risk; cws.md's floor formula is close (traces differ by 8%) but not equal; the exact threshold is below the
    /// trace threshold 2/(½[1/2.1 + 1/2.5]) = 4.565 (d → ∞).
    /// </summary>
    [Fact]
    public void PowerLawStationaryRiskAndThreshold()
    {
        var p = new CwsParameters(loss: CwsLoss.Squares, covariance: CwsCovariance.PowerLaw, meanExponent: 0.5, dimension: 200);
        var mixture = p.CreateMixture();
        var ode = CwsTheory.Solve(p, TimeGrid.FromPoints([0, 3000]));
        double stationary = CwsClosedForms.StationaryRisk(mixture, 1);
        Assert.Equal(stationary, ode.Series("risk")[1], 2e-6 * stationary + 1e-9);
        double floor = CwsClosedForms.FloorAmplification(mixture, 1);
        Assert.True(Math.Abs(floor - stationary) > 1e-4 * stationary, $"{floor} vs {stationary}");
        var large = new CwsParameters(loss: CwsLoss.Squares, covariance: CwsCovariance.PowerLaw, dimension: 100_000);
        var stability = CwsClosedForms.Stability(large.CreateMixture(), 1);
        Assert.Equal(4.5652, CwsClosedForms.TraceThresholdLimit(large), 1e-4);
        Assert.Equal(4.5652, stability.TraceThreshold, 2e-3);
        Assert.Equal(4.531, stability.Threshold, 2e-3);
        Assert.True(stability.Threshold < stability.TraceThreshold);
    }

    [Fact]
    public void LeastSquaresMinimumMatchesTheShermanMorrisonFormAndIsStationary()
    {
        // Two classes ±μ, labels ±1, invertible K̄: 𝓡_min = ½/(1 + μᵀK̄⁻¹μ).
        var p = new CwsParameters(loss: CwsLoss.Squares, covariance: CwsCovariance.PowerLaw, alpha1: 1.2, alpha2: 1.6, meanExponent: 0.1, dimension: 300);
        var mixture = p.CreateMixture();
        double q = 0;
        for (int i = 0; i < 300; i++) q += mixture.Signal[i] * mixture.Signal[i] / mixture.AverageVariance[i];
        Assert.Equal(0.5 / (1 + q), CwsClosedForms.LeastSquaresMinimum(mixture).Risk, 1e-13);
        Assert.Equal(0.5 / (1 + 1), CwsClosedForms.LeastSquaresMinimum(new CwsParameters(loss: CwsLoss.Squares, dimension: 10).CreateMixture()).Risk, 1e-14);
        // Zero-one with the mean on the clean modes interpolates: 𝓡_min = 0.
        var clean = new CwsParameters(loss: CwsLoss.Squares, covariance: CwsCovariance.ZeroOne, dimension: 20).CreateMixture();
        Assert.Equal(0, CwsClosedForms.LeastSquaresMinimum(clean).Risk, 1e-14);
        // C classes with random means, zero-variance modes and a mean partly on them: the gradient vanishes at X*.
        var many = new CwsParameters(loss: CwsLoss.Squares, covariance: CwsCovariance.ZeroOne, zeroFraction: 0.25, meanOn: CwsMeanSupport.Both, classes: 5,
            dimension: 24, probabilities: [0.1, 0.2, 0.3, 0.25, 0.15], labels: [1, -1, 0.5, 2, -0.3]).CreateMixture();
        var minimum = CwsClosedForms.LeastSquaresMinimum(many);
        var gradient = new double[24];
        for (int c = 0; c < 5; c++)
            for (int i = 0; i < 24; i++)
                gradient[i] += many.Probabilities[c] * (many.Mean(c)[i] * (minimum.ClassMeans[c] - many.Labels[c]) + many.Variances(c)[i] * minimum.Minimiser[i]);
        Assert.All(gradient, g => Assert.Equal(0, g, 1e-12));
    }

    [Fact]
    public void SeparabilityCriterionAndTheMahalanobisSumGrowth()
    {
        Assert.True(CwsClosedForms.IsSeparable(1.1, -0.25));
        Assert.True(CwsClosedForms.IsSeparable(1.1, 0.05));
        Assert.False(CwsClosedForms.IsSeparable(1.1, 0.06));
        // Σ μ_i²/max_c λ_i^{(c)} ∝ d^{α_min − 1 − 2β_μ} on the separable side (0.6 here), bounded on the other.
        double Sum(double beta, int d) => CwsClosedForms.MahalanobisSum(new CwsParameters(covariance: CwsCovariance.PowerLaw, meanExponent: beta, dimension: d).CreateMixture());
        double growth = Math.Log(Sum(-0.25, 64_000) / Sum(-0.25, 4000)) / Math.Log(16);
        Assert.Equal(CwsClosedForms.SeparabilityMargin(1.1, -0.25), growth, 0.01);
        Assert.Equal(Sum(0.5, 64_000), Sum(0.5, 4000), 0.02 * Sum(0.5, 4000));
    }

    [Fact]
    public void ZeroOneCleanMeanNormCountsOnlyZeroVarianceModes()
    {
        var both = new CwsParameters(covariance: CwsCovariance.ZeroOne, meanOn: CwsMeanSupport.Both, dimension: 100).CreateMixture();
        Assert.Equal(0.5, CwsClosedForms.CleanMeanNorm2(both), 1e-14);
        var noisy = new CwsParameters(covariance: CwsCovariance.ZeroOne, meanOn: CwsMeanSupport.Noisy, dimension: 100).CreateMixture();
        Assert.Equal(0, CwsClosedForms.CleanMeanNorm2(noisy));
        Assert.Equal(2 * 0.5 * 10 * 0.1, CwsClosedForms.ScalingProduct(both, 2, 10, 0.1), 1e-14);
    }
}
