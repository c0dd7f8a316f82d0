using TheoryCheck.Numerics.Kernels;
using System.Diagnostics;
using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.LinearAlgebra;
using TheoryCheck.Numerics.Spectra;
using TheoryCheck.Simulation.Common;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// The empirical test (or training) matrices of one xor state on one sample set (xor.md §9.4, β excluded) and their
/// spectra with the alignment metrics of xor.md §10. The per-sample pre-activations u_j = W X_j, outputs s_j, σ′(s_j) and
/// e_j² are computed once (fixed-order dots); then
/// <list type="bullet">
/// <item>first layer, block i: the matrix-free <see cref="XorEmpiricalOperator"/> and its top eigenpairs by thick-restart
/// Lanczos (<see cref="FirstLayer"/>);</item>
/// <item>second layer: the dense K×K Ĥ_vv or Ĝ_vv and its eigen-decomposition (<see cref="SecondLayer"/>);</item>
/// <item>the empirical accuracy on the samples.</item>
/// </list>
/// </summary>
public sealed class XorEmpiricalMatrices
{
    private readonly XorState _state;
    private readonly XorSampleSet _samples;
    private readonly double[] _u;          // M × K
    private readonly double[] _sigmaPrime; // M
    private readonly double[] _error2;     // M
    private readonly double[] _output;     // M

