using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Spectra;
using TheoryCheck.Theory.Xor;

namespace TheoryCheck.Tests.Theory.Xor;

public sealed class XorSpectralPredictionTests : IClassFixture<XorLambdaFiftyState>
{
    private readonly XorLambdaFiftyState _state;

    public XorSpectralPredictionTests(XorLambdaFiftyState state) => _state = state;

    /// <summary>
    /// xor.md §9.2 predicted column (λ = 50, t = 30, φ = 3): H outliers 0.0601, 0.0597 (neurons 1, 3) and 0.0589, 0.0586
    /// (2, 4), edge 0.0076/0.0075, squared overlap 0.973, err 0.235/0.237; G outliers 0.0211, 0.0207 / 0.0208, 0.0205, edge
    /// 0.0031/0.0030 (the visible edge, see <see cref="XorFirstLayerPrediction.VisibleEdge"/>), err 0.242/0.244.
    /// </summary>
    [Theory]
    [InlineData(0, 0.0601, 0.0597, 0.0076, 0.235, 0.0211, 0.0207, 0.0031, 0.242)]
    [InlineData(1, 0.0589, 0.0586, 0.0075, 0.237, 0.0208, 0.0205, 0.0030, 0.244)]
    [InlineData(2, 0.0601, 0.0597, 0.0076, 0.235, 0.0211, 0.0207, 0.0031, 0.242)]
    public void FirstLayerPredictionMatchesXorMd(int neuron, double h1, double h2, double hEdge, double hErr, double g1, double g2, double gEdge, double gErr)
    {
        var h = XorSpectralPrediction.FirstLayer(_state.Matrices, neuron, XorMatrixKind.Hessian, 3, estimateError: neuron == 0);
        Assert.Equal(2, h.Spectrum.Outliers.Count);
        Assert.InRange(h.OutlierEigenvalues[0] - h1, -1.5e-4, 1.5e-4);
        Assert.InRange(h.OutlierEigenvalues[1] - h2, -1.5e-4, 1.5e-4);
        Assert.InRange(h.UpperEdge - hEdge, -1e-4, 1e-4);
        Assert.Equal(BulkEdgeKind.Interior, h.Spectrum.EdgeKind);
        Assert.InRange(h.AlignmentError - hErr, -1.5e-3, 1.5e-3);
        Assert.All(h.Spectrum.Outliers, o => Assert.InRange(o.SquaredOverlap, 0.9725, 0.9735));
        Assert.All(h.MuNuCosinesSquared, c => Assert.InRange(c, 0.96, 0.98));
        if (neuron == 0) Assert.InRange(h.QmcErrorEstimate, 0, 1e-3);
        var g = XorSpectralPrediction.FirstLayer(_state.Matrices, neuron, XorMatrixKind.G, 3, estimateError: false);
        Assert.InRange(g.OutlierEigenvalues[0] - g1, -1.5e-4, 1.5e-4);
        Assert.InRange(g.OutlierEigenvalues[1] - g2, -1.5e-4, 1.5e-4);
        Assert.InRange(g.VisibleEdge - gEdge, -1.5e-4, 1.5e-4);
        Assert.InRange(g.AlignmentError - gErr, -1.5e-3, 1.5e-3);
        // The limiting support edge of the G block is a support-boundary edge far above the visible one.
        Assert.Equal(BulkEdgeKind.SupportBoundary, g.Spectrum.EdgeKind);
        Assert.True(g.UpperEdge > 2 * g.VisibleEdge);
    }
}
