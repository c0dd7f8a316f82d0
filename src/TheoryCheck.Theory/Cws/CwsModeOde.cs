using System.Numerics.Tensors;
using TheoryCheck.Models.Cws;

namespace TheoryCheck.Theory.Cws;

/// <summary>
/// The per-mode ODE of <c>cws</c> (cws.md §3; docs/theory/cws.md §3.1) at dimension d, for C classes. Because the
/// drift of every mode is linear in x_i with the same closure coefficients, the mean overlaps of all classes are
/// rank one, A_{c,i} = m_{c,i} x̄_i, and the state is (x̄_i, V_i), i = 1..d, whatever C:
/// <code>
/// dx̄_i/dt = −γ(t) [ f_i + κ_i x̄_i ],                    f_i = Σ_c p_c m_{c,i} E1_c,  κ_i = Σ_c p_c λ_i^{(c)} E2_c
/// dV_i/dt  = −2γ(t) [ f_i x̄_i + κ_i V_i ] + (γ(t)²/d) Σ_c p_c λ_i^{(c)} I_c   [+ (γ²/d) Σ_c p_c m_{c,i}² I_c]
/// </code>
/// with E1_c, E2_c, I_c the expectations of ℓ′, ℓ″, ℓ′² at r ~ N(M_c, S_c), M_c = Σ_i m_{c,i} x̄_i = Σ_k S_{ck}⟨u_k, x̄⟩,
/// S_c = Σ_i λ_i^{(c)} V_i; x̄ = V = 0 at t = 0. The bracketed term is the optional refinement. Multiplying the x̄
/// equation by m_{c,i} gives cws.md §3's dA_{c,i}/dt. The state is stored scaled, (√d·x̄, d·V).
/// </summary>
/// <remarks>
/// Cost per evaluation: O((K + G)·d) with K the rank of the means and G the number of distinct variance arrays, plus
/// C Gaussian expectations; no allocation after the first evaluation. Not thread-safe (scratch buffers).
/// </remarks>
public sealed class CwsModeOde : ICwsOdeSystem
{
    private readonly CwsMixture _mixture;
    private readonly CwsSchedule _schedule;
    private readonly CwsGaussianLoss _quadrature;
    private readonly bool _refinement;
    private readonly CwsTheoryPerturbation _perturbation;
    private readonly int _d;
    private readonly int _classes;
    private readonly int _k;
    private readonly int _groups;
    private readonly double _sqrtD;
    private readonly double[] _p;
    private readonly double[] _labels;
    private readonly int[] _groupOfClass;
    private readonly double[] _coefficients;
    private readonly double[] _signalWeights;
    private readonly double[][] _basis;
    private readonly double[][] _groupVariances;
    // scratch
    private readonly double[] _g;
    private readonly double[] _m;
    private readonly double[] _s;
    private readonly double[] _e1;
    private readonly double[] _i;
    private readonly double[] _forcing;
    private readonly double[] _curvatureWeight;
    private readonly double[] _noiseWeight;
    private double[]? _fieldF;
    private double[]? _fieldKappa;
    private double[]? _fieldNoise;

    /// <param name="mixture">The data model (d modes, C classes).</param>
    /// <param name="schedule">γ(t).</param>
    /// <param name="quadrature">Gaussian expectations of the loss.</param>
    /// <param name="zeroVarianceNoise">Include the refinement term.</param>
    /// <param name="perturbation">Negative controls only: factors on the noise, mean and curvature terms (null: none).</param>
    public CwsModeOde(CwsMixture mixture, CwsSchedule schedule, CwsGaussianLoss quadrature, bool zeroVarianceNoise = false,
        CwsTheoryPerturbation? perturbation = null)
    {
        _perturbation = perturbation ?? CwsTheoryPerturbation.None;
        ArgumentNullException.ThrowIfNull(mixture);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(quadrature);
        _mixture = mixture;
        _schedule = schedule;
        _quadrature = quadrature;
        _refinement = zeroVarianceNoise;
        _d = mixture.Dimension;
        _classes = mixture.Classes;
        _k = mixture.BasisCount;
        _groups = mixture.VarianceGroupCount;
        _sqrtD = Math.Sqrt(_d);
        _p = mixture.Probabilities.ToArray();
        _labels = mixture.Labels.ToArray();
        _groupOfClass = Enumerable.Range(0, _classes).Select(mixture.VarianceGroup).ToArray();
        _coefficients = mixture.Coefficients.ToArray();
        _signalWeights = mixture.SignalWeights.ToArray();
        _basis = Enumerable.Range(0, _k).Select(k => mixture.Basis(k).ToArray()).ToArray();
        _groupVariances = Enumerable.Range(0, _groups).Select(g => mixture.GroupVariances(g).ToArray()).ToArray();
        _g = new double[_k];
        _m = new double[_classes];
        _s = new double[_groups];
        _e1 = new double[_classes];
        _i = new double[_classes];
        _forcing = new double[_k];
        _curvatureWeight = new double[_groups];
        _noiseWeight = new double[_groups];
    }

