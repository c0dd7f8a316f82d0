using System.Numerics.Tensors;
using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.LinearAlgebra;
using TheoryCheck.Numerics.Gaussian;
using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Theory.Xor;

/// <summary>
/// Right-hand side of the finite-λ xor effective ODE (xor.md §5; δ = c_δ/d, t = ℓδ) [derived]:
/// <code>
/// dv_i/dt   = −(m^μ_i A^μ_i + m^ν_i A^ν_i + A⊥_ii) − β v_i            (= −E[e g(u_i)] − β v_i)
/// dm^μ_i/dt = −v_i A^μ_i − β m^μ_i,      dm^ν_i/dt = −v_i A^ν_i − β m^ν_i
/// dR⊥_ij/dt = −(v_i A⊥_ij + v_j A⊥_ji) − 2β R⊥_ij + (c_δ/λ) v_i v_j B_ij   (last term: the corrector)
/// </code>
/// with the expectations of <see cref="XorOdeMoments"/> evaluated exactly in K dimensions (docs/theory/xor.md §5.1):
/// u = a_ϑ m^μ + b_ϑ m^ν + L z, E[μ·X | z] = a_ϑ + c_μ·z, E[ν·X | z] = b_ϑ + c_ν·z, E[W_j⊥·X | z] = (C⊥z)_j
/// (<see cref="XorReducedNoise"/>), so A^μ_i = (1/4)Σ_ϑ a_ϑ E_ϑ[1_i e] + c_μ·T_i, A^ν_i likewise, A⊥_ij = C⊥_j·T_i with
/// T_il = (1/4)Σ_ϑ E_ϑ[z_l 1_i e]. The z-points are a fixed randomised-QMC rule (common random numbers): the RHS is a
/// deterministic function of the state. Packed state: [v; m^μ; m^ν; R⊥ upper triangle] (<see cref="XorStatistics.Pack"/>).
/// </summary>
/// <remarks>
/// Hot path: no allocation per call; one pass over the points computes L z once and the four clusters from it. The
/// rule's blocks (independent scramblings) can be used alone (<see cref="Derivative(ReadOnlySpan{double}, Span{double}, int)"/>)
/// for the replicate error estimate. The indicator 1_i makes the RHS jump by O(1/N) whenever a point crosses u_i = 0
/// (xor.md §5.1): ask an adaptive solver for tolerances above that level. Not thread-safe (scratch buffers).
/// </remarks>
public sealed class XorEffectiveOde
{
    private readonly int _k;
    /// <summary>Points per vectorised batch.</summary>
    public const int Batch = 256;

    private readonly double[] _axes;   // K × N, axis-major: coordinate l of point p at [l·N + p]
    private readonly int _pointCount;
    private readonly int _blocks;
    private readonly int _blockSize;
    private readonly double _beta;
    private readonly double _correctorScale;
    private readonly double _penaltyDrift;
    private readonly XorReducedNoise _noise;
    private readonly double[] _v;
    private readonly double[] _mmu;
    private readonly double[] _mnu;
    private readonly double[] _rperp;
    private readonly double[] _batchXi;        // K × Batch
    private readonly double[] _batchIndicator; // K × Batch
    private readonly double[] _batchOutput;
    private readonly double[] _batchError;
    private readonly double[] _batchScratch;
    private readonly double[] _e1;     // 4 × K: Σ_p 1_i e per cluster
    private readonly double[] _t;      // K × K: Σ_ϑ Σ_p z_l 1_i e
    private readonly double[] _b;      // K × K: Σ_ϑ Σ_p 1_i 1_j e²
    private readonly double[] _amu;
    private readonly double[] _anu;
    private readonly double[] _aperp;
    private readonly double[] _means;  // 4 × K: a_ϑ m^μ + b_ϑ m^ν

