using TheoryCheck.Models.Cws;

namespace TheoryCheck.Theory.Cws;

/// <summary>
/// The binned per-mode ODE of <c>cws</c> (cws.md §9; docs/theory/cws.md §9): for a bin B of modes track
/// Ā_{k,B} = Σ_{i∈B} u_{k,i} x̄_i (k = 1..K, the mean basis) and V̄_B = Σ_{i∈B} V_i:
/// <code>
/// dĀ_{k,B}/dt = −γ [ (G_B D)_k + κ_B Ā_{k,B} ],       D_k = Σ_c p_c S_{ck} E1_c,  κ_B = Σ_c p_c λ_B^{(c)} E2_c
/// dV̄_B/dt     = −2γ [ Σ_k Ā_{k,B} D_k + κ_B V̄_B ] + (γ²/d) n_B Σ_c p_c λ_B^{(c)} I_c   [+ (γ²/d) Σ_c p_c I_c Σ_{i∈B} m_{c,i}²]
/// </code>
/// with M_c = Σ_k S_{ck} Σ_B Ā_{k,B}, S_c = Σ_B λ_B^{(c)} V̄_B. Summing the per-mode equations over B gives these
/// exactly when the variances are equal inside every bin (the means may differ: they enter through G_B only).
/// For two classes ±μ (K = 1) this is cws.md §9 with μ²_B = ‖μ‖² G_B. The state is stored scaled by d/n_B.
/// </summary>
/// <remarks>Cost per evaluation: O(B·(K² + G)) plus C Gaussian expectations; no allocation. Not thread-safe.</remarks>
public sealed class CwsBinnedOde : ICwsOdeSystem
{
    private readonly CwsBinning _bins;
    private readonly CwsSchedule _schedule;
    private readonly CwsGaussianLoss _quadrature;
    private readonly bool _refinement;
    private readonly CwsTheoryPerturbation _perturbation;
    private readonly int _d;
    private readonly int _count;
    private readonly int _classes;
    private readonly int _k;
    private readonly int _groups;
    private readonly double[] _p;
    private readonly double[] _labels;
    private readonly int[] _groupOfClass;
    private readonly double[] _coefficients;
    private readonly double[] _signalWeights;
    private readonly double[] _scale;
    private readonly double[] _g;
    private readonly double[] _m;
    private readonly double[] _s;
    private readonly double[] _i;
    private readonly double[] _forcing;
    private readonly double[] _curvatureWeight;
    private readonly double[] _noiseWeight;

    /// <param name="bins">The bins (and through them the mixture).</param>
    /// <param name="schedule">γ(t).</param>
    /// <param name="quadrature">Gaussian expectations of the loss.</param>
    /// <param name="zeroVarianceNoise">Include the refinement term.</param>
    /// <param name="perturbation">Negative controls only: factors on the noise, mean and curvature terms (null: none).</param>
    public CwsBinnedOde(CwsBinning bins, CwsSchedule schedule, CwsGaussianLoss quadrature, bool zeroVarianceNoise = false,
        CwsTheoryPerturbation? perturbation = null)
    {
        _perturbation = perturbation ?? CwsTheoryPerturbation.None;
        ArgumentNullException.ThrowIfNull(bins);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(quadrature);
        var mixture = bins.Mixture;
        _bins = bins;
        _schedule = schedule;
        _quadrature = quadrature;
        _refinement = zeroVarianceNoise;
        _d = mixture.Dimension;
        _count = bins.Count;
        _classes = mixture.Classes;
        _k = mixture.BasisCount;
        _groups = mixture.VarianceGroupCount;
        _p = mixture.Probabilities.ToArray();
        _labels = mixture.Labels.ToArray();
        _groupOfClass = Enumerable.Range(0, _classes).Select(mixture.VarianceGroup).ToArray();
        _coefficients = mixture.Coefficients.ToArray();
        _signalWeights = mixture.SignalWeights.ToArray();
        _scale = Enumerable.Range(0, _count).Select(b => _d / (double)bins.Size(b)).ToArray();
        _g = new double[_k];
        _m = new double[_classes];
        _s = new double[_groups];
        _i = new double[_classes];
        _forcing = new double[_k];
        _curvatureWeight = new double[_groups];
        _noiseWeight = new double[_groups];
    }

    /// <summary>The bins.</summary>
    public CwsBinning Bins => _bins;

    /// <inheritdoc />
    public int StateLength => _count * (_k + 1);

    /// <inheritdoc />
    public string Description => $"binned ODE, {_bins.Description}, state length {StateLength}";

