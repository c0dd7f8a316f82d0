using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using TheoryCheck.Numerics.Gaussian;

namespace TheoryCheck.Models.Xor;

/// <summary>
/// Population loss and accuracy of the xor network from its summary statistics (xor.md §6), exact functions of the
/// statistics at every d (closure, §4), evaluated as Gaussian expectations over the K-dimensional reduced noise of
/// <see cref="XorReducedNoise"/> (u = a_ϑ m^μ + b_ϑ m^ν + L z, z ~ N(0, I_K); the two extra dimensions of xor.md §5.1
/// do not enter s, so this is exact):
/// <list type="bullet">
/// <item>loss = (1/4)Σ_ϑ E[log(1 + e^{s}) − y_ϑ s] + (β/2)(‖v‖² + Σ_i ((m^μ_i)² + (m^ν_i)² + R⊥_ii)), by randomised QMC
/// in K dimensions;</item>
/// <item>accuracy = (1/4)Σ_ϑ P(1{s &gt; 0} = y_ϑ), with z = t·w + B z′ (w = (1, …, 1)/√K, B an orthonormal basis of
/// w⊥): along the line t ↦ s is piecewise linear with at most K kinks, so P(s &gt; 0 | z′) is a sum of
/// Φ-differences computed exactly (<see cref="PiecewiseLinearNormal"/>) and only z′ ∈ ℝ^{K−1} is integrated by
/// randomised QMC. The inner integral removes the indicator's discontinuity, which makes the QMC error far smaller
/// than for the raw indicator (xor.md §6 quotes ~1e-3 at 2^16 raw points).</item>
/// </list>
/// Standard errors from the R independent scramblings of <see cref="XorPopulationRule"/>. Not thread-safe (scratch
/// buffers): one instance per thread.
/// </summary>
public sealed class XorPopulationMetrics
{
    private readonly XorParameters _parameters;
    private readonly int _k;
    private const int Batch = 256;

    private readonly StandardNormalRule _lossRule;
    private readonly double[] _lossAxes; // K × N axis-major nodes of the loss rule
    private readonly int _lossCount;
    private readonly double[] _batchXi;
    private readonly double[] _batchOutput;
    private readonly double[] _batchScratch;
    private readonly StandardNormalRule? _accuracyRule;
    private readonly XorReducedNoise _noise;
    private readonly double[] _direction;   // w (K)
    private readonly double[] _complement;  // B (K×(K−1) row-major)
    private readonly double[] _lineSlope;   // δu = L w
    private readonly double[] _lineBasis;   // L B (K×(K−1))
    private readonly double[] _u;
    private readonly double[] _u0;
    private readonly double[] _kinks;
    private readonly double[] _values;

    /// <summary>The evaluator of <paramref name="parameters"/> (K, λ, β) with the given rule (default <see cref="XorPopulationRule.Default"/>).</summary>
    public XorPopulationMetrics(XorParameters parameters, XorPopulationRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        rule ??= XorPopulationRule.Default;
        _parameters = parameters;
        Rule = rule;
        _k = parameters.Width;
        _lossRule = RandomizedQmcRule.Create(_k, rule.LossPoints, rule.Seed, rule.Blocks);
        _lossCount = _lossRule.Count;
        _lossAxes = new double[_k * _lossCount];
        var nodes = _lossRule.Nodes;
        for (int p = 0; p < _lossCount; p++)
            for (int l = 0; l < _k; l++) _lossAxes[l * _lossCount + p] = nodes[p * _k + l];
        _batchXi = new double[_k * Batch];
        _batchOutput = new double[Batch];
        _batchScratch = new double[Batch];
        _accuracyRule = _k >= 2 ? RandomizedQmcRule.Create(_k - 1, rule.AccuracyPoints, rule.Seed ^ 0xACC0UL, rule.Blocks) : null;
        _noise = new XorReducedNoise(_k, parameters.Lambda);
        (_direction, _complement) = LineFrame(_k);
        _lineSlope = new double[_k];
        _lineBasis = new double[_k * Math.Max(_k - 1, 1)];
        _u = new double[_k];
        _u0 = new double[_k];
        _kinks = new double[_k];
        _values = new double[_k];
    }

    /// <summary>The QMC settings.</summary>
    public XorPopulationRule Rule { get; }

    /// <summary>Description of the loss rule.</summary>
    public string LossRuleName => _lossRule.Name;

    /// <summary>Description of the accuracy rule.</summary>
    public string AccuracyRuleName => _accuracyRule is null ? "exact (K = 1: one line integral)" : "line-conditioned, " + _accuracyRule.Name;

