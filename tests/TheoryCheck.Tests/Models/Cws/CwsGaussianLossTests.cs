using TheoryCheck.Models.Cws;

namespace TheoryCheck.Tests.Models.Cws;

public sealed class CwsGaussianLossTests
{
    private static readonly CwsGaussianLoss Logistic = new(CwsLoss.Logistic);

    /// <summary>The panel rule for every S /// <summary>A much finer panel rule than the default (width 0.25, 20 nodes, ±12σ window): the reference.</summary>gt; 0 (no Gauss–Hermite): the reference.</summary>
    private static CwsLossMoments Reference(double y, double mean, double variance) =>
        new CwsGaussianLoss(CwsLoss.Logistic, hermiteMaxVariance: 0).Moments(y, mean, variance);

    [Fact]
    public void SquaresUsesTheClosedForms()
    {
        var m = new CwsGaussianLoss(CwsLoss.Squares).Moments(-1, 0.3, 2);
        Assert.Equal(0.5 * (1.3 * 1.3 + 2), m.Loss, 15);
        Assert.Equal(1.3, m.Gradient, 15);
        Assert.Equal(1, m.Curvature);
        Assert.Equal(1.3 * 1.3 + 2, m.GradientSquare, 15);
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.3, 2.0)]
    [InlineData(-2.0, 4.0)]
    [InlineData(5.0, 3.9)]
    public void HermiteAgreesWithThePanelRuleWithin1e10UpToSFour(double mean, double variance)
    {
        var hermite = Logistic.Moments(1, mean, variance);
        var panels = Reference(1, mean, variance);
        Assert.Equal(panels.Loss, hermite.Loss, 1e-10);
        Assert.Equal(panels.Gradient, hermite.Gradient, 1e-10);
        Assert.Equal(panels.Curvature, hermite.Curvature, 1e-10);
        Assert.Equal(panels.GradientSquare, hermite.GradientSquare, 1e-10);
    }

    [Theory]
    [InlineData(0.7, 10.0)]
    [InlineData(-3.0, 30.0)]
    [InlineData(8.0, 400.0)]
    public void LargeVariancesKeepExactIdentities(double mean, double variance)
    {
        var m = Logistic.Moments(0, mean, variance);
        // E softplus(r) − E softplus(−r) = M: with label 0 the loss is E softplus(r); with label 1 it is E softplus(−r).
        var m1 = Logistic.Moments(1, mean, variance);
        Assert.Equal(mean, m.Loss - m1.Loss, 12);
        // E σ(r) at M = 0 is ½ for every S; E σ(r) + E σ(−r) = 1.
        Assert.Equal(0.5, Logistic.Moments(0, 0, variance).Gradient, 14);
        Assert.Equal(1, m.Gradient + Logistic.Moments(0, -mean, variance).Gradient, 13);
        // E ℓ′² ≥ (E ℓ′)², E ℓ″ = E σ − E σ² ∈ (0, ¼].
        Assert.True(m.GradientSquare >= m.Gradient * m.Gradient);
        Assert.InRange(m.Curvature, 0, 0.25);
    }

    [Fact]
    public void HermiteLosesAccuracyAtLargeSWhereThePanelsTakeOver()
    {
        // Measured (docs/theory/cws.md §10): 80-node Gauss–Hermite vs the panel rule, E log(1 + eʳ) at M = 0.3.
        var gh = new CwsGaussianLoss(CwsLoss.Logistic, hermiteMaxVariance: double.PositiveInfinity);
        double e4 = Math.Abs(gh.Risk(0, 0.3, 4) - Reference(0, 0.3, 4).Loss);
        double e10 = Math.Abs(gh.Risk(0, 0.3, 10) - Reference(0, 0.3, 10).Loss);
        double e30 = Math.Abs(gh.Risk(0, 0.3, 30) - Reference(0, 0.3, 30).Loss);
        Assert.True(e4 < 1e-10, $"S = 4: {e4}");
        Assert.True(e10 > e4 && e30 > e10, $"{e4} {e10} {e30}");
        Assert.True(e30 > 1e-7, $"S = 30: {e30}");
        Assert.Equal(Reference(0, 0.3, 30).Loss, Logistic.Risk(0, 0.3, 30), 1e-14);
    }

    [Fact]
    public void ZeroVarianceIsThePointMass()
    {
        var m = Logistic.Moments(1, 0.4, 0);
        double sigma = 1 / (1 + Math.Exp(-0.4));
        Assert.Equal(Math.Log(1 + Math.Exp(0.4)) - 0.4, m.Loss, 15);
        Assert.Equal(sigma - 1, m.Gradient, 15);
        Assert.Equal(sigma * (1 - sigma), m.Curvature, 15);
        Assert.Equal((sigma - 1) * (sigma - 1), m.GradientSquare, 15);
    }
}