    /// <summary>The data model.</summary>
    public CwsMixture Mixture => _mixture;

    /// <inheritdoc />
    public int StateLength => 2 * _d;

    /// <inheritdoc />
    public string Description => $"per-mode ODE, d = {_d}, state (√d·x̄_i, d·V_i) of length {2 * _d}";

    /// <inheritdoc />
    public long Evaluations { get; private set; }

    /// <inheritdoc />
    public double MaxVariance { get; private set; }

    /// <inheritdoc />
    public void Derivative(double t, ReadOnlySpan<double> state, Span<double> derivative)
    {
        int d = _d;
        if (state.Length != 2 * d || derivative.Length != 2 * d) throw new ArgumentException($"state and derivative must have {2 * d} entries");
        Evaluations++;
        double gamma = _schedule.Rate(t);
        var x = state[..d];
        var v = state[d..];
        Closure(x, v);
        Array.Clear(_curvatureWeight);
        Array.Clear(_noiseWeight);
        Array.Clear(_forcing);
        for (int c = 0; c < _classes; c++)
        {
            var moments = _quadrature.Derivatives(_labels[c], _m[c], _s[_groupOfClass[c]]);
            _e1[c] = moments.Gradient;
            _i[c] = moments.GradientSquare;
            _curvatureWeight[_groupOfClass[c]] += _p[c] * moments.Curvature;
            _noiseWeight[_groupOfClass[c]] += _p[c] * moments.GradientSquare;
            for (int k = 0; k < _k; k++) _forcing[k] += _p[c] * _coefficients[c * _k + k] * moments.Gradient;
        }
        // f̃_i = √d Σ_k u_{k,i} D_k
        for (int k = 0; k < _k; k++) _forcing[k] *= _sqrtD * _perturbation.Drift;
        if (!_perturbation.IsNone) Perturb(_curvatureWeight, _noiseWeight, _perturbation);
        var dx = derivative[..d];
        var dv = derivative[d..];
        double gamma2 = gamma * gamma;
        if (_k == 1 && _groups == 1)
        {
            double[] u = _basis[0], lambda = _groupVariances[0];
            double f0 = _forcing[0], a = _curvatureWeight[0], b = gamma2 * _noiseWeight[0];
            for (int i = 0; i < d; i++)
            {
                double f = f0 * u[i];
                double kappa = a * lambda[i];
                dx[i] = -gamma * (f + kappa * x[i]);
                dv[i] = -2 * gamma * (f * x[i] + kappa * v[i]) + b * lambda[i];
            }
        }
        else if (_k == 1 && _groups == 2)
        {
            double[] u = _basis[0], l0 = _groupVariances[0], l1 = _groupVariances[1];
            double f0 = _forcing[0], a0 = _curvatureWeight[0], a1 = _curvatureWeight[1];
            double b0 = gamma2 * _noiseWeight[0], b1 = gamma2 * _noiseWeight[1];
            for (int i = 0; i < d; i++)
            {
                double f = f0 * u[i];
                double kappa = a0 * l0[i] + a1 * l1[i];
                dx[i] = -gamma * (f + kappa * x[i]);
                dv[i] = -2 * gamma * (f * x[i] + kappa * v[i]) + b0 * l0[i] + b1 * l1[i];
            }
        }
        else
        {
            // K + 2G contiguous passes: f = Σ_k D_k u_k, κ = Σ_g a_g λ_g, ν = Σ_g b_g λ_g, then one update pass.
            var f = _fieldF ??= new double[d];
            var kappa = _fieldKappa ??= new double[d];
            var noise = _fieldNoise ??= new double[d];
            Array.Clear(f);
            Array.Clear(kappa);
            Array.Clear(noise);
            for (int k = 0; k < _k; k++) TensorPrimitives.MultiplyAdd(_basis[k], _forcing[k], f, f);
            for (int g = 0; g < _groups; g++)
            {
                TensorPrimitives.MultiplyAdd(_groupVariances[g], _curvatureWeight[g], kappa, kappa);
                TensorPrimitives.MultiplyAdd(_groupVariances[g], gamma2 * _noiseWeight[g], noise, noise);
            }
            for (int i = 0; i < d; i++)
            {
                dx[i] = -gamma * (f[i] + kappa[i] * x[i]);
                dv[i] = -2 * gamma * (f[i] * x[i] + kappa[i] * v[i]) + noise[i];
            }
        }
        if (_refinement)
        {
            // (γ²/d) Σ_c p_c m_{c,i}² I_c, scaled by d.
            for (int c = 0; c < _classes; c++)
            {
                double w = gamma2 * _p[c] * _i[c];
                var mean = _mixture.Mean(c);
                for (int i = 0; i < d; i++) dv[i] += w * mean[i] * mean[i];
            }
        }
    }

