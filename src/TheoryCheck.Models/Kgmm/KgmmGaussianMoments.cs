using TheoryCheck.Numerics.LinearAlgebra;
using System.Numerics.Tensors;

namespace TheoryCheck.Models.Kgmm;

/// <summary>
/// Deterministic Gaussian expectations of the kgmm softmax given (m, R) (kgmm.md §5.1, §6.1–6.3, §7): for every
/// class b, with ζ^b = m_{·b} + ξ, ξ ~ N(0, R/λ), π^b = π(ζ^b), it computes in one pass over the quadrature nodes
/// E[π^b] and E[π^b π^{bᵀ}], and from them
/// <list type="bullet">
/// <item>D (k×k), column b: D_{·b} = E[π^b] − e_b;</item>
/// <item>H̄ = Σ_b p_b E[diag π^b − π^b π^{bᵀ}];</item>
/// <item>Ḡ = Σ_b p_b E[(π^b − e_b)(π^b − e_b)ᵀ];</item>
/// <item>the population cross-entropy Σ_b p_b E[log Σ_e exp(ζ^b_e − ζ^b_b)].</item>
/// </list>
/// The expectation is reduced to k − 1 dimensions with the Helmert basis Q (π is invariant under adding a constant
/// to all logits): ζ_j = m_{·b} + Q C z_j with C the symmetric PSD square root of QᵀRQ/λ (negative round-off
/// eigenvalues clipped) and (z_j, w_j) a standard-normal rule in k − 1 dimensions. The nodes are fixed at
/// construction, so the result is a deterministic, smooth function of (m, R).
/// </summary>
/// <remarks>
/// Hot path: no allocation per call; the node loops are vectorised (System.Numerics.Tensors). Instances keep
/// scratch buffers and are not thread-safe: use one per thread.
/// </remarks>
public sealed class KgmmGaussianMoments
{
    private readonly int _k;
    private readonly int _dim;
    private readonly int _count;
    private readonly double[] _p;
    private readonly double _lambda;
    private readonly double[] _nodesByAxis; // (k−1) × N: z_i of every node, axis-major
    private readonly double[] _weights;     // N
    private readonly double _weightSum;
    private readonly double[] _q;           // k × (k−1)
    private readonly double[] _offsets;     // k × N: (Q C z_j)_c
    private readonly double[] _pi;          // k × N
    private readonly double[] _max;         // N
    private readonly double[] _sum;         // N
    private readonly double[] _scratch;     // N
    private readonly double[] _meanPi;      // k × k: [b·k + c] = E[π^b_c]
    private readonly double[] _secondPi;    // k × k × k: [b·k² + c·k + e] = E[π^b_c π^b_e]
    private readonly double[] _small;       // covariance, root, QC, Jacobi work

