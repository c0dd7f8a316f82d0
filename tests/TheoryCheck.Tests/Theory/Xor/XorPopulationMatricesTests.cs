using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.LinearAlgebra;
using TheoryCheck.Tests.Models.Xor;
using TheoryCheck.Theory.Xor;

namespace TheoryCheck.Tests.Theory.Xor;

public sealed class XorPopulationMatricesTests : IClassFixture<XorLambdaFiftyState>
{
    private readonly XorLambdaFiftyState _state;

    public XorPopulationMatricesTests(XorLambdaFiftyState state) => _state = state;

    internal static double[] Eigenvalues(double[] matrix, int n)
    {
        var values = new double[n];
        SymmetricJacobiEigen.Decompose(matrix, n, values, new double[n * n]);
        return values;
    }

    /// <summary>xor.md §9.2 ODE state (λ = 50, t = 30): v = (1.094, 1.081, −1.094, −1.081), m^μ = (1.093, −1.082, 0.002, 0.002), R⊥_ii ≈ 0.035.</summary>
    [Fact]
    public void OdeStateAtLambdaFiftyMatchesXorMd()
    {
        var s = _state.State;
        double[] v = [1.094, 1.081, -1.094, -1.081], mmu = [1.093, -1.082, 0.002, 0.002];
        for (int i = 0; i < 4; i++)
        {
            Assert.InRange(s.V[i] - v[i], -6e-4, 6e-4);
            Assert.InRange(s.Mmu[i] - mmu[i], -6e-4, 6e-4);
            Assert.InRange(s.RperpAt(i, i), 0.034, 0.036);
        }
    }

    /// <summary>xor.md §9.3 "prediction (ODE state, QMC)": H_vv − βI 0.0711, 0.0578, 0.0577, 0.0445; G_vv 0.0253, 0.0202, 0.0202, 0.0150.</summary>
    [Fact]
    public void SecondLayerEigenvaluesMatchXorMd()
    {
        double[] h = [0.0711, 0.0578, 0.0577, 0.0445], g = [0.0253, 0.0202, 0.0202, 0.0150];
        var hp = XorSpectralPrediction.SecondLayer(_state.Matrices, XorMatrixKind.Hessian);
        var gp = XorSpectralPrediction.SecondLayer(_state.Matrices, XorMatrixKind.G);
        for (int i = 0; i < 4; i++)
        {
            Assert.InRange(hp.Eigenvalues[i] - h[i], -1.5e-4, 1.5e-4);
            Assert.InRange(gp.Eigenvalues[i] - g[i], -1.5e-4, 1.5e-4);
        }
        Assert.Equal(4, hp.OutlierCount);
        Assert.Equal(4, gp.OutlierCount);
        Assert.InRange(hp.StandardError, 0, 1e-4);
        Assert.Equal(0, hp.AlignmentError, 10); // K = 4: E_4 = ℝ⁴
        Assert.InRange(hp.ClusterSpanAlignmentError, 0, 0.01);
    }

    /// <summary>
    /// Identity (2.1) in the reduced coordinates: the q×q low-rank part K_i = E[h v vᵀ] of the first-layer block equals
    /// the (K + 2)-dimensional Monte Carlo of xor.md §5.1 (coordinates [μ, ν, w] with W⊥ = F w, F = R⊥^{1/2}), and the
    /// bulk level is E[h]/λ.
    /// </summary>
    [Fact]
    public void FirstLayerBlockEqualsTheFullDimensionalExpectation()
    {
        var s = _state.State;
        var p = _state.Parameters;
        int neuron = 1, q = 6;
        var block = _state.Matrices.FirstLayer(neuron, XorMatrixKind.Hessian);
        var sampler = new XorReferenceSampler(s, p.Lambda);
        var reference = sampler.Expectation(1 << 15, 9, q * q + 1, (cluster, draw) =>
        {
            double h = XorSample.FirstLayerWeight(XorMatrixKind.Hessian, s.V[neuron], draw.U[neuron], XorSample.Output(s.V, draw.U), XorClusters.Label(cluster));
            // Coordinates in [μ, ν, w_1..w_4]: (μ·X, ν·X, w·X) with w·X = F⁻¹(W⊥·X); use the sampler's ζ via Draw's structure:
            // W⊥·X = F ζ_{3:}/√λ, so w·X = ζ_{3:}/√λ, recovered from Perp by solving with F (F = R⊥^{1/2} is invertible here).
            var coordinates = new double[q];
            coordinates[0] = draw.Mu;
            coordinates[1] = draw.Nu;
            var w = SolveRoot(s, draw.Perp);
            for (int l = 0; l < 4; l++) coordinates[2 + l] = w[l];
            var row = new double[q * q + 1];
            for (int a = 0; a < q; a++)
                for (int b = 0; b < q; b++) row[a * q + b] = h * coordinates[a] * coordinates[b];
            row[q * q] = h;
            return row;
        });
        for (int a = 0; a < q * q; a++)
            Assert.True(Math.Abs(block.LowRank[a] - reference.Mean[a]) <= 4 * reference.StandardError[a] + 2e-5,
                $"K[{a / q},{a % q}] = {block.LowRank[a]} vs {reference.Mean[a]} ± {reference.StandardError[a]}");
        Assert.InRange(block.MeanWeight - reference.Mean[q * q], -4 * reference.StandardError[q * q] - 1e-5, 4 * reference.StandardError[q * q] + 1e-5);
        Assert.Equal(block.MeanWeight / p.Lambda, block.BulkLevel, 15);
        // Population outliers: two, mostly in span(μ, ν), then the bulk level.
        Assert.True(block.Eigenvalues[1] > 20 * block.Eigenvalues[2]);
        Assert.True(block.MuNuWeights[0] > 0.95 && block.MuNuWeights[1] > 0.95);
    }

