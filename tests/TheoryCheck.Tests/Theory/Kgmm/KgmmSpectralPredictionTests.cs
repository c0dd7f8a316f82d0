using TheoryCheck.Models.Kgmm;
using TheoryCheck.Tests.Models.Kgmm;
using TheoryCheck.Theory.Kgmm;

namespace TheoryCheck.Tests.Theory.Kgmm;

public sealed class KgmmSpectralPredictionTests
{
    private static KgmmSpectralPrediction Constant(KgmmParameters p, KgmmStatistics s, double omega, double phi, int n = 8)
    {
        var (nodes, weights) = TestRules.Tensor(p.K, n);
        return new KgmmSpectralPrediction(p, s, (_, _) => omega, 0, phi, nodes, weights, "test");
    }

    [Theory]
    [InlineData(3.0, 10.0, 0.7)]
    [InlineData(1.5, 30.0, 1.0)]
    [InlineData(4.0, 5.0, 0.2)]
    public void ConstantWeightGivesMarchenkoPasturEdges(double phi, double lambda, double omega)
    {
        var p = new KgmmParameters(2, lambda, 0.1, 1);
        var s = KgmmStatistics.Initial(2);
        var result = Constant(p, s, omega, phi).Solve(2);
        double upper = omega / lambda * Math.Pow(1 + 1 / Math.Sqrt(phi), 2);
        double lower = omega / lambda * Math.Pow(1 - 1 / Math.Sqrt(phi), 2);
        Assert.Equal(1.0, result.UpperEdge / upper, 12);
        Assert.Equal(1.0, result.LowerEdge / lower, 10);
    }

    [Theory]
    [InlineData(0.3, 0.7, 10.0, 3.0)]
    [InlineData(0.5, 0.5, 10.0, 3.0)] // two degenerate spikes
    [InlineData(0.2, 0.8, 30.0, 1.0)]
    public void ConstantWeightGivesTheBbpOutliersAndOverlaps(double p1, double p2, double lambda, double phi)
    {
        // h ≡ 1 at m = 0, R = I: the data Y = μ_b + Z form two rank-one spikes of strength θ_b = λ p_b above a bulk of
        // variance 1/λ (γ = 1/φ). Rectangular spiked model: outlier (p_b + 1/λ)(1 + 1/(φλp_b)) if θ_b > γ^{1/2},
        // squared eigenvector overlap (1 − γ/θ_b²)/(1 + γ/θ_b); §11 sanity check (1 + 1/λ)(1 + 1/(φλ)) at p_b = 1.
        var p = new KgmmParameters(2, lambda, 0.1, 1, [p1, p2]);
        var result = Constant(p, KgmmStatistics.Initial(2), 1.0, phi).Solve(2);
        double gamma = 1 / phi;
        var expected = new[] { p1, p2 }.Where(pb => lambda * pb > Math.Sqrt(gamma)).OrderByDescending(pb => pb).ToArray();
        Assert.Equal(expected.Length, result.Outliers.Count);
        for (int j = 0; j < expected.Length; j++)
        {
            double pb = expected[j], theta = lambda * pb;
            Assert.Equal(1.0, result.Outliers[j].Eigenvalue / ((pb + 1 / lambda) * (1 + 1 / (phi * lambda * pb))), 11);
            Assert.Equal((1 - gamma / (theta * theta)) / (1 + gamma / theta), result.Outliers[j].SquaredOverlap, 10);
        }
        if (p1 == p2) Assert.All(result.Outliers, o => Assert.Equal(2, o.Multiplicity));
    }

    [Fact]
    public void SubThresholdSpikeHasNoOutlier()
    {
        // θ = λ p_b = 0.4 < γ^{1/2} = 1 (φ = 1): no outlier for either class.
        var p = new KgmmParameters(2, 0.8, 0.1, 1);
        var result = Constant(p, KgmmStatistics.Initial(2), 1.0, 1.0).Solve(2);
        Assert.Empty(result.Outliers);
        Assert.Equal(1.0, result.AlignmentError, 15);
    }

    [Fact]
    public void InverseMapDerivativeMatchesFiniteDifferences()
    {
        var p = new KgmmParameters(3, 10, 0.25, 1);
        var m = KgmmSymmetricFixedPoint.Solve(3, 0.25).M();
        var r = new double[9];
        for (int c = 0; c < 3; c++) for (int e = 0; e < 3; e++) { for (int a = 0; a < 3; a++) r[c * 3 + e] += m[c * 3 + a] * m[e * 3 + a]; r[c * 3 + e] += c == e ? 0.02 : -0.01; }
        var (nodes, weights) = TestRules.Tensor(3, 8);
        var prediction = KgmmSpectralPrediction.ForBlock(p, new KgmmStatistics(3, m, r), KgmmMatrixKind.Hessian, 0, 3, nodes, weights, "test");
        double s = -0.5 * p.Lambda * 3 / prediction.MaxWeight;
        const double step = 1e-6;
        Assert.Equal((prediction.Z(s + step) - prediction.Z(s - step)) / (2 * step), prediction.ZDerivative(s), 6);
        var fPlus = prediction.SpikeMatrix(s + step);
        var fMinus = prediction.SpikeMatrix(s - step);
        var dF = prediction.SpikeMatrixDerivative(s);
        for (int i = 0; i < dF.Length; i++) Assert.Equal((fPlus[i] - fMinus[i]) / (2 * step), dF[i], 7);
    }
}
