using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.LinearAlgebra;

namespace TheoryCheck.Theory.Xor;

/// <summary>
/// Coordinates of the xor state in the low-rank subspace S = span(μ, ν, W_1⊥..W_K⊥) (xor.md §9.1), used by identity
/// (2.1) of kgmm.md §9.1: basis [μ, ν, w_1..w_K] with W_i⊥ = Σ_l F_il w_l, F = (R⊥)^{1/2} (symmetric root; directions
/// of a rank-deficient R⊥ are then harmless extra coordinates), q = K + 2. In this basis
/// <list type="bullet">
/// <item>W_i has coordinates X̃_{·i} = (m^μ_i, m^ν_i, F_{i·}) (X̃ is q×K, X̃ᵀX̃ = Q);</item>
/// <item>a sample of cluster ϑ has coordinates v = ē_ϑ + n/√λ, ē_ϑ = (a_ϑ, b_ϑ, 0, …), n ~ N(0, I_q);</item>
/// <item>given the reduced noise z of <see cref="XorReducedNoise"/> (X̃ᵀn = Q^{1/2}z), E[n | z] = U z with
/// U = X̃P (P = (Q^{1/2})⁺, UᵀU = projector on range Q) and the rest of n is independent with covariance I − UUᵀ.</item>
/// </list>
/// So E[h(z) v vᵀ | ϑ] = E[h (ē_ϑ + Uz/√λ)(ē_ϑ + Uz/√λ)ᵀ] + E[h](I − UUᵀ)/λ exactly (docs/theory/xor.md §9.1).
/// </summary>
public sealed class XorSubspaceCoordinates
{
    private readonly double[] _coordinates; // q × K
    private readonly double[] _basis;       // U, q × K
    private readonly double[] _residual;    // (I − UUᵀ)/λ, q × q

    /// <summary>The coordinates of <paramref name="statistics"/> at SNR λ.</summary>
    public XorSubspaceCoordinates(XorStatistics statistics, double lambda)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        int k = statistics.Width, q = k + 2;
        Width = k;
        Dimension = q;
        Lambda = lambda;
        var noise = XorReducedNoise.At(statistics, lambda);
        var root = new double[k * k];
        SymmetricSquareRoot.Compute(statistics.Rperp, k, root, new double[SymmetricSquareRoot.WorkLength(k)]);
        _coordinates = new double[q * k];
        for (int i = 0; i < k; i++)
        {
            _coordinates[0 * k + i] = statistics.Mmu[i];
            _coordinates[1 * k + i] = statistics.Mnu[i];
            for (int l = 0; l < k; l++) _coordinates[(2 + l) * k + i] = root[i * k + l];
        }
        var pinv = noise.PseudoInverseRoot;
        _basis = new double[q * k];
        for (int a = 0; a < q; a++)
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int i = 0; i < k; i++) s += _coordinates[a * k + i] * pinv[i * k + j];
                _basis[a * k + j] = s;
            }
        _residual = new double[q * q];
        for (int a = 0; a < q; a++)
            for (int b = 0; b < q; b++)
            {
                double s = a == b ? 1 : 0;
                for (int j = 0; j < k; j++) s -= _basis[a * k + j] * _basis[b * k + j];
                _residual[a * q + b] = s / lambda;
            }
        Noise = noise;
    }

    /// <summary>Width K.</summary>
    public int Width { get; }

    /// <summary>q = K + 2.</summary>
    public int Dimension { get; }

    /// <summary>SNR λ.</summary>
    public double Lambda { get; }

    /// <summary>The reduced noise of the state (L, P, coefficients).</summary>
    public XorReducedNoise Noise { get; }

    /// <summary>X̃, q×K row-major: column i holds the coordinates of W_i.</summary>
    public ReadOnlySpan<double> Coordinates => _coordinates;

    /// <summary>U = X̃P, q×K row-major: E[n | z] = U z.</summary>
    public ReadOnlySpan<double> ConditionalBasis => _basis;

    /// <summary>Σ_res = (I − UUᵀ)/λ, q×q row-major: covariance of the sample coordinates given (ϑ, z).</summary>
    public ReadOnlySpan<double> ResidualCovariance => _residual;

    /// <summary>The coordinates X̃_{·i} of W_i (a new q-vector).</summary>
    public double[] Weight(int neuron)
    {
        if ((uint)neuron >= (uint)Width) throw new ArgumentOutOfRangeException(nameof(neuron));
        var x = new double[Dimension];
        for (int a = 0; a < Dimension; a++) x[a] = _coordinates[a * Width + neuron];
        return x;
    }

    /// <summary>Writes the conditional mean c = ē_ϑ + U z/√λ of the sample coordinates (length q).</summary>
    public void ConditionalMean(int cluster, ReadOnlySpan<double> z, Span<double> destination)
    {
        int k = Width;
        double scale = 1 / Math.Sqrt(Lambda);
        for (int a = 0; a < Dimension; a++)
        {
            double s = 0;
            for (int j = 0; j < k; j++) s += _basis[a * k + j] * z[j];
            destination[a] = s * scale;
        }
        destination[0] += XorClusters.MuCoordinate(cluster);
        destination[1] += XorClusters.NuCoordinate(cluster);
    }
}