    /// <param name="parameters">Model parameters (K, λ, β, c_δ).</param>
    /// <param name="rule">K-dimensional standard-normal rule (the fixed points z_p); its replicate blocks, if any,
    /// define <see cref="Blocks"/>.</param>
    /// <param name="corrector">Include the corrector (c_δ/λ) v_i v_j B_ij (true for SGD with δ = c_δ/d).</param>
    /// <param name="perturbation">A deliberate change for negative controls (null: none; docs/theory/claims.md §0.7).</param>
    public XorEffectiveOde(XorParameters parameters, StandardNormalRule rule, bool corrector = true, XorTheoryPerturbation? perturbation = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Dimension != parameters.Width) throw new ArgumentException($"the rule must have dimension K = {parameters.Width}", nameof(rule));
        Parameters = parameters;
        Rule = rule;
        _k = parameters.Width;
        _pointCount = rule.Count;
        _axes = new double[_k * _pointCount];
        var nodes = rule.Nodes;
        for (int p = 0; p < _pointCount; p++)
            for (int l = 0; l < _k; l++) _axes[l * _pointCount + p] = nodes[p * _k + l];
        _blocks = rule.ReplicateCount > 1 && rule.ReplicateSize > 1 ? rule.ReplicateCount : 1;
        _blockSize = rule.Count / _blocks;
        _beta = parameters.Beta;
        Corrector = corrector;
        Perturbation = perturbation ?? XorTheoryPerturbation.None;
        _correctorScale = corrector ? Perturbation.Corrector * parameters.CDelta / parameters.Lambda : 0.0;
        _penaltyDrift = Perturbation.PenaltyDrift * parameters.Beta;
        _noise = new XorReducedNoise(_k, parameters.Lambda);
        int k = _k, kk = k * k;
        _v = new double[k];
        _mmu = new double[k];
        _mnu = new double[k];
        _rperp = new double[kk];
        _batchXi = new double[k * Batch];
        _batchIndicator = new double[k * Batch];
        _batchOutput = new double[Batch];
        _batchError = new double[Batch];
        _batchScratch = new double[Batch];
        _e1 = new double[XorClusters.Count * k];
        _t = new double[kk];
        _b = new double[kk];
        _amu = new double[k];
        _anu = new double[k];
        _aperp = new double[kk];
        _means = new double[XorClusters.Count * k];
    }

    /// <summary>Model parameters.</summary>
    public XorParameters Parameters { get; }

    /// <summary>The rule of the z-points.</summary>
    public StandardNormalRule Rule { get; }

    /// <summary>Whether the corrector is included.</summary>
    public bool Corrector { get; }

    /// <summary>The deliberate change of the right-hand side (<see cref="XorTheoryPerturbation.None"/> for the derived ODE).</summary>
    public XorTheoryPerturbation Perturbation { get; }

    /// <summary>Number of points N.</summary>
    public int PointCount => _pointCount;

    /// <summary>Number of independent blocks (scramblings) of the rule (1 if it has none).</summary>
    public int Blocks => _blocks;

    /// <summary>Length of the packed state, 3K + K(K+1)/2.</summary>
    public int StateLength => XorStatistics.PackedLength(_k);

    /// <summary>Number of right-hand-side evaluations so far.</summary>
    public long Evaluations { get; private set; }

    /// <summary>Writes d(state)/dt with all N points (xor.md §5).</summary>
    public void Derivative(ReadOnlySpan<double> state, Span<double> derivative) => Evaluate(state, derivative, 0, PointCount);

    /// <summary>Writes d(state)/dt with the points of block <paramref name="block"/> only (an independent scrambling).</summary>
    public void Derivative(ReadOnlySpan<double> state, Span<double> derivative, int block)
    {
        if ((uint)block >= (uint)_blocks) throw new ArgumentOutOfRangeException(nameof(block), $"block must lie in [0, {_blocks - 1}]");
        Evaluate(state, derivative, block * _blockSize, _blockSize);
    }

    /// <summary>This right-hand side as an autonomous <see cref="OdeFunction"/> (all points, or one block).</summary>
    public OdeFunction AsOdeFunction(int? block = null) =>
        block is int b ? (_, u, du) => Derivative(u, du, b) : (_, u, du) => Derivative(u, du);

    /// <summary>The derivative at a statistics value (a new packed array).</summary>
    public double[] Derivative(XorStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var derivative = new double[StateLength];
        Derivative(statistics.ToPacked(), derivative);
        return derivative;
    }

    /// <summary>The expectations A^μ, A^ν, A⊥, B at a state (all points, or one block).</summary>
    public XorOdeMoments Moments(XorStatistics statistics, int? block = null)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var derivative = new double[StateLength];
        if (block is int b) Derivative(statistics.ToPacked(), derivative, b);
        else Derivative(statistics.ToPacked(), derivative);
        var bm = new double[_k * _k];
        for (int i = 0; i < _k; i++)
            for (int j = i; j < _k; j++) bm[i * _k + j] = bm[j * _k + i] = _b[i * _k + j];
        return new XorOdeMoments(_amu.ToArray(), _anu.ToArray(), _aperp.ToArray(), bm);
    }

    private void Evaluate(ReadOnlySpan<double> state, Span<double> derivative, int start, int count)
    {
        int k = _k;
        if (state.Length != StateLength || derivative.Length != StateLength)
            throw new ArgumentException($"state and derivative must have {StateLength} entries");
        Evaluations++;
        state[..k].CopyTo(_v);
        state.Slice(k, k).CopyTo(_mmu);
        state.Slice(2 * k, k).CopyTo(_mnu);
        XorStatistics.UnpackUpper(k, state[(3 * k)..], _rperp);
        _noise.Update(_mmu, _mnu, _rperp);
        Accumulate(start, count);

        // Normalise: each cluster has probability 1/4, each point weight 1/count.
        double w = 1.0 / count, quarter = XorClusters.Probability * w;
        for (int i = 0; i < k * k; i++) _b[i] *= quarter; // B_ij = (1/4)Σ_ϑ E_ϑ[1_i 1_j e²] (upper triangle)
        var cmu = _noise.MuCoefficients;
        var cnu = _noise.NuCoefficients;
        var cperp = _noise.PerpCoefficients;
        for (int i = 0; i < k; i++)
        {
            // (1/4)Σ_ϑ a_ϑ E_ϑ[1_i e] = (E_{+μ} − E_{−μ})/4; likewise for ν.
            double amu = quarter * (_e1[0 * k + i] - _e1[1 * k + i]);
            double anu = quarter * (_e1[2 * k + i] - _e1[3 * k + i]);
            for (int l = 0; l < k; l++)
            {
                double tl = quarter * _t[i * k + l];
                amu += cmu[l] * tl;
                anu += cnu[l] * tl;
            }
            _amu[i] = amu;
            _anu[i] = anu;
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int l = 0; l < k; l++) s += cperp[j * k + l] * _t[i * k + l];
                _aperp[i * k + j] = quarter * s;
            }
        }

        // xor.md §5: the drift of v, m^μ, m^ν, R⊥ (with the corrector).
        for (int i = 0; i < k; i++)
        {
            derivative[i] = -(_mmu[i] * _amu[i] + _mnu[i] * _anu[i] + _aperp[i * k + i]) - _beta * _v[i];
            derivative[k + i] = -_v[i] * _amu[i] - _penaltyDrift * _mmu[i];
            derivative[2 * k + i] = -_v[i] * _anu[i] - _penaltyDrift * _mnu[i];
        }
        int index = 3 * k;
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++, index++)
                derivative[index] = -(_v[i] * _aperp[i * k + j] + _v[j] * _aperp[j * k + i]) - 2 * _beta * _rperp[i * k + j]
                    + _correctorScale * _v[i] * _v[j] * _b[i * k + j];
    }

    /// <summary>
    /// One pass over the points in batches of <see cref="Batch"/>: Σ_p 1_i e per cluster, Σ_ϑΣ_p z_l 1_i e and
    /// Σ_ϑΣ_p 1_i 1_j e² (upper triangle), vectorised over the points (axis-major storage; TensorPrimitives kernels, the
    /// exponential included). e = −ς/(1 + exp(ς s)) with ς = +1 for label 1 and −1 for label 0 (= σ(s) − y,
    /// overflow-safe).
    /// </summary>
    private void Accumulate(int start, int count)
    {
        int k = _k;
        Array.Clear(_e1);
        Array.Clear(_t);
        Array.Clear(_b);
        ReadOnlySpan<double> factor = _noise.Factor;
        for (int cluster = 0; cluster < XorClusters.Count; cluster++)
        {
            double a = XorClusters.MuCoordinate(cluster), b = XorClusters.NuCoordinate(cluster);
            for (int i = 0; i < k; i++) _means[cluster * k + i] = a * _mmu[i] + b * _mnu[i];
        }
        for (int first = start; first < start + count; first += Batch)
        {
            int n = Math.Min(Batch, start + count - first);
            // ξ_i = (L z)_i for the batch.
            for (int i = 0; i < k; i++)
            {
                Span<double> xi = _batchXi.AsSpan(i * Batch, n);
                xi.Clear();
                for (int l = 0; l < k; l++) TensorPrimitives.MultiplyAdd(Axis(l, first, n), factor[i * k + l], xi, xi);
            }
            for (int cluster = 0; cluster < XorClusters.Count; cluster++)
            {
                Span<double> output = _batchOutput.AsSpan(0, n);
                Span<double> scratch = _batchScratch.AsSpan(0, n);
                output.Clear();
                for (int i = 0; i < k; i++)
                {
                    Span<double> indicator = _batchIndicator.AsSpan(i * Batch, n);
                    TensorPrimitives.Add(_batchXi.AsSpan(i * Batch, n), _means[cluster * k + i], scratch); // u_i
                    ElementwiseKernels.Heaviside(scratch, indicator);                                         // 1{u_i > 0}
                    TensorPrimitives.Max(scratch, 0.0, scratch);                                               // g(u_i)
                    TensorPrimitives.MultiplyAdd(scratch, _v[i], output, output);                             // s += v_i g(u_i)
                }
                double sign = cluster < 2 ? 1.0 : -1.0; // ς: label 1 on ±μ, 0 on ±ν
                Span<double> e = _batchError.AsSpan(0, n);
                TensorPrimitives.Multiply(output, sign, e);
                TensorPrimitives.Exp(e, e);
                TensorPrimitives.Add(e, 1.0, e);
                TensorPrimitives.Divide(-sign, e, e);                                                          // e = σ(s) − y
                Span<double> e2 = output;                                                                      // reuse: e²
                TensorPrimitives.Multiply(e, e, e2);
                for (int i = 0; i < k; i++)
                {
                    ReadOnlySpan<double> indicator = _batchIndicator.AsSpan(i * Batch, n);
                    TensorPrimitives.Multiply(indicator, e, scratch);                                          // 1_i e
                    _e1[cluster * k + i] += TensorPrimitives.Sum<double>(scratch);
                    for (int l = 0; l < k; l++) _t[i * k + l] += TensorPrimitives.Dot(scratch, Axis(l, first, n));
                    TensorPrimitives.Multiply(indicator, e2, scratch);                                         // 1_i e²
                    for (int j = i; j < k; j++) _b[i * k + j] += TensorPrimitives.Dot(scratch, _batchIndicator.AsSpan(j * Batch, n));
                }
            }
        }
    }

    /// <summary>Coordinate l of points [first, first + n) (axis-major node storage).</summary>
    private ReadOnlySpan<double> Axis(int l, int first, int n) => _axes.AsSpan(l * _pointCount + first, n);
}
