using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Gaussian;
using TheoryCheck.Numerics.LinearAlgebra;
using TheoryCheck.Numerics.Spectra;

namespace TheoryCheck.Theory.Xor;

/// <summary>
/// Population Hessian and G matrices of the xor network at a state, layer by layer (xor.md §9; β excluded), from the
/// K-dimensional reduced noise (<see cref="XorReducedNoise"/>) on a fixed QMC rule: every node is a pair (cluster ϑ,
/// point z) with probability 1/(4N), at which u, s, e and σ′(s) are exact.
/// <list type="bullet">
/// <item>second layer (§9.3): H_vv − βI = E[σ′(s) g(u)g(u)ᵀ], G_vv = E[e² g(u)g(u)ᵀ] (K×K);</item>
/// <item>first layer, block i (§9.1): h = v_i² σ′(s)1_i or v_i² e² 1_i, E[h XXᵀ] = L K_i Lᵀ + (E[h]/λ)(I − LLᵀ) with
/// K_i = Σ_nodes p (h (c cᵀ + Σ_res)) in the coordinates of <see cref="XorSubspaceCoordinates"/>;</item>
/// <item>the effective spectral prediction of an empirical first-layer block with M = φd samples (§9.2), via
/// <see cref="EffectiveSpectrumPrediction"/> on the same nodes.</item>
/// </list>
/// Standard errors from the rule's independent scramblings (blocks).
/// </summary>
public sealed class XorPopulationMatrices
{
    private readonly int _k;
    private readonly int _points;
    private readonly int _blocks;
    private readonly double[] _nodes;     // N × K
    private readonly double[] _relu;      // (4N) × K: g(u) per node
    private readonly double[] _sigmaPrime; // 4N
    private readonly double[] _error2;     // 4N

    /// <summary>The matrices at <paramref name="statistics"/> with a K-dimensional rule (default: the theory's rule of <paramref name="options"/>).</summary>
    public XorPopulationMatrices(XorParameters parameters, XorStatistics statistics, XorTheoryOptions? options = null, StandardNormalRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(statistics);
        if (statistics.Width != parameters.Width) throw new ArgumentException("statistics and parameters have different widths");
        options ??= XorTheoryOptions.Default;
        rule ??= XorTheory.QmcRule(parameters.Width, options);
        if (rule.Dimension != parameters.Width) throw new ArgumentException("the rule must be K-dimensional", nameof(rule));
        Parameters = parameters;
        Statistics = statistics;
        RuleName = rule.Name;
        _k = parameters.Width;
        _points = rule.Count;
        _blocks = rule.ReplicateCount > 1 && rule.ReplicateSize > 1 ? rule.ReplicateCount : 1;
        _nodes = rule.Nodes.ToArray();
        Coordinates = new XorSubspaceCoordinates(statistics, parameters.Lambda);
        int k = _k, total = XorClusters.Count * _points;
        _relu = new double[total * k];
        _sigmaPrime = new double[total];
        _error2 = new double[total];
        var u = new double[k];
        for (int cluster = 0; cluster < XorClusters.Count; cluster++)
            for (int p = 0; p < _points; p++)
            {
                int node = cluster * _points + p;
                Coordinates.Noise.Preactivations(cluster, _nodes.AsSpan(p * k, k), u);
                var g = _relu.AsSpan(node * k, k);
                for (int i = 0; i < k; i++) g[i] = XorSample.Relu(u[i]);
                double s = XorSample.Output(statistics.V, u);
                _sigmaPrime[node] = XorSample.SigmoidDerivative(s);
                double e = XorSample.Error(s, XorClusters.Label(cluster));
                _error2[node] = e * e;
            }
    }

    /// <summary>Model parameters.</summary>
    public XorParameters Parameters { get; }

    /// <summary>The state.</summary>
    public XorStatistics Statistics { get; }

    /// <summary>Coordinates of the state in S.</summary>
    public XorSubspaceCoordinates Coordinates { get; }

    /// <summary>Description of the QMC rule.</summary>
    public string RuleName { get; }

    /// <summary>Number of points N of the rule.</summary>
    public int PointCount => _points;

    /// <summary>Second-layer matrix E[w g(u)g(u)ᵀ] (K×K row-major; β excluded), w = σ′(s) (Hessian) or e² (G) (xor.md §9.3).</summary>
    public double[] SecondLayer(XorMatrixKind kind) => SecondLayerOver(kind, 0, _points);

    /// <summary>The largest standard error (over entries) of <see cref="SecondLayer"/> from the blocks (NaN with one block).</summary>
    public double SecondLayerStandardError(XorMatrixKind kind)
    {
        if (_blocks < 2) return double.NaN;
        int size = _points / _blocks;
        var estimates = Enumerable.Range(0, _blocks).Select(b => SecondLayerOver(kind, b * size, size)).ToArray();
        return MaxStandardError(estimates);
    }

    /// <summary>Eigenvalues (descending) and unit eigenvectors (column j of the K×K row-major array) of <see cref="SecondLayer"/>.</summary>
    public (double[] Values, double[] Vectors) SecondLayerEigen(XorMatrixKind kind) => Eigen(SecondLayer(kind), _k);