    private static double[] SolveRoot(XorStatistics s, double[] perp)
    {
        // w = F⁻¹ perp with F = R⊥^{1/2} = V diag(√λ) Vᵀ.
        int k = s.Width;
        var values = new double[k];
        var vectors = new double[k * k];
        SymmetricJacobiEigen.Decompose(s.Rperp, k, values, vectors);
        var w = new double[k];
        for (int l = 0; l < k; l++)
        {
            double dot = 0;
            for (int i = 0; i < k; i++) dot += vectors[i * k + l] * perp[i];
            for (int i = 0; i < k; i++) w[i] += vectors[i * k + l] * dot / Math.Sqrt(values[l]);
        }
        return w;
    }

    /// <summary>
    /// The λ = ∞ closed forms of xor.md §9.1, §9.3 at the K = 4 optimal fixed point, evaluated by the finite-λ population
    /// matrices at λ = 10⁶: first-layer Hessian outliers Cβ(1 − 4β) twice in span(μ, ν) with bulk 2Cβ(1 − 4β)/λ, G outliers
    /// 4Cβ²; second layer β(1 − 4β)C·I and 4β²C·I. With one cluster uncovered: 3 second-layer outliers (rank deficiency).
    /// </summary>
    [Fact]
    public void LargeLambdaLimitsAtTheOptimum()
    {
        const double beta = 0.05, lambda = 1e6;
        var p = new XorParameters(lambda: lambda, beta: beta);
        var optimum = XorLargeLambda.FixedPoint(beta, [XorNeuronRole.PlusMu, XorNeuronRole.MinusMu, XorNeuronRole.PlusNu, XorNeuronRole.MinusNu]);
        var matrices = new XorPopulationMatrices(p, optimum);
        double c = XorLargeLambda.FixedPointRadius(beta);
        var hessian = matrices.FirstLayer(0, XorMatrixKind.Hessian);
        // Relative 5e-3: the ν direction comes from the noise activating the unit half the time (a QMC estimate of 1/2)
        // plus O(λ^{-1/2}) corrections.
        Assert.InRange(hessian.Eigenvalues[0] / XorLargeLambda.FirstLayerHessianOutlier(beta), 0.995, 1.005);
        Assert.InRange(hessian.Eigenvalues[1] / XorLargeLambda.FirstLayerHessianOutlier(beta), 0.995, 1.005);
        Assert.InRange(hessian.BulkLevel / XorLargeLambda.FirstLayerHessianBulk(beta, lambda), 0.97, 1.03);
        var g = matrices.FirstLayer(0, XorMatrixKind.G);
        Assert.InRange(g.Eigenvalues[0] / XorLargeLambda.FirstLayerGOutlier(beta), 0.995, 1.005);
        Assert.InRange(g.Eigenvalues[1] / XorLargeLambda.FirstLayerGOutlier(beta), 0.995, 1.005);
        var second = Eigenvalues(matrices.SecondLayer(XorMatrixKind.Hessian), 4);
        // O(λ^{-1/2}): the other type's units fire on noise and shift s one-sidedly.
        Assert.All(second, x => Assert.InRange(x / (beta * (1 - 4 * beta) * c), 0.995, 1.005));
        var bad = XorLargeLambda.FixedPoint(beta, [XorNeuronRole.PlusMu, XorNeuronRole.PlusMu, XorNeuronRole.PlusNu, XorNeuronRole.MinusNu]);
        var deficient = XorSpectralPrediction.SecondLayer(p, bad, XorMatrixKind.Hessian);
        Assert.Equal(3, deficient.OutlierCount);
        Assert.True(deficient.Eigenvalues[3] < 1e-3 * deficient.Eigenvalues[0]);
    }
}
