using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Spectra;
using TheoryCheck.Simulation.Xor;

namespace TheoryCheck.Tests.Simulation.Xor;

public sealed class XorEmpiricalMatricesTests
{
    private static XorState TrainedState(int d, double time = 3, int width = 4)
    {
        var p = new XorParameters(width, lambda: 30);
        var engine = new XorSgd(new XorPopulationRule { LossPoints = 256, AccuracyPoints = 256 });
        return engine.Run(new XorSimulationProblem(p, d, 7, TimeGrid.FromPoints([0, time]))).FinalState!;
    }

    /// <summary>
    /// The matrix-free first-layer block equals the dense (1/M)Σ_j h_j X_jX_jᵀ built here from the per-sample formulas
    /// (h_j = v_i² σ′(s_j)1{u_ij &gt; 0}, resp. v_i² e_j² 1{u_ij &gt; 0}), and Lanczos' top eigenpairs equal the dense oracle's.
    /// </summary>
    [Theory]
    [InlineData(XorMatrixKind.Hessian, 1)]
    [InlineData(XorMatrixKind.G, 2)]
    public void FirstLayerOperatorEqualsTheDenseMatrixAndLanczosTheOracle(XorMatrixKind kind, int neuron)
    {
        const int d = 40;
        var state = TrainedState(d);
        var samples = XorSampleSet.Test(state, 3);
        var matrices = new XorEmpiricalMatrices(state, samples);
        var dense = new double[d, d];
        var u = new double[4];
        for (int j = 0; j < samples.Count; j++)
        {
            var x = samples.Sample(j);
            for (int i = 0; i < 4; i++)
            {
                double dot = 0;
                for (int l = 0; l < d; l++) dot += state.Weight(i)[l] * x[l];
                u[i] = dot;
            }
            double h = XorSample.FirstLayerWeight(kind, state.V[neuron], u[neuron], XorSample.Output(state.V, u), samples.Label(j)) / samples.Count;
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++) dense[a, b] += h * x[a] * x[b];
        }
        var op = matrices.FirstLayerOperator(neuron, kind);
        var materialised = DenseEigenOracle.Materialise(op);
        double scale = 0;
        foreach (double x in dense) scale = Math.Max(scale, Math.Abs(x));
        for (int a = 0; a < d; a++)
            for (int b = 0; b < d; b++) Assert.True(Math.Abs(materialised[a, b] - dense[a, b]) <= 1e-13 * scale, $"({a},{b})");
        Assert.InRange(op.ActiveCount, 1, samples.Count - 1);
        var oracle = DenseEigenOracle.Decompose(dense);
        var spectrum = matrices.FirstLayer(neuron, kind, count: 4);
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(oracle.Values[j], spectrum.Values[j], 12);
            double overlap = Math.Abs(oracle.Vectors[j].Zip(spectrum.Vectors[j], (a, b) => a * b).Sum());
            Assert.True(j >= 2 || overlap > 1 - 1e-8, $"eigenvector {j}: |⟨oracle, Lanczos⟩| = {overlap}");
        }
        Assert.True(spectrum.Converged);
        // Alignment metrics from the definitions: err(W_i, top-2) and cos² to span(μ, ν).
        var w = state.Weight(neuron).ToArray();
        double norm2 = w.Sum(x => x * x), captured = 0;
        for (int j = 0; j < 2; j++)
        {
            double dot = w.Zip(oracle.Vectors[j], (a, b) => a * b).Sum();
            captured += dot * dot;
        }
        Assert.Equal(Math.Sqrt(1 - captured / norm2), spectrum.AlignmentError, 8);
        var statistics = state.Statistics();
        Assert.Equal(Math.Sqrt(statistics.RperpAt(neuron, neuron) / norm2), spectrum.MuNuResidual, 10);
        Assert.All(spectrum.MuNuCosinesSquared, c => Assert.InRange(c, 0, 1));
    }

    /// <summary>The second-layer matrix equals (1/M)Σ_j w_j g_j g_jᵀ and the accuracy the fraction of correctly classified samples.</summary>
    [Fact]
    public void SecondLayerMatrixAndAccuracyFromTheDefinitions()
    {
        const int d = 50;
        var state = TrainedState(d, width: 6);
        var samples = XorSampleSet.Test(state, 2, set: 1);
        var matrices = new XorEmpiricalMatrices(state, samples);
        var expected = new double[36];
        int correct = 0;
        for (int j = 0; j < samples.Count; j++)
        {
            var u = Enumerable.Range(0, 6).Select(i => state.Weight(i).ToArray().Zip(samples.Sample(j).ToArray(), (a, b) => a * b).Sum()).ToArray();
            double s = XorSample.Output(state.V, u);
            if (XorSample.Predict(s) == samples.Label(j)) correct++;
            double wgt = XorSample.SecondLayerWeight(XorMatrixKind.G, s, samples.Label(j)) / samples.Count;
            for (int a = 0; a < 6; a++)
                for (int b = 0; b < 6; b++) expected[a * 6 + b] += wgt * Math.Max(u[a], 0) * Math.Max(u[b], 0);
        }
        var spectrum = matrices.SecondLayer(XorMatrixKind.G);
        for (int a = 0; a < 36; a++) Assert.Equal(expected[a], spectrum.Matrix[a], 14);
        Assert.Equal((double)correct / samples.Count, spectrum.Accuracy);
        Assert.Equal(6, spectrum.Values.Count);
        Assert.True(spectrum.Values.Zip(spectrum.Values.Skip(1), (a, b) => a >= b).All(x => x));
        Assert.InRange(spectrum.AlignmentError, 0, 1);
        Assert.Equal(spectrum.Values.Count(x => x > 0.1 * spectrum.Values[0]), spectrum.OutlierCount);
    }

    [Fact]
    public void SampleSetsAreDeterministicAndTrainingNeedsEnoughSteps()
    {
        var state = TrainedState(30, time: 1);
        var a = XorSampleSet.Test(state, 2);
        var b = XorSampleSet.Test(state, 2);
        Assert.Equal(60, a.Count);
        Assert.Equal(a.Sample(17).ToArray(), b.Sample(17).ToArray());
        Assert.NotEqual(a.Sample(17).ToArray(), XorSampleSet.Test(state, 2, set: 1).Sample(17).ToArray());
        Assert.Equal(XorSampleSource.Training, XorSampleSet.Training(state, 1).Source);
        Assert.Throws<ArgumentException>(() => XorSampleSet.Training(state, 2)); // 30 steps < M = 60
    }
}
