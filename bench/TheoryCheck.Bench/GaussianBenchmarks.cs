using BenchmarkDotNet.Attributes;
using TheoryCheck.Numerics.Gaussian;

namespace TheoryCheck.Bench;

/// <summary>
/// The k-GMM right-hand-side kernel (kgmm.md §6): E π(m + Q C z) for the softmax π over k classes, integrated in
/// k − 1 = 2 and 3 dimensions (Q the Helmert basis of 1⊥, C C ᵀ = QᵀRQ/λ), with tensor Gauss–Hermite n = 10, the
/// level-4 Genz–Keister sparse grid and 4096 scrambled Sobol points. Three paths: the caller's loop over
/// pre-transformed nodes (Transform once, then softmax and accumulate; what an ODE right-hand side does per call),
/// the delegate-based <see cref="GaussianExpectation.Integrate"/>, and the full <see cref="GaussianExpectation.Evaluate(StandardNormalRule, ReadOnlySpan{double}, PsdSquareRoot, GaussianIntegrand, int)"/> with its error estimate.
/// </summary>
[MemoryDiagnoser]
public class GaussianBenchmarks
{
    private StandardNormalRule _rule = null!;
    private PsdSquareRoot _root = null!;
    private double[] _mean = null!;
    private double[] _nodes = null!;
    private double[] _result = null!;
    private double[] _probabilities = null!;
    private GaussianIntegrand _softmax = null!;

    /// <summary>Number of classes k (integration dimension k − 1).</summary>
    [Params(3, 4)]
    public int Classes { get; set; }

    /// <summary>Rule: tensor Gauss–Hermite n = 10, sparse grid level 4, scrambled Sobol N = 4096 (one scrambling).</summary>
    [Params("GaussHermite10", "SparseLevel4", "Sobol4096")]
    public string Rule { get; set; } = "GaussHermite10";

    [GlobalSetup]
    public void Setup()
    {
        int k = Classes, r = k - 1;
        const double lambda = 3.0;
        // R = I + small off-diagonal coupling (a typical mid-trajectory state); Σ_reduced = QᵀRQ/λ.
        var q = new double[k, r];
        for (int j = 0; j < r; j++)
        {
            double norm = Math.Sqrt((j + 1.0) * (j + 2.0));
            for (int i = 0; i <= j; i++) q[i, j] = 1.0 / norm;
            q[j + 1, j] = -(j + 1.0) / norm;
        }
        var rMatrix = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) rMatrix[i, j] = i == j ? 1.0 : 0.15;
        var reduced = new double[r, r];
        for (int a = 0; a < r; a++)
            for (int b = 0; b < r; b++)
                for (int i = 0; i < k; i++)
                    for (int j = 0; j < k; j++) reduced[a, b] += q[i, a] * rMatrix[i, j] * q[j, b] / lambda;
        var c = PsdSquareRoot.Compute(reduced);
        var factor = new double[k * r];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < r; j++)
                for (int l = 0; l < r; l++) factor[i * r + j] += q[i, l] * c[l, j];
        _root = PsdSquareRoot.FromFactor(factor, k, r);
        _mean = new double[k];
        for (int i = 0; i < k; i++) _mean[i] = i == 0 ? 0.7 : -0.7 / (k - 1);
        _rule = Rule switch
        {
            "GaussHermite10" => GaussHermite.Tensor(r, 10),
            "SparseLevel4" => SparseGrid.GenzKeister(r, 4),
            "Sobol4096" => SobolRule.Create(r, 4096, scrambleSeed: 12345, randomizations: 1),
            _ => throw new ArgumentException($"Unknown rule {Rule}."),
        };
        _nodes = new double[_rule.Count * k];
        _rule.Transform(_mean, _root, _nodes);
        _result = new double[k];
        _probabilities = new double[k];
        _softmax = Softmax;
    }

    private static void Softmax(ReadOnlySpan<double> zeta, Span<double> output)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < zeta.Length; i++) max = Math.Max(max, zeta[i]);
        double sum = 0;
        for (int i = 0; i < zeta.Length; i++) sum += output[i] = Math.Exp(zeta[i] - max);
        double inverse = 1.0 / sum;
        for (int i = 0; i < zeta.Length; i++) output[i] *= inverse;
    }

    /// <summary>Transform the nodes for the current (m, C), then softmax-and-accumulate in the caller's loop.</summary>
    [Benchmark(Baseline = true)]
    public double TransformAndLoop()
    {
        int k = Classes;
        _rule.Transform(_mean, _root, _nodes);
        var weights = _rule.Weights;
        Span<double> result = _result;
        Span<double> p = _probabilities;
        result.Clear();
        ReadOnlySpan<double> nodes = _nodes;
        for (int j = 0; j < weights.Length; j++)
        {
            Softmax(nodes.Slice(j * k, k), p);
            double w = weights[j];
            for (int i = 0; i < k; i++) result[i] += w * p[i];
        }
        return result[0];
    }

    /// <summary><see cref="GaussianExpectation.Integrate"/> with a delegate integrand (no allocation).</summary>
    [Benchmark]
    public double IntegrateDelegate()
    {
        GaussianExpectation.Integrate(_rule, _mean, _root, _softmax, _result);
        return _result[0];
    }

    /// <summary>Value plus error estimate (refinement and, for deterministic rules, the coarser companion).</summary>
    [Benchmark]
    public double EvaluateWithErrorEstimate() => GaussianExpectation.Evaluate(_rule, _mean, _root, _softmax, Classes).Value[0];
}