    /// <summary>The population first-layer block of neuron <paramref name="neuron"/> (0-based; xor.md §9.1).</summary>
    public XorFirstLayerBlock FirstLayer(int neuron, XorMatrixKind kind)
    {
        if ((uint)neuron >= (uint)_k) throw new ArgumentOutOfRangeException(nameof(neuron));
        int q = Coordinates.Dimension;
        var lowRank = new double[q * q];
        var c = new double[q];
        var residual = Coordinates.ResidualCovariance;
        double weightSum = 0;
        double probability = XorClusters.Probability / _points;
        for (int cluster = 0; cluster < XorClusters.Count; cluster++)
            for (int p = 0; p < _points; p++)
            {
                double h = FirstLayerWeight(neuron, kind, cluster * _points + p);
                if (h == 0) continue;
                double w = probability * h;
                weightSum += w;
                Coordinates.ConditionalMean(cluster, _nodes.AsSpan(p * _k, _k), c);
                for (int a = 0; a < q; a++)
                    for (int b = a; b < q; b++) lowRank[a * q + b] += w * c[a] * c[b];
            }
        for (int a = 0; a < q; a++)
            for (int b = a; b < q; b++)
            {
                lowRank[a * q + b] += weightSum * residual[a * q + b];
                lowRank[b * q + a] = lowRank[a * q + b];
            }
        var (values, vectors) = Eigen(lowRank, q);
        var muNu = new double[q];
        for (int j = 0; j < q; j++) muNu[j] = vectors[0 * q + j] * vectors[0 * q + j] + vectors[1 * q + j] * vectors[1 * q + j];
        return new XorFirstLayerBlock(neuron, lowRank, values, weightSum, weightSum / Parameters.Lambda) { MuNuWeights = muNu };
    }

    /// <summary>
    /// The effective-spectrum solver (kgmm.md §11) for the empirical first-layer block of neuron i with M = φd samples:
    /// nodes (ϑ, z) with probability 1/(4N), weight h, conditional coordinates ē_ϑ + Uz/√λ and residual covariance
    /// (I − UUᵀ)/λ; h_sup = v_i²/4 (Hessian, σ′ ≤ 1/4) or v_i² (G, e² &lt; 1), the essential suprema, or with
    /// <paramref name="nodeMaximum"/> the largest weight among the nodes (kgmm.md §11 as written: the finite-sample proxy
    /// of the visible edge, docs/theory/xor.md §9.2). Restrict to one block of the rule with <paramref name="block"/>
    /// (for the error estimate).
    /// </summary>
    public EffectiveSpectrumPrediction FirstLayerSpectrum(int neuron, XorMatrixKind kind, double samplesRatio, int? block = null, bool nodeMaximum = false)
    {
        if ((uint)neuron >= (uint)_k) throw new ArgumentOutOfRangeException(nameof(neuron));
        int q = Coordinates.Dimension;
        int first = 0, count = _points;
        if (block is int b)
        {
            if ((uint)b >= (uint)_blocks) throw new ArgumentOutOfRangeException(nameof(block));
            count = _points / _blocks;
            first = b * count;
        }
        int nodes = XorClusters.Count * count;
        var probabilities = new double[nodes];
        var weights = new double[nodes];
        var means = new double[nodes * q];
        int index = 0;
        for (int cluster = 0; cluster < XorClusters.Count; cluster++)
            for (int p = first; p < first + count; p++, index++)
            {
                probabilities[index] = XorClusters.Probability / count;
                weights[index] = FirstLayerWeight(neuron, kind, cluster * _points + p);
                Coordinates.ConditionalMean(cluster, _nodes.AsSpan(p * _k, _k), means.AsSpan(index * q, q));
            }
        double v2 = Statistics.V[neuron] * Statistics.V[neuron];
        double supremum = kind == XorMatrixKind.Hessian ? 0.25 * v2 : v2;
        return new EffectiveSpectrumPrediction(q, probabilities, weights, means, Coordinates.ResidualCovariance, Parameters.Lambda, samplesRatio,
            nodeMaximum ? null : supremum);
    }

    /// <summary>Number of independent blocks (scramblings) of the rule.</summary>
    public int Blocks => _blocks;

    private double FirstLayerWeight(int neuron, XorMatrixKind kind, int node)
    {
        if (!(_relu[node * _k + neuron] > 0)) return 0;
        double v = Statistics.V[neuron];
        return v * v * (kind == XorMatrixKind.Hessian ? _sigmaPrime[node] : _error2[node]);
    }

    private double[] SecondLayerOver(XorMatrixKind kind, int first, int count)
    {
        int k = _k;
        var matrix = new double[k * k];
        double probability = XorClusters.Probability / count;
        for (int cluster = 0; cluster < XorClusters.Count; cluster++)
            for (int p = first; p < first + count; p++)
            {
                int node = cluster * _points + p;
                double w = probability * (kind == XorMatrixKind.Hessian ? _sigmaPrime[node] : _error2[node]);
                var g = _relu.AsSpan(node * k, k);
                for (int i = 0; i < k; i++)
                {
                    if (g[i] == 0) continue;
                    double wi = w * g[i];
                    for (int j = i; j < k; j++) matrix[i * k + j] += wi * g[j];
                }
            }
        for (int i = 0; i < k; i++)
            for (int j = 0; j < i; j++) matrix[i * k + j] = matrix[j * k + i];
        return matrix;
    }

    internal static (double[] Values, double[] Vectors) Eigen(double[] matrix, int n)
    {
        var values = new double[n];
        var vectors = new double[n * n];
        SymmetricJacobiEigen.Decompose(matrix, n, values, vectors);
        return (values, vectors);
    }

    private static double MaxStandardError(double[][] estimates)
    {
        int r = estimates.Length, n = estimates[0].Length;
        double worst = 0;
        for (int j = 0; j < n; j++)
        {
            double mean = estimates.Average(e => e[j]);
            double ss = estimates.Sum(e => (e[j] - mean) * (e[j] - mean));
            worst = Math.Max(worst, Math.Sqrt(ss / (r - 1) / r));
        }
        return worst;
    }
}
