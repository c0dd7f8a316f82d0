using TheoryCheck.Models.Cws;

namespace TheoryCheck.Theory.Cws;

/// <summary>
/// The exact finite-d moment recursion of least-squares one-pass SGD (cws.md §5.1; docs/theory/cws.md §5.1): with
/// n = E[X], P = E[XXᵀ] over the SGD randomness, η_ℓ = γ((ℓ − 1)/d)/d and, per class, u_c = P m_c − y_c n,
/// ρ²_c = m_cᵀP m_c − 2y_c m_cᵀn + y_c², τ_c = tr(K_c P), one step is
/// <code>
/// n' = n − η Σ_c p_c [ m_c (m_cᵀn − y_c) + K_c n ]
/// P' = P − η Σ_c p_c [ m_c u_cᵀ + u_c m_cᵀ + K_c P + P K_c ]
///        + η² Σ_c p_c [ (ρ²_c + τ_c)(m_c m_cᵀ + K_c) + 2(m_c (K_c u_c)ᵀ + (K_c u_c) m_cᵀ) + 2 K_c P K_c ]
/// </code>
/// (Isserlis' theorem; no O(1/d) error). Implemented as P'_ij = P_ij[1 − η(λ̄_i + λ̄_j) + 2η² Σ_c p_c λ_i^{(c)}λ_j^{(c)}]
/// + Σ_c p_c (m_{c,i} a_{c,j} + a_{c,i} m_{c,j}) + δ_ij η² Σ_c p_c (ρ²_c + τ_c) λ_i^{(c)} with
/// a_c = −η u_c + 2η² K_c u_c + ½η²(ρ²_c + τ_c) m_c, on the upper triangle. From X_0 = 0: n = 0, P = 0.
/// Exact expectations: E[𝓡] = Σ_c p_c ½(ρ²_c + τ_c), E[⟨X, μ⟩] = μᵀn, E‖X‖² = tr P, E[M_c] = m_cᵀn,
/// E[X_i m_{c,i}] = m_{c,i} n_i, E[X_i²] = P_ii.
/// </summary>
/// <remarks>Cost O((3C + G)·d²) per step and d² doubles of memory, so O(T·d³) in total: meant for d ≤ ~500. Not thread-safe.</remarks>
public sealed class CwsMomentRecursion
{
    private readonly CwsMixture _mixture;
    private readonly CwsSchedule _schedule;
    private readonly double _noiseFactor;
    private readonly int _d;
    private readonly int _classes;
    private readonly int _groups;
    private readonly double[] _p;
    private readonly double[] _labels;
    private readonly double[] _groupWeight;
    private readonly double[] _n;
    private readonly double[] _matrix;
    private readonly double[][] _a;
    private readonly double[] _rhoTau;
    private readonly double[] _pm;
    private readonly double[] _scratch;
    private readonly double[][] _means;
    private readonly double[][] _classVariances;
    private readonly double[][] _groupVariances;

    /// <param name="mixture">The data model.</param>
    /// <param name="schedule">γ(t); step ℓ uses γ((ℓ − 1)/d)/d.</param>
    /// <param name="noiseFactor">Negative controls only (docs/theory/claims.md §0.7): multiplies every η² term of P' (1: the exact recursion).</param>
    public CwsMomentRecursion(CwsMixture mixture, CwsSchedule schedule, double noiseFactor = 1)
    {
        if (!(noiseFactor >= 0) || !double.IsFinite(noiseFactor)) throw new ArgumentException("the noise factor must be finite and ≥ 0", nameof(noiseFactor));
        _noiseFactor = noiseFactor;
        ArgumentNullException.ThrowIfNull(mixture);
        ArgumentNullException.ThrowIfNull(schedule);
        _mixture = mixture;
        _schedule = schedule;
        _d = mixture.Dimension;
        _classes = mixture.Classes;
        _groups = mixture.VarianceGroupCount;
        _p = mixture.Probabilities.ToArray();
        _labels = mixture.Labels.ToArray();
        _groupWeight = new double[_groups];
        for (int c = 0; c < _classes; c++) _groupWeight[mixture.VarianceGroup(c)] += _p[c];
        _n = new double[_d];
        _matrix = new double[(long)_d * _d];
        _a = Enumerable.Range(0, _classes).Select(_ => new double[_d]).ToArray();
        _rhoTau = new double[_classes];
        _pm = new double[_d];
        _scratch = new double[_d];
        _means = Enumerable.Range(0, _classes).Select(c => mixture.Mean(c).ToArray()).ToArray();
        _classVariances = Enumerable.Range(0, _classes).Select(c => mixture.Variances(c).ToArray()).ToArray();
        _groupVariances = Enumerable.Range(0, _groups).Select(g => mixture.GroupVariances(g).ToArray()).ToArray();
    }

    /// <summary>SGD steps done, ℓ.</summary>
    public long Step { get; private set; }

    /// <summary>t = ℓ/d.</summary>
    public double Time => Step / (double)_d;

    /// <summary>n = E[X].</summary>
    public ReadOnlySpan<double> Mean => _n;

    /// <summary>P = E[XXᵀ] (row-major d×d).</summary>
    public ReadOnlySpan<double> SecondMoment => _matrix;