    /// <summary>Prepares the matrices of <paramref name="state"/> on <paramref name="samples"/> (drawn for the same run).</summary>
    /// <exception cref="ArgumentException">Samples of another run or dimension, or a non-finite state.</exception>
    public XorEmpiricalMatrices(XorState state, XorSampleSet samples)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Dimension != state.Dimension) throw new ArgumentException($"the samples have d = {samples.Dimension}, the state d = {state.Dimension}", nameof(samples));
        if (samples.Seed != state.Seed) throw new ArgumentException("the samples belong to another run (seed differs)", nameof(samples));
        if (!state.IsFinite) throw new ArgumentException("the state's parameters are not finite (diverged run)", nameof(state));
        _state = state;
        _samples = samples;
        int m = samples.Count, k = state.Width, d = state.Dimension;
        _u = new double[(long)m * k];
        _sigmaPrime = new double[m];
        _error2 = new double[m];
        _output = new double[m];
        var weights = state.Weights;
        for (int j = 0; j < m; j++)
        {
            var u = _u.AsSpan(j * k, k);
            FixedOrderKernels.Dots(weights, d, samples.Sample(j), u);
            double s = XorSample.Output(state.V, u);
            _output[j] = s;
            _sigmaPrime[j] = XorSample.SigmoidDerivative(s);
            double e = XorSample.Error(s, samples.Label(j));
            _error2[j] = e * e;
        }
    }

    /// <summary>The state.</summary>
    public XorState State => _state;

    /// <summary>The samples.</summary>
    public XorSampleSet Samples => _samples;

    /// <summary>The empirical accuracy (1/M)Σ_j 1{1{s_j &gt; 0} = y_j}.</summary>
    public double Accuracy()
    {
        int correct = 0;
        for (int j = 0; j < _samples.Count; j++) if (XorSample.Predict(_output[j]) == _samples.Label(j)) correct++;
        return (double)correct / _samples.Count;
    }

    /// <summary>The per-sample weight h_j of the first-layer block of neuron i (xor.md §9.4).</summary>
    public double FirstLayerWeight(int neuron, XorMatrixKind kind, int sample)
    {
        int k = _state.Width;
        if (!(_u[sample * k + neuron] > 0)) return 0;
        double v = _state.V[neuron];
        return v * v * (kind == XorMatrixKind.Hessian ? _sigmaPrime[sample] : _error2[sample]);
    }

    /// <summary>The matrix-free first-layer block Â_i (β excluded).</summary>
    public XorEmpiricalOperator FirstLayerOperator(int neuron, XorMatrixKind kind)
    {
        int k = _state.Width, d = _state.Dimension, m = _samples.Count;
        if ((uint)neuron >= (uint)k) throw new ArgumentOutOfRangeException(nameof(neuron), $"neuron must lie in [0, {k - 1}] (0-based)");
        var active = Enumerable.Range(0, m).Where(j => FirstLayerWeight(neuron, kind, j) != 0).ToArray();
        if (active.Length == 0) throw new InvalidOperationException($"neuron {neuron + 1} is inactive on every sample: the block is 0");
        var rows = new double[(long)active.Length * d];
        var weights = new double[active.Length];
        double scale = (double)active.Length / m;
        for (int a = 0; a < active.Length; a++)
        {
            _samples.Sample(active[a]).CopyTo(rows.AsSpan(a * d, d));
            weights[a] = FirstLayerWeight(neuron, kind, active[a]) * scale;
        }
        return new XorEmpiricalOperator(new WeightedGramOperator(rows, active.Length, d, weights), kind, neuron, m);
    }

    /// <summary>
    /// Top <paramref name="count"/> (default 5: two outliers and the gap to the bulk) eigenpairs of the first-layer block of
    /// neuron i by thick-restart Lanczos, with err(W_i, top-j), cos² of the principal angles between the top-2 space and
    /// span(μ, ν), and ‖W_i − P_{μ,ν}W_i‖/‖W_i‖.
    /// </summary>
    public XorFirstLayerSpectrum FirstLayer(int neuron, XorMatrixKind kind, int count = 5, LanczosOptions? options = null)
    {
        var setup = Stopwatch.StartNew();
        var op = FirstLayerOperator(neuron, kind);
        double setupSeconds = setup.Elapsed.TotalSeconds;
        if (count < 2 || count > op.Dimension) throw new ArgumentOutOfRangeException(nameof(count), $"count must lie in [2, d]");
        var eigen = Stopwatch.StartNew();
        var lanczos = Lanczos.TopEigenpairs(op, count, options);
        double eigenSeconds = eigen.Elapsed.TotalSeconds;
        var target = _state.Weight(neuron).ToArray();
        var vectors = lanczos.Vectors;
        var residuals = new double[vectors.Count];
        for (int j = 1; j <= vectors.Count; j++) residuals[j - 1] = SubspaceMetrics.ProjectionResidual(vectors.Take(j).ToArray(), target);
        double[][] span = [_state.Mu.ToArray(), _state.Nu.ToArray()];
        var cosines = SubspaceMetrics.PrincipalAngleCosinesToSpan(vectors.Take(2).ToArray(), span);
        return new XorFirstLayerSpectrum
        {
            Kind = kind,
            Neuron = neuron,
            Source = _samples.Source,
            Step = _state.Step,
            Time = _state.Time,
            SampleCount = _samples.Count,
            ActiveCount = op.ActiveCount,
            Values = lanczos.Values,
            Vectors = vectors,
            ResidualNorms = lanczos.ResidualNorms,
            Converged = lanczos.Converged,
            FreshStartCheckPassed = lanczos.FreshStartCheckPassed,
            MatvecCount = lanczos.MatvecCount,
            Tolerance = lanczos.Tolerance,
            ProjectionResiduals = residuals,
            MuNuCosinesSquared = cosines.Select(c => c * c).ToArray(),
            MuNuResidual = SubspaceMetrics.ProjectionResidual(SubspaceMetrics.Orthonormalize(span).Vectors, target),
            SetupSeconds = setupSeconds,
            EigenSeconds = eigenSeconds,
        };
    }

    /// <summary>The second-layer matrix (1/M)Σ_j w_j g_j g_jᵀ, w = σ′(s_j) or e_j² (K×K row-major; β excluded).</summary>
    public double[] SecondLayerMatrix(XorMatrixKind kind)
    {
        int k = _state.Width, m = _samples.Count;
        var matrix = new double[k * k];
        for (int j = 0; j < m; j++)
        {
            double w = (kind == XorMatrixKind.Hessian ? _sigmaPrime[j] : _error2[j]) / m;
            var u = _u.AsSpan(j * k, k);
            for (int a = 0; a < k; a++)
            {
                if (!(u[a] > 0)) continue;
                double wa = w * u[a];
                for (int b = a; b < k; b++) if (u[b] > 0) matrix[a * k + b] += wa * u[b];
            }
        }
        for (int a = 0; a < k; a++)
            for (int b = 0; b < a; b++) matrix[a * k + b] = matrix[b * k + a];
        return matrix;
    }

    /// <summary>
    /// The second-layer spectrum (xor.md §9.3–§9.4): eigenvalues, the number above <paramref name="outlierThreshold"/> × the
    /// largest, err(v, top-min(4, K)) and cos² of the principal angles between the top-min(4, K) space and the iterate's
    /// span{g(±Wμ), g(±Wν)}, plus the empirical accuracy.
    /// </summary>
    public XorSecondLayerSpectrum SecondLayer(XorMatrixKind kind, double outlierThreshold = 0.1)
    {
        if (!(outlierThreshold > 0 && outlierThreshold < 1)) throw new ArgumentOutOfRangeException(nameof(outlierThreshold));
        int k = _state.Width;
        var matrix = SecondLayerMatrix(kind);
        var values = new double[k];
        var flat = new double[k * k];
        SymmetricJacobiEigen.Decompose(matrix, k, values, flat);
        var vectors = Enumerable.Range(0, k).Select(c => Enumerable.Range(0, k).Select(r => flat[r * k + c]).ToArray()).ToArray();
        int top = Math.Min(4, k);
        var v = _state.V.ToArray();
        double alignment = v.All(x => x == 0) ? double.NaN : SubspaceMetrics.ProjectionResidual(vectors.Take(top).ToArray(), v);
        var statistics = _state.Statistics();
        var activations = new double[XorClusters.Count][];
        for (int cluster = 0; cluster < XorClusters.Count; cluster++)
        {
            double a = XorClusters.MuCoordinate(cluster), b = XorClusters.NuCoordinate(cluster);
            activations[cluster] = Enumerable.Range(0, k).Select(j => XorSample.Relu(a * statistics.Mmu[j] + b * statistics.Mnu[j])).ToArray();
        }
        var nonzero = activations.Where(g => g.Any(x => x != 0)).ToArray();
        var cosines = nonzero.Length == 0 ? [] : SubspaceMetrics.PrincipalAngleCosinesToSpan(vectors.Take(top).ToArray(), nonzero);
        return new XorSecondLayerSpectrum
        {
            Kind = kind,
            Source = _samples.Source,
            Step = _state.Step,
            Time = _state.Time,
            SampleCount = _samples.Count,
            Matrix = matrix,
            Values = values,
            Vectors = vectors,
            OutlierThreshold = outlierThreshold,
            OutlierCount = values.Count(x => x > outlierThreshold * values[0]),
            AlignmentError = alignment,
            ClusterSpanCosinesSquared = cosines.Select(c => c * c).ToArray(),
            Accuracy = Accuracy(),
        };
    }
}
