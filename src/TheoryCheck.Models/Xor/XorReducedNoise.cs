using TheoryCheck.Numerics.LinearAlgebra;

namespace TheoryCheck.Models.Xor;

/// <summary>
/// The exact K-dimensional reduction of the xor noise (xor.md §5.1, docs/theory/xor.md §5.1) [derived]: given cluster
/// ϑ, the pre-activations are u = a_ϑ m^μ + b_ϑ m^ν + L z with z ~ N(0, I_K) and L = Q^{1/2}/√λ
/// (Q = m^μ m^μᵀ + m^ν m^νᵀ + R⊥, symmetric square root), and the data coordinates that enter the expectations have the
/// conditional means
/// <code>
///   E[μ·X | z] = a_ϑ + c_μ·z,   E[ν·X | z] = b_ϑ + c_ν·z,   E[W_j⊥·X | z] = (C⊥ z)_j,
///   c_μ = P m^μ/√λ,  c_ν = P m^ν/√λ,  C⊥ = R⊥ P/√λ,  P = (Q^{1/2})⁺ (pseudo-inverse root),
/// </code>
/// the rest of each coordinate being independent of u. Hence every expectation E[ℓ(coordinates)·f(u)] with ℓ linear
/// reduces from the K + 2 dimensions of xor.md §5.1 to K, exactly. Q^{1/2} and P are matrix functions of Q (independent
/// of the eigenvector choice), so the map state ↦ (L, c) is continuous, also through repeated eigenvalues.
/// </summary>
/// <remarks>
/// Mutable scratch object for hot loops: <see cref="Update"/> recomputes everything from (m^μ, m^ν, R⊥) without
/// allocating. Eigenvalues of Q below 1e-13·max(λ_max(Q), 1e-300) are treated as 0 in P (the corresponding
/// coefficients are bounded by 1 in the eigenbasis because Q ⪰ m^μ m^μᵀ, so the cut-off is harmless). Not thread-safe.
/// </remarks>
public sealed class XorReducedNoise
{
    /// <summary>Relative eigenvalue threshold of the pseudo-inverse root.</summary>
    public const double RankTolerance = 1e-13;

    private readonly int _k;
    private readonly double _invSqrtLambda;
    private readonly double[] _q;
    private readonly double[] _values;
    private readonly double[] _vectors;
    private readonly double[] _work;
    private readonly double[] _factor;
    private readonly double[] _pinv;
    private readonly double[] _cmu;
    private readonly double[] _cnu;
    private readonly double[] _cperp;
    private readonly double[] _mmu;
    private readonly double[] _mnu;