    /// <summary>Population loss and accuracy with standard errors at <paramref name="statistics"/>.</summary>
    public XorPopulationValue Evaluate(XorStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        if (statistics.Width != _k) throw new ArgumentException($"statistics have width {statistics.Width}, the evaluator {_k}", nameof(statistics));
        _noise.Update(statistics.Mmu, statistics.Mnu, statistics.Rperp);
        var (loss, lossError) = DataLoss(statistics.V);
        var (accuracy, accuracyError) = AccuracyEstimate(statistics.V);
        return new XorPopulationValue(loss + 0.5 * _parameters.Beta * statistics.SquaredNorm(), lossError, accuracy, accuracyError, loss);
    }

    /// <summary>
    /// (1/4)Σ_ϑ E[L(s, y_ϑ)] by the K-dimensional rule: block mean and standard error. Vectorised over batches of points
    /// (axis-major nodes): L = softplus(−ς s) = max(−ς s, 0) + log(1 + e^{−|s|}), ς = +1 for label 1, −1 for label 0.
    /// </summary>
    private (double Value, double StandardError) DataLoss(ReadOnlySpan<double> v)
    {
        int k = _k;
        int blocks = Rule.Blocks, n = _lossRule.Count / blocks;
        var factor = _noise.Factor;
        Span<double> estimates = stackalloc double[blocks];
        for (int r = 0; r < blocks; r++)
        {
            double sum = 0;
            for (int first = r * n; first < (r + 1) * n; first += Batch)
            {
                int m = Math.Min(Batch, (r + 1) * n - first);
                for (int i = 0; i < k; i++)
                {
                    Span<double> xi = _batchXi.AsSpan(i * Batch, m);
                    xi.Clear();
                    for (int l = 0; l < k; l++) TensorPrimitives.MultiplyAdd(_lossAxes.AsSpan(l * _lossCount + first, m), factor[i * k + l], xi, xi);
                }
                for (int cluster = 0; cluster < XorClusters.Count; cluster++)
                {
                    double a = XorClusters.MuCoordinate(cluster), b = XorClusters.NuCoordinate(cluster);
                    Span<double> output = _batchOutput.AsSpan(0, m);
                    Span<double> scratch = _batchScratch.AsSpan(0, m);
                    output.Clear();
                    for (int i = 0; i < k; i++)
                    {
                        TensorPrimitives.Add(_batchXi.AsSpan(i * Batch, m), a * _noise.Mmu[i] + b * _noise.Mnu[i], scratch);
                        TensorPrimitives.Max(scratch, 0.0, scratch);
                        TensorPrimitives.MultiplyAdd(scratch, v[i], output, output);
                    }
                    double sign = XorClusters.Label(cluster) == 1 ? -1.0 : 1.0; // loss = softplus(sign·s)
                    TensorPrimitives.Multiply(output, sign, output);
                    TensorPrimitives.Abs(output, scratch);
                    TensorPrimitives.Negate(scratch, scratch);
                    TensorPrimitives.Exp(scratch, scratch);
                    TensorPrimitives.Add(scratch, 1.0, scratch);
                    TensorPrimitives.Log(scratch, scratch);
                    TensorPrimitives.Max(output, 0.0, output);
                    sum += TensorPrimitives.Sum<double>(output) + TensorPrimitives.Sum<double>(scratch);
                }
            }
            estimates[r] = sum * XorClusters.Probability / n;
        }
        return MeanAndError(estimates);
    }

    /// <summary>(1/4)Σ_ϑ P(1{s &gt; 0} = y_ϑ), exact along the line direction w, QMC over z′.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (double Value, double StandardError) AccuracyEstimate(ReadOnlySpan<double> v)
    {
        int k = _k, c = k - 1;
        var factor = _noise.Factor;
        for (int i = 0; i < k; i++)
        {
            double slope = 0;
            for (int l = 0; l < k; l++) slope += factor[i * k + l] * _direction[l];
            _lineSlope[i] = slope;
            for (int j = 0; j < c; j++)
            {
                double s = 0;
                for (int l = 0; l < k; l++) s += factor[i * k + l] * _complement[l * c + j];
                _lineBasis[i * c + j] = s;
            }
        }
        if (_accuracyRule is null)
        {
            double value = 0;
            for (int cluster = 0; cluster < XorClusters.Count; cluster++)
                value += XorClusters.Probability * ClusterAccuracy(v, cluster, ReadOnlySpan<double>.Empty);
            return (value, 0);
        }
        int blocks = Rule.Blocks, n = _accuracyRule.Count / blocks;
        var nodes = _accuracyRule.Nodes;
        Span<double> estimates = stackalloc double[blocks];
        for (int r = 0; r < blocks; r++)
        {
            double sum = 0;
            for (int p = r * n; p < (r + 1) * n; p++)
            {
                var zc = nodes.Slice(p * c, c);
                for (int cluster = 0; cluster < XorClusters.Count; cluster++) sum += ClusterAccuracy(v, cluster, zc);
            }
            estimates[r] = sum * XorClusters.Probability / n;
        }
        return MeanAndError(estimates);
    }

