using TheoryCheck.Numerics.Spectra;

namespace TheoryCheck.Tests.Numerics.Spectra;

public sealed class EffectiveSpectrumPredictionTests
{
    /// <summary>
    /// h ≡ 1, one spike: v = ±1 + N(0, 1/λ) in S (q = 1), noise 1/λ in S⊥. Population covariance: 1 + 1/λ on S, 1/λ
    /// on S⊥. BBP (kgmm.md §11 sanity check): outlier (1 + 1/λ)(1 + 1/(φλ)), Marchenko–Pastur edges (1/λ)(1 ± φ^{-1/2})²,
    /// squared eigenvector overlap (1 − γ/θ²)/(1 + γ/θ) with γ = 1/φ, θ = λ.
    /// </summary>
    [Theory]
    [InlineData(4.0, 2.0)]
    [InlineData(10.0, 3.0)]
    public void OneSpikeWithConstantWeightIsBbp(double lambda, double phi)
    {
        var prediction = new EffectiveSpectrumPrediction(1, [0.5, 0.5], [1.0, 1.0], [1.0, -1.0], [1 / lambda], lambda, phi);
        var result = prediction.Solve();
        double gamma = 1 / phi;
        Assert.Single(result.Outliers);
        Assert.Equal((1 + 1 / lambda) * (1 + 1 / (phi * lambda)), result.Outliers[0].Eigenvalue, 9);
        Assert.Equal((1 / lambda) * Math.Pow(1 + Math.Sqrt(gamma), 2), result.UpperEdge, 7);
        Assert.Equal((1 / lambda) * Math.Pow(1 - Math.Sqrt(gamma), 2), result.LowerEdge, 7);
        Assert.Equal((1 - gamma / (lambda * lambda)) / (1 + gamma / lambda), result.Outliers[0].SquaredOverlap, 7);
        Assert.Equal(BulkEdgeKind.Interior, result.EdgeKind);
        Assert.Equal(Math.Sqrt(1 - result.Outliers[0].SquaredOverlap), result.AlignmentError([1.0], 1), 12);
    }

    /// <summary>Below the BBP threshold (θ = λ·spike &lt; γ^{1/2}) no outlier, and the alignment error is 1.</summary>
    [Fact]
    public void WeakSpikeHasNoOutlier()
    {
        const double lambda = 1, phi = 0.5, spike = 0.5; // θ = 0.5 < √2
        double c = Math.Sqrt(spike);
        var result = new EffectiveSpectrumPrediction(1, [0.5, 0.5], [1.0, 1.0], [c, -c], [1 / lambda], lambda, phi).Solve();
        Assert.Empty(result.Outliers);
        Assert.Equal(1, result.AlignmentError([1.0], 1));
    }
}
