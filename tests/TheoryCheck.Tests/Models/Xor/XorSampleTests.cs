using TheoryCheck.Models.Xor;

namespace TheoryCheck.Tests.Models.Xor;

public sealed class XorSampleTests
{
    [Fact]
    public void OutputErrorAndLossFollowTheSignConventions()
    {
        // s = Σ v_j g(u_j): inactive units do not contribute.
        Assert.Equal(0.8 * 0.5 - 0.7 * 0.25, XorSample.Output([0.8, 2.0, -0.7], [0.5, -1.0, 0.25]), 15);
        // e = σ(s) − y: negative on label 1, positive on label 0 (xor.md §0, sign trap).
        Assert.True(XorSample.Error(0.3, 1) < 0);
        Assert.True(XorSample.Error(0.3, 0) > 0);
        Assert.Equal(XorSample.Sigmoid(0.3) - 1, XorSample.Error(0.3, 1), 15);
        // L = log(1 + e^s) − y s.
        Assert.Equal(Math.Log(1 + Math.Exp(0.3)) - 0.3, XorSample.Loss(0.3, 1), 14);
        Assert.Equal(Math.Log(1 + Math.Exp(0.3)), XorSample.Loss(0.3, 0), 14);
        Assert.Equal(0.25, XorSample.SigmoidDerivative(0), 15);
        Assert.Equal(0, XorSample.Predict(0));
        Assert.Equal(1, XorSample.Predict(1e-300));
    }

    [Fact]
    public void ExtremeOutputsStayFinite()
    {
        foreach (double s in new[] { -1e6, -800, 800, 1e6 })
        {
            Assert.True(double.IsFinite(XorSample.Loss(s, 0)) && double.IsFinite(XorSample.Loss(s, 1)));
            Assert.True(double.IsFinite(XorSample.Error(s, 1)) && double.IsFinite(XorSample.SigmoidDerivative(s)));
        }
        Assert.Equal(800, XorSample.Loss(800, 0), 12);
        Assert.Equal(0, XorSample.Loss(800, 1), 12);
    }

    [Fact]
    public void HessianAndGWeightsVanishForInactiveUnits()
    {
        Assert.Equal(0, XorSample.FirstLayerWeight(XorMatrixKind.Hessian, 2, -0.1, 0.5, 1));
        Assert.Equal(0, XorSample.FirstLayerWeight(XorMatrixKind.G, 2, 0, 0.5, 1)); // g′(0) = 0
        Assert.Equal(4 * XorSample.SigmoidDerivative(0.5), XorSample.FirstLayerWeight(XorMatrixKind.Hessian, 2, 0.1, 0.5, 1), 15);
        double e = XorSample.Error(0.5, 0);
        Assert.Equal(4 * e * e, XorSample.FirstLayerWeight(XorMatrixKind.G, -2, 0.1, 0.5, 0), 15);
        Assert.Equal(e * e, XorSample.SecondLayerWeight(XorMatrixKind.G, 0.5, 0), 15);
    }

    [Fact]
    public void CoverageOfTheGoodAndBadStarts()
    {
        // Default warm start: s(+μ) = 0.2, s(−μ) = 0.175, s(+ν) = −0.2, s(−ν) = −0.175: all covered.
        var good = XorStatistics.WarmStart(XorParameters.Default);
        Assert.Equal(0.2, good.ClusterScore(0), 15);
        Assert.Equal(-0.175, good.ClusterScore(3), 15);
        Assert.Equal(4, XorCoverage.Count(good));
        // Bad start of xor.rank-deficiency: mmu0 = (0.3, 0.25, 0.05, −0.05): s(−μ) = −0.035, −μ uncovered.
        var bad = XorStatistics.WarmStart(new XorParameters(mmu0: [0.3, 0.25, 0.05, -0.05]));
        Assert.False(XorCoverage.IsCovered(bad, 1));
        Assert.Equal(3, XorCoverage.Count(bad));
    }
}
