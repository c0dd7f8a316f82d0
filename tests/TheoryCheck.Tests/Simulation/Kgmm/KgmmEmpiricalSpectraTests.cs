using TheoryCheck.Models.Kgmm;
using TheoryCheck.Numerics.Spectra;
using TheoryCheck.Simulation.Kgmm;
using static TheoryCheck.Tests.Simulation.Kgmm.KgmmTestSupport;

namespace TheoryCheck.Tests.Simulation.Kgmm;

public sealed class KgmmEmpiricalSpectraTests
{
    private static KgmmState TrainedState(int k, int d, double lambda, double time, long seed = 3)
    {
        var p = new KgmmParameters(k, lambda, 0.25, 1);
        var sim = new KgmmSgdSimulation(p, d, seed);
        sim.AdvanceTo((long)Math.Round(time * d));
        return sim.Snapshot();
    }

    /// <summary>
    /// Dense (1/M) Σ_j H_j ⊗ Y_jY_jᵀ from plain loops: softmax of the naive logits, the weight formulas of kgmm.md §10
    /// written out here, block (c, c') at rows c·d…, columns c'·d….
    /// </summary>
    private static double[,] DenseMatrix(KgmmState state, KgmmTestSamples samples, KgmmMatrixKind kind, int? block)
    {
        int k = state.K, d = state.Dimension, m = samples.Count;
        int[] classes = block is int c0 ? [c0] : Enumerable.Range(0, k).ToArray();
        int w = classes.Length;
        var a = new double[w * d, w * d];
        for (int j = 0; j < m; j++)
        {
            var y = samples.Sample(j).ToArray();
            int b = samples.Labels[j];
            var pi = NaiveSoftmax(Enumerable.Range(0, k).Select(c => NaiveDot(state.Weight(c), y)).ToArray());
            for (int u = 0; u < w; u++)
                for (int v = 0; v < w; v++)
                {
                    int c = classes[u], e = classes[v];
                    double h = kind == KgmmMatrixKind.Hessian
                        ? pi[c] * ((c == e ? 1 : 0) - pi[e])
                        : (pi[c] - (b == c ? 1 : 0)) * (pi[e] - (b == e ? 1 : 0));
                    for (int r = 0; r < d; r++)
                        for (int s = 0; s < d; s++) a[u * d + r, v * d + s] += h * y[r] * y[s] / m;
                }
        }
        return a;
    }

    [Theory]
    [InlineData(KgmmMatrixKind.Hessian, 0)]
    [InlineData(KgmmMatrixKind.G, 2)]
    [InlineData(KgmmMatrixKind.Hessian, null)]
    [InlineData(KgmmMatrixKind.G, null)]
    public void OperatorEqualsTheDenseMatrix(KgmmMatrixKind kind, int? block)
    {
        var state = TrainedState(3, 30, 10, 3);
        var samples = KgmmTestSamples.Draw(state, 2.5);
        Assert.Equal(75, samples.Count);
        var op = block is int c
            ? KgmmEmpiricalOperator.ForBlock(state, samples, kind, c, threads: 1)
            : KgmmEmpiricalOperator.ForFullMatrix(state, samples, kind, threads: 1);
        var expected = DenseMatrix(state, samples, kind, block);
        var actual = DenseEigenOracle.Materialise(op);
        int n = op.Dimension;
        Assert.Equal(block is null ? 90 : 30, n);
        double scale = 0;
        foreach (double v in expected) scale = Math.Max(scale, Math.Abs(v));
        Assert.True(scale > 1e-3);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                Assert.True(Math.Abs(actual[i, j] - expected[i, j]) <= 1e-13 * scale, $"({i},{j}): {actual[i, j]} vs {expected[i, j]}");
    }