    /// <summary>P(1{s &gt; 0} = y_ϑ | z′) for cluster ϑ: s along t ↦ u0 + t·δu is piecewise linear with kinks at −u0_j/δu_j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double ClusterAccuracy(ReadOnlySpan<double> v, int cluster, ReadOnlySpan<double> complementPoint)
    {
        int k = _k, c = k - 1;
        double a = XorClusters.MuCoordinate(cluster), b = XorClusters.NuCoordinate(cluster);
        var mmu = _noise.Mmu;
        var mnu = _noise.Mnu;
        Span<double> u0 = _u0;
        Span<double> kinks = _kinks;
        int count = 0;
        double leftSlope = 0, rightSlope = 0;
        for (int i = 0; i < k; i++)
        {
            double s = a * mmu[i] + b * mnu[i];
            for (int j = 0; j < c; j++) s += _lineBasis[i * c + j] * complementPoint[j];
            u0[i] = s;
            double slope = _lineSlope[i];
            if (slope != 0)
            {
                kinks[count++] = -s / slope;
                if (slope > 0) rightSlope += v[i] * slope;
                else leftSlope += v[i] * slope;
            }
        }
        double positive;
        if (count == 0)
        {
            positive = PiecewiseLinearNormal.PositiveProbability(LineValue(v, 0), 0);
        }
        else
        {
            var sorted = kinks[..count];
            for (int m = 1; m < count; m++) // insertion sort: K is small
            {
                double key = sorted[m];
                int j = m - 1;
                while (j >= 0 && sorted[j] > key) { sorted[j + 1] = sorted[j]; j--; }
                sorted[j + 1] = key;
            }
            Span<double> values = _values.AsSpan(0, count);
            for (int m = 0; m < count; m++) values[m] = LineValue(v, sorted[m]);
            positive = PiecewiseLinearNormal.PositiveProbability(sorted, values, leftSlope, rightSlope);
        }
        return XorClusters.Label(cluster) == 1 ? positive : 1 - positive;
    }

    /// <summary>s(t) = Σ_j v_j g(u0_j + t·δu_j).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double LineValue(ReadOnlySpan<double> v, double t)
    {
        double s = 0;
        for (int j = 0; j < _k; j++)
        {
            double u = _u0[j] + t * _lineSlope[j];
            if (u > 0) s += v[j] * u;
        }
        return s;
    }

    /// <summary>
    /// w = (1, …, 1)/√K and an orthonormal basis B (K×(K−1), row-major) of w⊥: columns 2..K of the Householder
    /// reflection that maps e_1 to w.
    /// </summary>
    internal static (double[] Direction, double[] Complement) LineFrame(int k)
    {
        var w = new double[k];
        Array.Fill(w, 1 / Math.Sqrt(k));
        int c = k - 1;
        var complement = new double[k * Math.Max(c, 1)];
        if (c == 0) return (w, complement);
        // H = I − 2hhᵀ/‖h‖², h = e_1 − w: H e_1 = w, H symmetric orthogonal.
        var h = (double[])w.Clone();
        for (int i = 0; i < k; i++) h[i] = -h[i];
        h[0] += 1;
        double norm2 = h.Sum(x => x * x);
        for (int i = 0; i < k; i++)
            for (int j = 1; j < k; j++)
                complement[i * c + (j - 1)] = (i == j ? 1 : 0) - 2 * h[i] * h[j] / norm2;
        return (w, complement);
    }

    private static (double Value, double StandardError) MeanAndError(ReadOnlySpan<double> estimates)
    {
        int r = estimates.Length;
        double mean = 0;
        foreach (double e in estimates) mean += e;
        mean /= r;
        double ss = 0;
        foreach (double e in estimates) ss += (e - mean) * (e - mean);
        return (mean, Math.Sqrt(ss / (r - 1) / r));
    }
}
