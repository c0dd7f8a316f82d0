using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.LinearAlgebra;
using TheoryCheck.Numerics.Spectra;

namespace TheoryCheck.Theory.Xor;

/// <summary>
/// The d → ∞ spectral predictions of the xor empirical test matrices at a state (xor.md §9.2–§9.3), on the theory's
/// QMC rule (<see cref="XorTheoryOptions"/>): first-layer blocks by the effective spectral theory (outliers, edge,
/// err_pred, cos² with span(μ, ν)) and the second-layer matrices by direct QMC (eigenvalues, outlier count, alignment
/// of v).
/// </summary>
public static class XorSpectralPrediction
{
    /// <summary>
    /// Prediction for the empirical first-layer block of neuron <paramref name="neuron"/> (0-based) with M = φd samples
    /// and the top-<paramref name="top"/> space (default 2). With <paramref name="estimateError"/> the prediction is
    /// repeated on each scrambling of the rule and the largest SD/√R of outliers, edge and err_pred is recorded.
    /// </summary>
    public static XorFirstLayerPrediction FirstLayer(XorParameters parameters, XorStatistics statistics, int neuron, XorMatrixKind kind,
        double samplesRatio, int top = 2, XorTheoryOptions? options = null, bool estimateError = true) =>
        FirstLayer(new XorPopulationMatrices(parameters, statistics, options), neuron, kind, samplesRatio, top, estimateError);

    /// <summary>The first-layer prediction from prepared population matrices (reuses their nodes).</summary>
    public static XorFirstLayerPrediction FirstLayer(XorPopulationMatrices matrices, int neuron, XorMatrixKind kind, double samplesRatio,
        int top = 2, bool estimateError = true)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), "n must be ≥ 1");
        var result = matrices.FirstLayerSpectrum(neuron, kind, samplesRatio).Solve();
        var x = matrices.Coordinates.Weight(neuron);
        double error = result.AlignmentError(x, top);
        double qmcError = double.NaN;
        if (estimateError && matrices.Blocks >= 2)
        {
            var blocks = Enumerable.Range(0, matrices.Blocks).Select(b => matrices.FirstLayerSpectrum(neuron, kind, samplesRatio, b).Solve()).ToArray();
            qmcError = StandardError(blocks.Select(r => r.UpperEdge).ToArray());
            qmcError = Math.Max(qmcError, StandardError(blocks.Select(r => r.AlignmentError(x, top)).ToArray()));
            int count = Math.Min(top, result.Outliers.Count);
            for (int j = 0; j < count; j++)
            {
                int index = j;
                qmcError = blocks.All(r => r.Outliers.Count > index)
                    ? Math.Max(qmcError, StandardError(blocks.Select(r => r.Outliers[index].Eigenvalue).ToArray()))
                    : double.PositiveInfinity;
            }
        }
        return new XorFirstLayerPrediction
        {
            Kind = kind,
            Neuron = neuron,
            SamplesRatio = samplesRatio,
            Top = top,
            Spectrum = result,
            AlignmentError = error,
            MuNuCosinesSquared = MuNuCosines(result, top),
            Population = matrices.FirstLayer(neuron, kind),
            VisibleEdge = matrices.FirstLayerSpectrum(neuron, kind, samplesRatio, nodeMaximum: true).Solve().UpperEdge,
            QmcErrorEstimate = qmcError,
            RuleName = matrices.RuleName,
        };
    }

    /// <summary>
    /// The second-layer matrix H_vv − βI or G_vv at the state (xor.md §9.3) with its eigen-decomposition, the number of
    /// eigenvalues above <paramref name="outlierThreshold"/> × the largest, err(v, top-min(4, K)) and err(v, span{g(±Wμ), g(±Wν)}).
    /// </summary>
    public static XorSecondLayerPrediction SecondLayer(XorParameters parameters, XorStatistics statistics, XorMatrixKind kind,
        XorTheoryOptions? options = null, double outlierThreshold = 0.1) =>
        SecondLayer(new XorPopulationMatrices(parameters, statistics, options), kind, outlierThreshold);

    /// <summary>The second-layer prediction from prepared population matrices.</summary>
    public static XorSecondLayerPrediction SecondLayer(XorPopulationMatrices matrices, XorMatrixKind kind, double outlierThreshold = 0.1)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        if (!(outlierThreshold > 0 && outlierThreshold < 1)) throw new ArgumentOutOfRangeException(nameof(outlierThreshold), "the threshold must lie in (0, 1)");
        var statistics = matrices.Statistics;
        int k = statistics.Width;
        var matrix = matrices.SecondLayer(kind);
        var (values, flat) = XorPopulationMatrices.Eigen(matrix, k);
        var vectors = Enumerable.Range(0, k).Select(j => Enumerable.Range(0, k).Select(i => flat[i * k + j]).ToArray()).ToArray();
        int outliers = values.Count(x => x > outlierThreshold * values[0]);
        var v = statistics.V.ToArray();
        bool zero = v.All(x => x == 0);
        double alignment = zero ? double.NaN : SubspaceMetrics.ProjectionResidual(vectors.Take(Math.Min(4, k)).ToArray(), v);
        var span = SubspaceMetrics.Orthonormalize(ClusterActivations(statistics)).Vectors;
        double clusterError = zero ? double.NaN : span.Count == 0 ? 1 : SubspaceMetrics.ProjectionResidual(span, v);
        return new XorSecondLayerPrediction
        {
            Kind = kind,
            Matrix = matrix,
            Eigenvalues = values,
            Eigenvectors = vectors,
            StandardError = matrices.SecondLayerStandardError(kind),
            OutlierThreshold = outlierThreshold,
            OutlierCount = outliers,
            AlignmentError = alignment,
            ClusterSpanAlignmentError = clusterError,
            RuleName = matrices.RuleName,
        };
    }

    /// <summary>The four vectors g(W·ϑ) = (g(a_ϑ m^μ_j + b_ϑ m^ν_j))_j ∈ ℝ^K for ϑ = +μ, −μ, +ν, −ν (xor.md §9.3).</summary>
    public static double[][] ClusterActivations(XorStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        int k = statistics.Width;
        var result = new double[XorClusters.Count][];
        for (int cluster = 0; cluster < XorClusters.Count; cluster++)
        {
            double a = XorClusters.MuCoordinate(cluster), b = XorClusters.NuCoordinate(cluster);
            result[cluster] = new double[k];
            for (int j = 0; j < k; j++) result[cluster][j] = XorSample.Relu(a * statistics.Mmu[j] + b * statistics.Mnu[j]);
        }
        return result;
    }

    private static double[] MuNuCosines(EffectiveSpectrumResult result, int top)
    {
        int n = Math.Min(top, result.Outliers.Count);
        if (n == 0) return [];
        // Gram of the n×2 coordinate matrix R: RᵀR (2×2); its eigenvalues are the squared singular values.
        double a = 0, b = 0, c = 0;
        for (int j = 0; j < n; j++)
        {
            var r = result.Outliers[j].Coordinates;
            a += r[0] * r[0];
            b += r[0] * r[1];
            c += r[1] * r[1];
        }
        var values = new double[2];
        SymmetricJacobiEigen.Decompose([a, b, b, c], 2, values, new double[4]);
        return values.Take(Math.Min(n, 2)).Select(x => Math.Clamp(x, 0, 1)).ToArray();
    }

    private static double StandardError(double[] values)
    {
        int r = values.Length;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / (r - 1) / r);
    }
}