    /// <summary>
    /// The operator on the training window (kgmm.md §14) is the dense (1/M) Σ_j H_j ⊗ Y_jY_jᵀ over the window's samples,
    /// and <see cref="KgmmEmpiricalSpectra.Compute(KgmmState, double, KgmmSpectrumRequest, int)"/> with
    /// <see cref="KgmmSampleSource.Training"/> uses that window (same top eigenvalues as the dense oracle; "data": "train").
    /// </summary>
    [Theory]
    [InlineData(KgmmMatrixKind.Hessian, 0)]
    [InlineData(KgmmMatrixKind.G, 2)]
    [InlineData(KgmmMatrixKind.G, null)]
    public void TrainingWindowOperatorEqualsTheDenseMatrix(KgmmMatrixKind kind, int? block)
    {
        var state = TrainedState(3, 30, 10, 3);
        var samples = KgmmTestSamples.Training(state, 2.5);
        Assert.Equal(75, samples.Count);
        Assert.Equal(KgmmSampleSource.Training, samples.Source);
        var op = block is int c
            ? KgmmEmpiricalOperator.ForBlock(state, samples, kind, c, threads: 1)
            : KgmmEmpiricalOperator.ForFullMatrix(state, samples, kind, threads: 1);
        var expected = DenseMatrix(state, samples, kind, block);
        var actual = DenseEigenOracle.Materialise(op);
        double scale = 0;
        foreach (double v in expected) scale = Math.Max(scale, Math.Abs(v));
        Assert.True(scale > 1e-3);
        for (int i = 0; i < op.Dimension; i++)
            for (int j = 0; j < op.Dimension; j++)
                Assert.True(Math.Abs(actual[i, j] - expected[i, j]) <= 1e-13 * scale, $"({i},{j}): {actual[i, j]} vs {expected[i, j]}");
        // The test matrix of the same state is a different matrix.
        var test = DenseMatrix(state, KgmmTestSamples.Draw(state, 2.5), kind, block);
        Assert.True(Math.Abs(test[0, 0] - expected[0, 0]) > 1e-8);
        var spectrum = KgmmEmpiricalSpectra.Compute(state, 2.5, new KgmmSpectrumRequest(kind, block) { Threads = 1, Source = KgmmSampleSource.Training });
        var dense = DenseEigenOracle.Decompose(expected);
        Assert.True(Math.Abs(spectrum.Values[0] - dense.Values[0]) <= 1e-10 * dense.Values[0]);
        Assert.Equal("train", spectrum.ToJson()["data"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(KgmmMatrixKind.Hessian, 1)]
    [InlineData(KgmmMatrixKind.G, 0)]
    [InlineData(KgmmMatrixKind.Hessian, null)]
    [InlineData(KgmmMatrixKind.G, null)]
    public void LanczosTopEigenpairsAndAlignmentMatchTheDenseOracle(KgmmMatrixKind kind, int? block)
    {
        const int k = 3, d = 40;
        var state = TrainedState(k, d, 30, 6);
        var samples = KgmmTestSamples.Draw(state, 3);
        var spectrum = KgmmEmpiricalSpectra.Compute(state, samples, new KgmmSpectrumRequest(kind, block) { Threads = 1 });
        var dense = DenseEigenOracle.Decompose(DenseMatrix(state, samples, kind, block));
        Assert.Equal(k + 3, spectrum.Values.Count);
        Assert.True(spectrum.Converged);
        Assert.Equal(samples.Count, spectrum.SampleCount);
        Assert.False(spectrum.PenaltyIncluded);
        double top = dense.Values[0];
        for (int i = 0; i < spectrum.Values.Count; i++)
        {
            Assert.True(Math.Abs(spectrum.Values[i] - dense.Values[i]) <= 1e-10 * top, $"θ_{i + 1}: {spectrum.Values[i]} vs {dense.Values[i]}");
            Assert.True(spectrum.ResidualNorms[i] <= 1e-9 * top);
        }
        // err(x, top-j) from the oracle's eigenvectors, with plain projections, wherever the top-j space is well defined.
        var x = block is int c ? state.Weight(c).ToArray() : state.Weights.ToArray();
        double norm = Math.Sqrt(NaiveDot(x, x));
        for (int j = 1; j <= spectrum.Values.Count; j++)
        {
            if (j < dense.Values.Count && dense.Values[j - 1] - dense.Values[j] < 1e-4 * top) continue;
            var residual = (double[])x.Clone();
            for (int i = 0; i < j; i++)
            {
                double coefficient = NaiveDot(dense.Vectors[i], x);
                for (int r = 0; r < residual.Length; r++) residual[r] -= coefficient * dense.Vectors[i][r];
            }
            double expected = Math.Sqrt(NaiveDot(residual, residual)) / norm;
            Assert.True(Math.Abs(spectrum.ProjectionResidual(j) - expected) <= 1e-7, $"err(x, top-{j}): {spectrum.ProjectionResidual(j)} vs {expected}");
        }
        Assert.Equal(spectrum.ProjectionResidual(k), spectrum.AlignmentError);
        Assert.Equal(k, spectrum.MeanSpanCosinesSquared.Count);
        var json = spectrum.ToJson();
        Assert.Equal(block is int b ? b + 1 : null, json["block"]?.GetValue<int>());
        Assert.Equal(kind == KgmmMatrixKind.Hessian ? "hessian" : "g", json["matrix"]!.GetValue<string>());
        Assert.Contains("β excluded", json["penalty"]!.GetValue<string>());
        Assert.Equal(spectrum.Values[0], json["values"]![0]!.GetValue<double>());
        Assert.Equal(samples.Count, json["samples"]!.GetValue<int>());
    }

    [Fact]
    public void MeanSpanResidualIsTheRperpFractionOfTheStatistics()
    {
        var state = TrainedState(3, 50, 10, 4);
        var statistics = state.Statistics();
        var samples = KgmmTestSamples.Draw(state, 1);
        for (int c = 0; c < 3; c++)
        {
            var spectrum = KgmmEmpiricalSpectra.Compute(state, samples, new KgmmSpectrumRequest(KgmmMatrixKind.Hessian, c) { Count = 3 });
            Assert.Equal(Math.Sqrt(statistics.RperpAt(c, c) / statistics.RAt(c, c)), spectrum.MeanSpanResidual, 1e-10);
        }
        var full = KgmmEmpiricalSpectra.Compute(state, samples, new KgmmSpectrumRequest(KgmmMatrixKind.G) { Count = 3 });
        double perp = 0, total = 0;
        for (int c = 0; c < 3; c++) { perp += statistics.RperpAt(c, c); total += statistics.RAt(c, c); }
        Assert.Equal(Math.Sqrt(perp / total), full.MeanSpanResidual, 1e-10);
        Assert.Equal(150, full.Dimension);
    }

    /// <summary>
    /// λ = 10⁶: Y_j = μ_b + O(10⁻³), so Ĥ_cc is rank k up to O(1/λ) with range span(μ): a weight vector inside
    /// span(μ) has err ≈ 0, one orthogonal to it err ≈ 1, one at angle θ from it err ≈ sin θ, and cos² of the principal
    /// angles between the top-k space and span(μ) ≈ 1.
    /// </summary>
    [Fact]
    public void AlignmentMetricsOfVectorsInsideAndOutsideTheMeanSpan()
    {
        const int k = 3, d = 60;
        var p = new KgmmParameters(k, 1e6, 0.25, 1);
        var sim = new KgmmSgdSimulation(p, d, 4);
        var means = Enumerable.Range(0, k).Select(a => sim.Mean(a).ToArray()).ToArray();
        // A unit vector orthogonal to the means.
        var w = new double[d];
        for (int i = 0; i < d; i++) w[i] = Math.Sin(1.0 + 3.7 * i);
        for (int pass = 0; pass < 2; pass++)
            foreach (var mu in means)
            {
                double projection = NaiveDot(mu, w);
                for (int i = 0; i < d; i++) w[i] -= projection * mu[i];
            }
        double wn = Math.Sqrt(NaiveDot(w, w));
        for (int i = 0; i < d; i++) w[i] /= wn;
        double theta = 0.3;
        var weights = new double[k * d];
        for (int i = 0; i < d; i++)
        {
            weights[i] = 1.5 * means[0][i] - 0.5 * means[1][i];                         // inside span(μ)
            weights[d + i] = w[i];                                                      // orthogonal to span(μ)
            weights[2 * d + i] = Math.Cos(theta) * means[2][i] + Math.Sin(theta) * w[i]; // angle θ
        }
        var meanArray = means.SelectMany(v => v).ToArray();
        var state = new KgmmState(p, d, 4, 0, weights, meanArray);
        var samples = KgmmTestSamples.Draw(state, 3);
        var expected = new[] { 0.0, 1.0, Math.Sin(theta) };
        for (int c = 0; c < k; c++)
        {
            var spectrum = KgmmEmpiricalSpectra.Compute(state, samples, new KgmmSpectrumRequest(KgmmMatrixKind.Hessian, c));
            Assert.True(Math.Abs(spectrum.AlignmentError - expected[c]) <= 1e-3, $"class {c}: err {spectrum.AlignmentError}");
            Assert.Equal(expected[c], spectrum.MeanSpanResidual, 1e-12);
            Assert.All(spectrum.MeanSpanCosinesSquared, v => Assert.True(v >= 1 - 1e-5, $"cos² {v}"));
            Assert.True(spectrum.Values[k - 1] > 100 * spectrum.Values[k]);
        }
    }

    [Fact]
    public void ProductsAreBitIdenticalForAnyThreadCount()
    {
        var state = TrainedState(3, 100, 10, 2);
        var samples = KgmmTestSamples.Draw(state, 3);
        Assert.Equal(300, samples.Count);
        var one = KgmmEmpiricalOperator.ForFullMatrix(state, samples, KgmmMatrixKind.Hessian, threads: 1);
        var two = KgmmEmpiricalOperator.ForFullMatrix(state, samples, KgmmMatrixKind.Hessian, threads: 2);
        var random = new Random(1);
        var u = Enumerable.Range(0, one.Dimension).Select(_ => random.NextDouble() - 0.5).ToArray();
        var y1 = new double[one.Dimension];
        var y2 = new double[one.Dimension];
        one.Apply(u, y1);
        two.Apply(u, y2);
        Assert.Equal(y1, y2);
        two.Apply(u, y2); // reuse of the scratch buffers
        Assert.Equal(y1, y2);
        Assert.Throws<ArgumentException>(() => one.Apply(u, y1.AsSpan(1)));
    }

    [Fact]
    public void TestSamplesFollowTheModel()
    {
        const int d = 200;
        var p = new KgmmParameters(3, 4, 0.1, 1, [0.5, 0.3, 0.2]);
        var state = new KgmmSgdSimulation(p, d, 12).Snapshot();
        var samples = KgmmTestSamples.Draw(state, 3);
        var again = KgmmTestSamples.Draw(state, 3);
        var other = KgmmTestSamples.Draw(state, 3, set: 1);
        Assert.Equal(samples.ToRowMajorArray(), again.ToRowMajorArray());
        Assert.NotEqual(samples.Sample(0).ToArray(), other.Sample(0).ToArray());
        int m = samples.Count;
        Assert.Equal(600, m);
        // Noise variance 1/λ per coordinate: mean of ‖Y_j − μ_b‖²/d, 5 standard errors (√(2/(λ²·M·d))).
        double sum = 0;
        var counts = new int[3];
        for (int j = 0; j < m; j++)
        {
            int b = samples.Labels[j];
            counts[b]++;
            for (int i = 0; i < d; i++)
            {
                double z = samples.Sample(j)[i] - state.Mean(b)[i];
                sum += z * z;
            }
        }
        double variance = sum / (m * d);
        Assert.True(Math.Abs(variance - 0.25) <= 5 * 0.25 * Math.Sqrt(2.0 / (m * d)), $"variance {variance}");
        for (int b = 0; b < 3; b++)
            Assert.True(Math.Abs(counts[b] / (double)m - p.P[b]) <= 5 * Math.Sqrt(p.P[b] * (1 - p.P[b]) / m));
        Assert.Equal(300, KgmmTestSamples.SampleCount(1.5, 200));
        Assert.Equal(6000, KgmmTestSamples.SampleCount(3, 2000));
        Assert.Equal(3, KgmmTestSamples.SampleCount(0.1, 30));
        Assert.Throws<ArgumentException>(() => KgmmTestSamples.Draw(state, 0));
    }
}