    /// <summary>True while n and the diagonal of P are finite.</summary>
    public bool IsFinite
    {
        get
        {
            for (int i = 0; i < _d; i++)
                if (!double.IsFinite(_n[i]) || !double.IsFinite(_matrix[(long)i * _d + i])) return false;
            return true;
        }
    }

    /// <summary>Advances to step <paramref name="targetStep"/> (stops early, returning false, if the moments become non-finite).</summary>
    public bool AdvanceTo(long targetStep, CancellationToken cancellationToken = default)
    {
        if (targetStep < Step) throw new ArgumentException($"cannot go back from step {Step} to {targetStep}", nameof(targetStep));
        while (Step < targetStep)
        {
            if ((Step & 0xFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            StepOnce(_schedule.RateAtStep(Step + 1, _d) / _d);
            Step++;
            if ((Step & 0x3F) == 0 && !IsFinite) return false;
        }
        return IsFinite;
    }

    /// <summary>E[𝓡] = Σ_c p_c ½(ρ²_c + τ_c) at the current step.</summary>
    public double ExpectedRisk()
    {
        double risk = 0;
        for (int c = 0; c < _classes; c++)
        {
            var (rho2, tau) = ClassMoments(c, _pm);
            risk += _p[c] * 0.5 * (rho2 + tau);
        }
        return risk;
    }

    /// <summary>E[⟨X, μ⟩] = μᵀn.</summary>
    public double ExpectedOverlap() => Dot(_mixture.Signal, _n);

    /// <summary>E‖X‖² = tr P.</summary>
    public double ExpectedNorm2()
    {
        double trace = 0;
        for (int i = 0; i < _d; i++) trace += _matrix[(long)i * _d + i];
        return trace;
    }

    /// <summary>E[M_c] = m_cᵀn (0-based class).</summary>
    public double ExpectedClassMean(int c) => Dot(_mixture.Mean(c), _n);

    /// <summary>E[X_i²] = P_ii.</summary>
    public double[] ExpectedProjectedNorms()
    {
        var v = new double[_d];
        for (int i = 0; i < _d; i++) v[i] = _matrix[(long)i * _d + i];
        return v;
    }

    /// <summary>ρ²_c and τ_c of the current moments (writes P m_c into <paramref name="pm"/>).</summary>
    private (double Rho2, double Tau) ClassMoments(int c, double[] pm)
    {
        int d = _d;
        var m = _mixture.Mean(c);
        var lambda = _mixture.Variances(c);
        double y = _labels[c];
        MatrixVector(m, pm);
        double mPm = Dot(m, pm), mn = Dot(m, _n);
        double tau = 0;
        for (int i = 0; i < d; i++) tau += lambda[i] * _matrix[(long)i * d + i];
        return (mPm - 2 * y * mn + y * y, tau);
    }

    private void StepOnce(double eta)
    {
        int d = _d;
        double eta2 = eta * eta * _noiseFactor;
        var nNew = _scratch;
        Array.Clear(nNew);
        // Per class: a_c, ρ² + τ, and the n update (all from the old n, P).
        for (int c = 0; c < _classes; c++)
        {
            var m = _mixture.Mean(c);
            var lambda = _mixture.Variances(c);
            double y = _labels[c];
            var (rho2, tau) = ClassMoments(c, _pm);
            _rhoTau[c] = rho2 + tau;
            double mn = Dot(m, _n);
            var a = _a[c];
            double half = 0.5 * eta2 * _rhoTau[c];
            for (int i = 0; i < d; i++)
            {
                double u = _pm[i] - y * _n[i];
                a[i] = -eta * u + 2 * eta2 * lambda[i] * u + half * m[i];
                nNew[i] += _p[c] * (m[i] * (mn - y) + lambda[i] * _n[i]);
            }
        }
        var average = _mixture.AverageVariance;
        for (int i = 0; i < d; i++)
        {
            long row = (long)i * d;
            double li = average[i];
            for (int j = i; j < d; j++)
            {
                double quadratic = 0;
                for (int g = 0; g < _groups; g++)
                {
                    var lg = _groupVariances[g];
                    quadratic += _groupWeight[g] * lg[i] * lg[j];
                }
                double value = _matrix[row + j] * (1 - eta * (li + average[j]) + 2 * eta2 * quadratic);
                for (int c = 0; c < _classes; c++)
                {
                    var m = _means[c];
                    var a = _a[c];
                    value += _p[c] * (m[i] * a[j] + a[i] * m[j]);
                }
                if (j == i)
                    for (int c = 0; c < _classes; c++) value += eta2 * _p[c] * _rhoTau[c] * _classVariances[c][i];
                _matrix[row + j] = value;
                _matrix[(long)j * d + i] = value;
            }
        }
        for (int i = 0; i < d; i++) _n[i] -= eta * nNew[i];
    }

    private void MatrixVector(ReadOnlySpan<double> x, double[] result)
    {
        int d = _d;
        for (int i = 0; i < d; i++)
        {
            var row = new ReadOnlySpan<double>(_matrix, (int)((long)i * d), d);
            result[i] = Dot(row, x);
        }
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }
}