    /// <summary>A reduction for width K and SNR λ (call <see cref="Update"/> before use).</summary>
    public XorReducedNoise(int width, double lambda)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), "width must be ≥ 1");
        if (!(lambda > 0) || !double.IsFinite(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), "λ must be a finite number > 0");
        _k = width;
        Lambda = lambda;
        _invSqrtLambda = 1 / Math.Sqrt(lambda);
        int kk = width * width;
        _q = new double[kk];
        _values = new double[width];
        _vectors = new double[kk];
        _work = new double[kk];
        _factor = new double[kk];
        _pinv = new double[kk];
        _cmu = new double[width];
        _cnu = new double[width];
        _cperp = new double[kk];
        _mmu = new double[width];
        _mnu = new double[width];
    }

    /// <summary>The reduction at <paramref name="statistics"/> (a new object).</summary>
    public static XorReducedNoise At(XorStatistics statistics, double lambda)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var reduction = new XorReducedNoise(statistics.Width, lambda);
        reduction.Update(statistics.Mmu, statistics.Mnu, statistics.Rperp);
        return reduction;
    }

    /// <summary>Width K (dimension of z).</summary>
    public int Width => _k;

    /// <summary>SNR λ.</summary>
    public double Lambda { get; }

    /// <summary>L = Q^{1/2}/√λ, K×K row-major (symmetric): u = a_ϑ m^μ + b_ϑ m^ν + L z.</summary>
    public ReadOnlySpan<double> Factor => _factor;

    /// <summary>c_μ = P m^μ/√λ: E[μ·X | z] = a_ϑ + c_μ·z.</summary>
    public ReadOnlySpan<double> MuCoefficients => _cmu;

    /// <summary>c_ν = P m^ν/√λ: E[ν·X | z] = b_ϑ + c_ν·z.</summary>
    public ReadOnlySpan<double> NuCoefficients => _cnu;

    /// <summary>C⊥ = R⊥P/√λ, K×K row-major: E[W_j⊥·X | z] = Σ_l C⊥[j,l] z_l.</summary>
    public ReadOnlySpan<double> PerpCoefficients => _cperp;

    /// <summary>P = (Q^{1/2})⁺, K×K row-major (symmetric).</summary>
    public ReadOnlySpan<double> PseudoInverseRoot => _pinv;

    /// <summary>Eigenvalues of Q, descending.</summary>
    public ReadOnlySpan<double> GramEigenvalues => _values;

    /// <summary>Numerical rank of Q (eigenvalues above the relative threshold <see cref="RankTolerance"/>).</summary>
    public int Rank { get; private set; }

    /// <summary>m^μ of the last update.</summary>
    public ReadOnlySpan<double> Mmu => _mmu;

    /// <summary>m^ν of the last update.</summary>
    public ReadOnlySpan<double> Mnu => _mnu;

    /// <summary>Recomputes Q, L, P and the coefficients from m^μ, m^ν (length K) and R⊥ (K×K row-major). No allocation.</summary>
    public void Update(ReadOnlySpan<double> mmu, ReadOnlySpan<double> mnu, ReadOnlySpan<double> rperp)
    {
        int k = _k;
        if (mmu.Length != k || mnu.Length != k || rperp.Length != k * k) throw new ArgumentException($"m^μ, m^ν need K = {k} entries and R⊥ K²");
        mmu.CopyTo(_mmu);
        mnu.CopyTo(_mnu);
        XorStatistics.Gram(mmu, mnu, rperp, _q);
        SymmetricJacobiEigen.Decompose(_q, k, _values, _vectors, _work);
        double threshold = RankTolerance * Math.Max(_values[0], 1e-300);
        int rank = 0;
        // L = V diag(√λ_l) Vᵀ/√λ and P = V diag(1/√λ_l, λ_l > threshold) Vᵀ.
        for (int l = 0; l < k; l++)
        {
            double value = _values[l];
            if (value > threshold) rank++;
        }
        Rank = rank;
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++)
            {
                double root = 0, inverse = 0;
                for (int l = 0; l < k; l++)
                {
                    double value = _values[l];
                    double product = _vectors[i * k + l] * _vectors[j * k + l];
                    root += product * Math.Sqrt(Math.Max(value, 0));
                    if (value > threshold) inverse += product / Math.Sqrt(value);
                }
                _factor[i * k + j] = _factor[j * k + i] = root * _invSqrtLambda;
                _pinv[i * k + j] = _pinv[j * k + i] = inverse;
            }
        for (int i = 0; i < k; i++)
        {
            double a = 0, b = 0;
            for (int l = 0; l < k; l++)
            {
                a += _pinv[i * k + l] * mmu[l];
                b += _pinv[i * k + l] * mnu[l];
            }
            _cmu[i] = a * _invSqrtLambda;
            _cnu[i] = b * _invSqrtLambda;
        }
        for (int j = 0; j < k; j++)
            for (int l = 0; l < k; l++)
            {
                double s = 0;
                for (int m = 0; m < k; m++) s += 0.5 * (rperp[j * k + m] + rperp[m * k + j]) * _pinv[m * k + l];
                _cperp[j * k + l] = s * _invSqrtLambda;
            }
    }

    /// <summary>Pre-activations u = a_ϑ m^μ + b_ϑ m^ν + L z of cluster ϑ at the reduced noise z (length K each).</summary>
    public void Preactivations(int cluster, ReadOnlySpan<double> z, Span<double> u)
    {
        int k = _k;
        if (z.Length != k || u.Length != k) throw new ArgumentException($"z and u need K = {k} entries");
        double a = XorClusters.MuCoordinate(cluster), b = XorClusters.NuCoordinate(cluster);
        for (int i = 0; i < k; i++)
        {
            double s = a * _mmu[i] + b * _mnu[i];
            for (int l = 0; l < k; l++) s += _factor[i * k + l] * z[l];
            u[i] = s;
        }
    }
}
