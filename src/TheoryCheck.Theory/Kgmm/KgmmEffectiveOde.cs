using TheoryCheck.Models.Kgmm;

namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// Right-hand side of the kgmm effective ODE (kgmm.md §5.2, eqs. (3.1)–(3.2), orthonormal means 𝕄 = I, P = diag p):
/// <code>
/// dm/dt = − D P − (1/λ) H̄ m − β m
/// dR/dt = − (D P mᵀ + m P Dᵀ) − (1/λ)(H̄ R + R H̄) − 2β R + (c_δ/λ) Ḡ     (last term: the corrector)
/// </code>
/// with D, H̄, Ḡ the Gaussian expectations of §5.1 (<see cref="KgmmGaussianMoments"/>). The packed state is
/// [m (k², row-major); R upper triangle (c ≤ e, row by row)], so R is symmetric by construction.
/// </summary>
/// <remarks>
/// Hot path: no allocation per call; one pass over the quadrature nodes computes E[π] and E[ππᵀ] for all k
/// classes. Not thread-safe (scratch buffers). <see cref="Evaluations"/> counts the calls.
/// </remarks>
public sealed class KgmmEffectiveOde
{
    private readonly KgmmGaussianMoments _moments;
    private readonly int _k;
    private readonly double[] _p;
    private readonly double _lambda;
    private readonly double _beta;
    private readonly double _penaltyDrift;
    private readonly double _correctorScale;
    private readonly double[] _r;
    private readonly double[] _d;
    private readonly double[] _h;
    private readonly double[] _g;

    /// <param name="parameters">Model parameters.</param>
    /// <param name="moments">Gaussian-expectation evaluator (its rule defines the quadrature).</param>
    /// <param name="corrector">Include the corrector (c_δ/λ)Ḡ in dR/dt (true for SGD with δ = c_δ/d; false gives
    /// population gradient flow, the sub-critical regime of §5.3).</param>
    /// <param name="perturbation">Negative-control factors on single terms (null: none).</param>
    public KgmmEffectiveOde(KgmmParameters parameters, KgmmGaussianMoments moments, bool corrector = true, KgmmTheoryPerturbation? perturbation = null)
    {
        perturbation ??= KgmmTheoryPerturbation.None;
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(moments);
        if (moments.K != parameters.K) throw new ArgumentException("the moment evaluator is for a different k", nameof(moments));
        Parameters = parameters;
        _moments = moments;
        _k = parameters.K;
        _p = parameters.Probabilities.ToArray();
        _lambda = parameters.Lambda;
        _beta = parameters.Beta;
        _penaltyDrift = parameters.Beta * perturbation.PenaltyDrift;
        Corrector = corrector;
        _correctorScale = corrector ? perturbation.Corrector * parameters.CDelta / parameters.Lambda : 0.0;
        _r = new double[_k * _k];
        _d = new double[_k * _k];
        _h = new double[_k * _k];
        _g = new double[_k * _k];
    }

    /// <summary>The model parameters.</summary>
    public KgmmParameters Parameters { get; }

    /// <summary>Whether the corrector (c_δ/λ)Ḡ is included.</summary>
    public bool Corrector { get; }

    /// <summary>The Gaussian-expectation evaluator.</summary>
    public KgmmGaussianMoments Moments => _moments;

    /// <summary>Length of the packed state, k² + k(k+1)/2.</summary>
    public int StateLength => KgmmStatistics.PackedLength(_k);

    /// <summary>Number of right-hand-side evaluations so far.</summary>
    public long Evaluations { get; private set; }

    /// <summary>Writes d(state)/dt for the packed state [m; R upper triangle] (kgmm.md (3.1)–(3.2)).</summary>
    public void Derivative(ReadOnlySpan<double> state, Span<double> derivative)
    {
        int k = _k;
        if (state.Length != StateLength || derivative.Length != StateLength)
            throw new ArgumentException($"state and derivative must have {StateLength} entries");
        Evaluations++;
        var m = state[..(k * k)];
        KgmmStatistics.UnpackR(k, state[(k * k)..], _r);
        _moments.Evaluate(m, _r, _d, _h, _g);
        double invLambda = 1.0 / _lambda;
        ReadOnlySpan<double> d = _d, h = _h, g = _g, r = _r, p = _p;

        // (3.1): dm_{ca} = − p_a D_{ca} − (1/λ) Σ_e H̄_{ce} m_{ea} − β m_{ca}.
        for (int c = 0; c < k; c++)
            for (int a = 0; a < k; a++)
            {
                double hm = 0;
                for (int e = 0; e < k; e++) hm += h[c * k + e] * m[e * k + a];
                derivative[c * k + a] = -p[a] * d[c * k + a] - invLambda * hm - _penaltyDrift * m[c * k + a];
            }

        // (3.2): dR_{ce} = − Σ_b p_b (m_{cb} D_{eb} + D_{cb} m_{eb}) − (1/λ) Σ_f (H̄_{cf} R_{fe} + R_{cf} H̄_{fe})
        //                  − 2β R_{ce} + (c_δ/λ) Ḡ_{ce}.
        int i = k * k;
        for (int c = 0; c < k; c++)
            for (int e = c; e < k; e++, i++)
            {
                double drift = 0, hr = 0;
                for (int b = 0; b < k; b++) drift += p[b] * (m[c * k + b] * d[e * k + b] + d[c * k + b] * m[e * k + b]);
                for (int f = 0; f < k; f++) hr += h[c * k + f] * r[f * k + e] + r[c * k + f] * h[f * k + e];
                derivative[i] = -drift - invLambda * hr - 2 * _beta * r[c * k + e] + _correctorScale * g[c * k + e];
            }
    }

    /// <summary>This right-hand side as an autonomous <see cref="Numerics.Ode.OdeFunction"/> f(t, u).</summary>
    public Numerics.Ode.OdeFunction AsOdeFunction() => (_, u, du) => Derivative(u, du);

    /// <summary>The derivative at a statistics value (a new packed array).</summary>
    public double[] Derivative(KgmmStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var state = new double[StateLength];
        statistics.Pack(state);
        var derivative = new double[StateLength];
        Derivative(state, derivative);
        return derivative;
    }
}