    /// <summary>
    /// Builds the evaluator on a standard-normal rule in k − 1 dimensions given by its nodes (row-major: node j at
    /// [j·(k−1), (j+1)·(k−1))) and weights.
    /// </summary>
    /// <param name="parameters">k, λ and p.</param>
    /// <param name="nodes">Rule nodes z_j ∈ ℝ^{k−1}, row-major.</param>
    /// <param name="weights">Rule weights (sum 1; sparse grids may have negative weights).</param>
    /// <param name="ruleName">Description of the rule, recorded in diagnostics.</param>
    public KgmmGaussianMoments(KgmmParameters parameters, ReadOnlySpan<double> nodes, ReadOnlySpan<double> weights, string ruleName)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _k = parameters.K;
        _dim = _k - 1;
        _count = weights.Length;
        if (_count == 0) throw new ArgumentException("the rule needs at least one node", nameof(weights));
        if (nodes.Length != _count * _dim) throw new ArgumentException($"nodes must have {_count}·(k−1) = {_count * _dim} entries (got {nodes.Length})", nameof(nodes));
        _p = parameters.Probabilities.ToArray();
        _lambda = parameters.Lambda;
        RuleName = ruleName;
        _nodesByAxis = new double[_dim * _count];
        for (int j = 0; j < _count; j++)
            for (int i = 0; i < _dim; i++) _nodesByAxis[i * _count + j] = nodes[j * _dim + i];
        _weights = weights.ToArray();
        _weightSum = TensorPrimitives.Sum(_weights);
        _q = HelmertBasis.Create(_k);
        _offsets = new double[_k * _count];
        _pi = new double[_k * _count];
        _max = new double[_count];
        _sum = new double[_count];
        _scratch = new double[_count];
        _meanPi = new double[_k * _k];
        _secondPi = new double[_k * _k * _k];
        _small = new double[2 * _dim * _dim + _k * _dim + SymmetricSquareRoot.WorkLength(_dim)];
    }

    /// <summary>Number of classes k.</summary>
    public int K => _k;

    /// <summary>Number of quadrature nodes N (per class).</summary>
    public int NodeCount => _count;

    /// <summary>Description of the rule.</summary>
    public string RuleName { get; }

    /// <summary>σ_max = √(λ_max(QᵀRQ)/λ) of the last evaluation (drives the Gauss–Hermite order rule of §6.2).</summary>
    public double LastMaxStandardDeviation { get; private set; }

    /// <summary>
    /// E[π^b_c] of the last evaluation, k×k row-major by class: [b·k + c] (valid after <see cref="Evaluate"/> or
    /// <see cref="CrossEntropy"/>).
    /// </summary>
    public ReadOnlySpan<double> LastMeanSoftmax => _meanPi;

    /// <summary>
    /// D, H̄ and Ḡ at (m, R) (kgmm.md §5.1), each k×k row-major into caller-owned spans: D[c·k + b] = E[π^b_c] − δ_{cb}.
    /// Returns the population cross-entropy Σ_b p_b E[−log π^b_b] when <paramref name="withCrossEntropy"/> is set,
    /// otherwise NaN.
    /// </summary>
    /// <param name="m">m, k×k row-major (m[c·k + a] = x^c·μ_a).</param>
    /// <param name="r">R, k×k row-major (symmetric).</param>
    /// <param name="d">Destination for D (k²).</param>
    /// <param name="hbar">Destination for H̄ (k²).</param>
    /// <param name="gbar">Destination for Ḡ (k²).</param>
    /// <param name="withCrossEntropy">Also compute the cross-entropy (one log per node).</param>
    public double Evaluate(ReadOnlySpan<double> m, ReadOnlySpan<double> r, Span<double> d, Span<double> hbar, Span<double> gbar,
        bool withCrossEntropy = false)
    {
        int k = _k;
        if (d.Length != k * k || hbar.Length != k * k || gbar.Length != k * k) throw new ArgumentException("D, H̄ and Ḡ need k² entries each");
        double ce = Accumulate(m, r, secondMoments: true, withCrossEntropy);
        hbar.Clear();
        gbar.Clear();
        for (int b = 0; b < k; b++)
        {
            double pb = _p[b];
            var mean = _meanPi.AsSpan(b * k, k);
            var second = _secondPi.AsSpan(b * k * k, k * k);
            for (int c = 0; c < k; c++)
            {
                d[c * k + b] = mean[c] - (c == b ? 1.0 : 0.0);
                for (int e = c; e < k; e++)
                {
                    double s = second[c * k + e];
                    // H̄: E[diag π − ππᵀ]; Ḡ: E[ππᵀ] − E[π]e_bᵀ − e_b E[π]ᵀ + e_b e_bᵀ.
                    double h = (c == e ? mean[c] : 0.0) - s;
                    double g = s - (e == b ? mean[c] : 0.0) - (c == b ? mean[e] : 0.0) + (c == b && e == b ? 1.0 : 0.0);
                    hbar[c * k + e] += pb * h;
                    gbar[c * k + e] += pb * g;
                }
            }
        }
        for (int c = 0; c < k; c++)
            for (int e = c + 1; e < k; e++)
            {
                hbar[e * k + c] = hbar[c * k + e];
                gbar[e * k + c] = gbar[c * k + e];
            }
        return ce;
    }

    /// <summary>Population cross-entropy Σ_b p_b E[log Σ_e exp(ζ^b_e − ζ^b_b)] at (m, R) (kgmm.md §7, without the penalty).</summary>
    public double CrossEntropy(ReadOnlySpan<double> m, ReadOnlySpan<double> r) => Accumulate(m, r, secondMoments: false, withCrossEntropy: true);

    /// <summary>Population loss (kgmm.md §7): cross-entropy + (β/2) tr R.</summary>
    public double Loss(ReadOnlySpan<double> m, ReadOnlySpan<double> r, double beta)
    {
        double trace = 0;
        for (int c = 0; c < _k; c++) trace += r[c * _k + c];
        return CrossEntropy(m, r) + 0.5 * beta * trace;
    }

    private double Accumulate(ReadOnlySpan<double> m, ReadOnlySpan<double> r, bool secondMoments, bool withCrossEntropy)
    {
        int k = _k, n = _dim, count = _count;
        if (m.Length != k * k || r.Length != k * k) throw new ArgumentException("m and R must be k×k (row-major)");
        ComputeFactor(r);
        ReadOnlySpan<double> qc = _small.AsSpan(2 * n * n, k * n);

        // Offsets o_c(z_j) = (Q C z_j)_c, shared by all classes.
        for (int c = 0; c < k; c++)
        {
            var o = _offsets.AsSpan(c * count, count);
            o.Clear();
            for (int i = 0; i < n; i++)
            {
                double coefficient = qc[c * n + i];
                if (coefficient != 0) TensorPrimitives.MultiplyAdd(_nodesByAxis.AsSpan(i * count, count), coefficient, o, o);
            }
        }

        double crossEntropy = 0;
        var max = _max.AsSpan();
        var sum = _sum.AsSpan();
        var scratch = _scratch.AsSpan();
        ReadOnlySpan<double> w = _weights;
        for (int b = 0; b < k; b++)
        {
            // Logits ζ_c = m_{cb} + o_c, their maximum, exp(ζ_c − max), the partition sum.
            for (int c = 0; c < k; c++)
            {
                var logits = _pi.AsSpan(c * count, count);
                TensorPrimitives.Add(_offsets.AsSpan(c * count, count), m[c * k + b], logits);
                if (c == 0) logits.CopyTo(max);
                else TensorPrimitives.Max(max, logits, max);
            }
            if (withCrossEntropy)
            {
                // E[max + log Σ − ζ_b]; ζ_b = o_b + m_{bb}.
                crossEntropy += _p[b] * (TensorPrimitives.Dot(w, max) - TensorPrimitives.Dot(w, _offsets.AsSpan(b * count, count))
                                         - m[b * k + b] * _weightSum);
            }
            sum.Clear();
            for (int c = 0; c < k; c++)
            {
                var e = _pi.AsSpan(c * count, count);
                TensorPrimitives.Subtract(e, max, e);
                TensorPrimitives.Exp(e, e);
                TensorPrimitives.Add(sum, e, sum);
            }
            if (withCrossEntropy)
            {
                TensorPrimitives.Log(sum, scratch);
                crossEntropy += _p[b] * TensorPrimitives.Dot(w, scratch);
            }
            TensorPrimitives.Divide(1.0, sum, sum);
            var mean = _meanPi.AsSpan(b * k, k);
            for (int c = 0; c < k; c++)
            {
                var pic = _pi.AsSpan(c * count, count);
                TensorPrimitives.Multiply(pic, sum, pic);
                mean[c] = TensorPrimitives.Dot(w, pic);
            }
            if (!secondMoments) continue;
            var second = _secondPi.AsSpan(b * k * k, k * k);
            for (int c = 0; c < k; c++)
            {
                TensorPrimitives.Multiply(w, _pi.AsSpan(c * count, count), scratch);
                for (int e = c; e < k; e++)
                {
                    double s = TensorPrimitives.Dot(scratch, _pi.AsSpan(e * count, count));
                    second[c * k + e] = s;
                    second[e * k + c] = s;
                }
            }
        }
        return withCrossEntropy ? crossEntropy : double.NaN;
    }

    /// <summary>QC with C the symmetric root of QᵀRQ/λ, into _small[2n², 2n² + kn).</summary>
    private void ComputeFactor(ReadOnlySpan<double> r)
    {
        int k = _k, n = _dim;
        var small = _small.AsSpan();
        var cov = small[..(n * n)];
        var root = small.Slice(n * n, n * n);
        var qc = small.Slice(2 * n * n, k * n);
        var work = small[(2 * n * n + k * n)..];
        // QᵀRQ/λ, exploiting symmetry of R (symmetrised).
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
            {
                double s = 0;
                for (int c = 0; c < k; c++)
                {
                    double qci = _q[c * n + i];
                    if (qci == 0) continue;
                    for (int e = 0; e < k; e++) s += qci * 0.5 * (r[c * k + e] + r[e * k + c]) * _q[e * n + j];
                }
                cov[i * n + j] = cov[j * n + i] = s / _lambda;
            }
        double maxEigenvalue = SymmetricSquareRoot.Compute(cov, n, root, work);
        LastMaxStandardDeviation = Math.Sqrt(Math.Max(maxEigenvalue, 0));
        for (int c = 0; c < k; c++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += _q[c * n + i] * root[i * n + j];
                qc[c * n + j] = s;
            }
    }
}