    /// <summary>Applies the curvature and noise factors of a negative control to the per-group weights.</summary>
    internal static void Perturb(double[] curvatureWeight, double[] noiseWeight, CwsTheoryPerturbation perturbation)
    {
        for (int g = 0; g < curvatureWeight.Length; g++)
        {
            curvatureWeight[g] *= perturbation.Curvature;
            noiseWeight[g] *= perturbation.Noise;
        }
    }

    /// <inheritdoc />
    public CwsStatistics Statistics(ReadOnlySpan<double> state)
    {
        int d = _d;
        if (state.Length != 2 * d) throw new ArgumentException($"the state must have {2 * d} entries");
        var x = state[..d];
        var v = state[d..];
        Closure(x, v);
        var variances = new double[_classes];
        for (int c = 0; c < _classes; c++) variances[c] = _s[_groupOfClass[c]];
        double norm2 = TensorPrimitives.Sum(v) / d;
        double overlap = 0, clean = 0;
        var modes = _mixture.CleanModes;
        for (int k = 0; k < _k; k++)
        {
            overlap += _signalWeights[k] * _g[k];
            var u = _basis[k];
            double part = 0;
            foreach (int i in modes) part += u[i] * x[i];
            clean += _signalWeights[k] * part / _sqrtD;
        }
        return new CwsStatistics(_m, variances, norm2, overlap, clean);
    }

    /// <summary>The unscaled per-mode state (x̄_i, V_i) of a scaled state.</summary>
    public CwsModeState Unscale(ReadOnlySpan<double> state)
    {
        int d = _d;
        var x = new double[d];
        var v = new double[d];
        for (int i = 0; i < d; i++)
        {
            x[i] = state[i] / _sqrtD;
            v[i] = state[d + i] / d;
        }
        return new CwsModeState(x, v);
    }

    /// <summary>M_c (into _m) and S_g (into _s) of the scaled state.</summary>
    private void Closure(ReadOnlySpan<double> x, ReadOnlySpan<double> v)
    {
        for (int k = 0; k < _k; k++) _g[k] = TensorPrimitives.Dot(_basis[k], x) / _sqrtD;
        for (int c = 0; c < _classes; c++)
        {
            double sum = 0;
            for (int k = 0; k < _k; k++) sum += _coefficients[c * _k + k] * _g[k];
            _m[c] = sum;
        }
        for (int g = 0; g < _groups; g++)
        {
            _s[g] = TensorPrimitives.Dot(_groupVariances[g], v) / _d;
            if (_s[g] > MaxVariance) MaxVariance = _s[g];
        }
    }
}