    /// <inheritdoc />
    public long Evaluations { get; private set; }

    /// <inheritdoc />
    public double MaxVariance { get; private set; }

    /// <inheritdoc />
    public void Derivative(double t, ReadOnlySpan<double> state, Span<double> derivative)
    {
        int n = StateLength, k = _k;
        if (state.Length != n || derivative.Length != n) throw new ArgumentException($"state and derivative must have {n} entries");
        Evaluations++;
        double gamma = _schedule.Rate(t);
        double gamma2 = gamma * gamma;
        var a = state[..(_count * k)];
        var v = state[(_count * k)..];
        Closure(a, v);
        Array.Clear(_curvatureWeight);
        Array.Clear(_noiseWeight);
        Array.Clear(_forcing);
        for (int c = 0; c < _classes; c++)
        {
            var moments = _quadrature.Derivatives(_labels[c], _m[c], _s[_groupOfClass[c]]);
            _i[c] = moments.GradientSquare;
            _curvatureWeight[_groupOfClass[c]] += _p[c] * moments.Curvature;
            _noiseWeight[_groupOfClass[c]] += _p[c] * moments.GradientSquare;
            for (int j = 0; j < k; j++) _forcing[j] += _p[c] * _coefficients[c * k + j] * moments.Gradient;
        }
        if (!_perturbation.IsNone)
        {
            for (int j = 0; j < k; j++) _forcing[j] *= _perturbation.Drift;
            CwsModeOde.Perturb(_curvatureWeight, _noiseWeight, _perturbation);
        }
        var da = derivative[..(_count * k)];
        var dv = derivative[(_count * k)..];
        for (int b = 0; b < _count; b++)
        {
            double kappa = 0, noise = 0;
            for (int g = 0; g < _groups; g++)
            {
                double lambda = _bins.Variance(b, g);
                kappa += _curvatureWeight[g] * lambda;
                noise += _noiseWeight[g] * lambda;
            }
            double scale = _scale[b];
            double drift = 0;
            for (int j = 0; j < k; j++)
            {
                double gd = 0;
                for (int e = 0; e < k; e++) gd += _bins.Gram(b, j, e) * _forcing[e];
                double aj = a[b * k + j];
                da[b * k + j] = -gamma * (scale * gd + kappa * aj);
                drift += aj * _forcing[j];
            }
            double dvb = -2 * gamma * (drift + kappa * v[b]) + gamma2 * noise;
            if (_refinement)
            {
                double extra = 0;
                for (int c = 0; c < _classes; c++) extra += _p[c] * _i[c] * _bins.MeanSquare(b, c);
                dvb += gamma2 * scale / _d * extra;
            }
            dv[b] = dvb;
        }
    }

    /// <inheritdoc />
    public CwsStatistics Statistics(ReadOnlySpan<double> state)
    {
        int k = _k;
        if (state.Length != StateLength) throw new ArgumentException($"the state must have {StateLength} entries");
        var a = state[..(_count * k)];
        var v = state[(_count * k)..];
        Closure(a, v);
        var variances = new double[_classes];
        for (int c = 0; c < _classes; c++) variances[c] = _s[_groupOfClass[c]];
        double norm2 = 0, clean = 0;
        for (int b = 0; b < _count; b++)
        {
            norm2 += v[b] / _scale[b];
            if (_bins.IsClean(b))
                for (int j = 0; j < k; j++) clean += _signalWeights[j] * a[b * k + j] / _scale[b];
        }
        double overlap = 0;
        for (int j = 0; j < k; j++) overlap += _signalWeights[j] * _g[j];
        return new CwsStatistics(_m, variances, norm2, overlap, clean);
    }

    private void Closure(ReadOnlySpan<double> a, ReadOnlySpan<double> v)
    {
        int k = _k;
        Array.Clear(_g);
        Array.Clear(_s);
        for (int b = 0; b < _count; b++)
        {
            double inverse = 1 / _scale[b];
            for (int j = 0; j < k; j++) _g[j] += a[b * k + j] * inverse;
            for (int g = 0; g < _groups; g++) _s[g] += _bins.Variance(b, g) * v[b] * inverse;
        }
        for (int c = 0; c < _classes; c++)
        {
            double sum = 0;
            for (int j = 0; j < k; j++) sum += _coefficients[c * k + j] * _g[j];
            _m[c] = sum;
        }
        for (int g = 0; g < _groups; g++)
            if (_s[g] > MaxVariance) MaxVariance = _s[g];
    }
}
