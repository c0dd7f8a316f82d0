using System.Globalization;
using System.Runtime.CompilerServices;
using TheoryCheck.Models;
using TheoryCheck.Models.Cws;

namespace TheoryCheck.Simulation.Cws;

/// <summary>
/// The fixed part of the moving frame of the cws subspace engine (docs/theory/subspace.md §11.1), built once per mixture:
/// the mixture must have one variance array shared by every class with entries 0 or 1 (the isotropic and zero-one
/// families), which splits ℝ^d into the clean block Z = {i : λ_i = 0} (d_Z modes) and the noisy block
/// N = {i : λ_i = 1} (d_N modes). With s = P_𝒞 μ (the clean-set part of the signal direction, cws.md §4):
/// <list type="bullet">
/// <item>clean basis e^Z_1..e^Z_{k_Z}: orthonormal basis of span(P_Z m_1, …, P_Z m_C);</item>
/// <item>noisy basis e^N_1..e^N_{k_N}: orthonormal basis of span(P_N m_1, …, P_N m_C, P_N s);</item>
/// <item>one moving direction w ∈ N orthogonal to the noisy basis when d_N &gt; k_N (none otherwise).</item>
/// </list>
/// Only inner products are kept (the vectors are dropped after construction): A^Z_{ck} = ⟨e^Z_k, m_c⟩,
/// A^N_{ck} = ⟨e^N_k, m_c⟩, and the read-outs ⟨e_k, μ⟩, ⟨e_k, s⟩ of the overlap and the clean overlap. Bases by
/// modified Gram–Schmidt with a second pass; a generator whose residual is ≤ 10⁻¹⁰ of its norm adds no vector (the rule
/// of <see cref="CwsMixture"/>'s mean basis: a rank decision on the fixed data, never on the state).
/// </summary>
/// <remarks>Immutable and thread-safe; <see cref="For"/> caches one geometry per mixture object.</remarks>
public sealed class CwsSubspaceGeometry
{
    private static readonly ConditionalWeakTable<CwsMixture, CwsSubspaceGeometry> Cache = new();

    private readonly double[] _cleanMeans;
    private readonly double[] _noisyMeans;
    private readonly double[] _signalClean;
    private readonly double[] _signalNoisy;
    private readonly double[] _cleanSetClean;
    private readonly double[] _cleanSetNoisy;

    private CwsSubspaceGeometry(CwsMixture mixture, bool keepBasis)
    {
        int d = mixture.Dimension, classes = mixture.Classes;
        var lambda = mixture.GroupVariances(0);
        var clean = new List<int>();
        var noisy = new List<int>();
        for (int i = 0; i < d; i++) (lambda[i] == 0 ? clean : noisy).Add(i);
        Dimension = d;
        Classes = classes;
        CleanModes = clean.Count;
        NoisyModes = noisy.Count;
        var signal = mixture.Signal;
        var cleanSet = new double[d];
        foreach (int i in mixture.CleanModes) cleanSet[i] = signal[i];

        var cleanBasis = Basis(clean, Enumerable.Range(0, classes).Select(c => Gather(mixture.Mean(c), clean)));
        var noisyBasis = Basis(noisy, Enumerable.Range(0, classes).Select(c => Gather(mixture.Mean(c), noisy))
            .Append(Gather(cleanSet, noisy)));
        if (keepBasis)
        {
            CleanBasisVectors = cleanBasis.Select(e => Scatter(e, clean, d)).ToArray();
            NoisyBasisVectors = noisyBasis.Select(e => Scatter(e, noisy, d)).ToArray();
        }
        CleanRank = cleanBasis.Count;
        NoisyRank = noisyBasis.Count;
        HasMovingDirection = NoisyModes > NoisyRank;
        _cleanMeans = new double[classes * CleanRank];
        _noisyMeans = new double[classes * NoisyRank];
        for (int c = 0; c < classes; c++)
        {
            var zc = Gather(mixture.Mean(c), clean);
            var nc = Gather(mixture.Mean(c), noisy);
            for (int k = 0; k < CleanRank; k++) _cleanMeans[c * CleanRank + k] = Dot(cleanBasis[k], zc);
            for (int k = 0; k < NoisyRank; k++) _noisyMeans[c * NoisyRank + k] = Dot(noisyBasis[k], nc);
        }
        var signalZ = Gather(signal, clean);
        var signalN = Gather(signal, noisy);
        var cleanSetZ = Gather(cleanSet, clean);
        var cleanSetN = Gather(cleanSet, noisy);
        _signalClean = cleanBasis.Select(e => Dot(e, signalZ)).ToArray();
        _signalNoisy = noisyBasis.Select(e => Dot(e, signalN)).ToArray();
        _cleanSetClean = cleanBasis.Select(e => Dot(e, cleanSetZ)).ToArray();
        _cleanSetNoisy = noisyBasis.Select(e => Dot(e, cleanSetN)).ToArray();
    }

    /// <summary>
    /// Why the subspace engine cannot run this mixture exactly (one line), or null when it can: every class must share
    /// one variance array with entries 0 or 1 (subspace.md §11.7).
    /// </summary>
    public static string? Refusal(CwsMixture mixture)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        if (mixture.VarianceGroupCount != 1)
            return string.Create(CultureInfo.InvariantCulture,
                $"engine 'subspace' of cws needs one covariance shared by every class with variances 0 or 1 (isotropic, zero-one); this mixture has {mixture.VarianceGroupCount} different spectra: use --engine full (docs/theory/subspace.md §11.7)");
        foreach (double x in mixture.GroupVariances(0))
            if (x != 0 && x != 1)
                return string.Create(CultureInfo.InvariantCulture,
                    $"engine 'subspace' of cws needs variances 0 or 1 (isotropic, zero-one); this mixture has a mode of variance {x:G6}: use --engine full (docs/theory/subspace.md §11.7)");
        return null;
    }

    /// <summary>
    /// Why the subspace engine refuses these parameters (one line, before any work), or null when it accepts them:
    /// <c>cov = power-law</c> is refused (every mode has its own variance; no frame of fixed size is exact).
    /// </summary>
    public static string? Refusal(CwsParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Covariance == CwsCovariance.PowerLaw ? PowerLawRefusal : null;
    }

    /// <summary>The one-line refusal of <c>cov = power-law</c>.</summary>
    public const string PowerLawRefusal =
        "engine 'subspace' of cws does not apply to cov = power-law (every mode has its own variance, so no frame of fixed size carries the noise exactly): use --engine full (docs/theory/subspace.md §11.7)";

    /// <summary>The geometry of <paramref name="mixture"/>, built once per mixture object and cached.</summary>
    /// <exception cref="InputException">The mixture is not isotropic or zero-one (<see cref="Refusal(CwsMixture)"/>).</exception>
    public static CwsSubspaceGeometry For(CwsMixture mixture)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        if (Refusal(mixture) is string reason) throw new InputException(reason);
        return Cache.GetValue(mixture, m => new CwsSubspaceGeometry(m, keepBasis: false));
    }

    /// <summary>
    /// A geometry that keeps its basis vectors in ℝ^d (<see cref="CleanBasisVectors"/>, <see cref="NoisyBasisVectors"/>),
    /// built by the same arithmetic as <see cref="For"/> (so its numbers are identical); for the pathwise coupling tests.
    /// </summary>
    internal static CwsSubspaceGeometry WithBasis(CwsMixture mixture)
    {
        if (Refusal(mixture) is string reason) throw new InputException(reason);
        return new CwsSubspaceGeometry(mixture, keepBasis: true);
    }

    /// <summary>e^Z_1..e^Z_{k_Z} in ℝ^d (only from <see cref="WithBasis"/>; null otherwise).</summary>
    internal double[][]? CleanBasisVectors { get; }

    /// <summary>e^N_1..e^N_{k_N} in ℝ^d (only from <see cref="WithBasis"/>; null otherwise).</summary>
    internal double[][]? NoisyBasisVectors { get; }

    /// <summary>d.</summary>
    public int Dimension { get; }

    /// <summary>C.</summary>
    public int Classes { get; }

    /// <summary>d_Z: modes of variance 0.</summary>
    public int CleanModes { get; }

    /// <summary>d_N: modes of variance 1.</summary>
    public int NoisyModes { get; }

    /// <summary>k_Z = dim span(P_Z m_c).</summary>
    public int CleanRank { get; }

    /// <summary>k_N = dim span(P_N m_c, P_N s).</summary>
    public int NoisyRank { get; }

    /// <summary>True when d_N &gt; k_N: the frame has a moving direction w in the noisy block.</summary>
    public bool HasMovingDirection { get; }

    /// <summary>n_N = k_N + 1 (or k_N without a moving direction): the noise coordinates drawn per step.</summary>
    public int NoiseDimension => NoisyRank + (HasMovingDirection ? 1 : 0);

    /// <summary>Frame dimension k_Z + n_N.</summary>
    public int FrameDimension => CleanRank + NoiseDimension;

    /// <summary>Degrees of freedom of the residual χ²: d_N − n_N.</summary>
    public int ResidualDegreesOfFreedom => NoisyModes - NoiseDimension;

    /// <summary>A^Z_{ck} = ⟨e^Z_k, m_c⟩, row-major C×k_Z.</summary>
    public ReadOnlySpan<double> CleanMeans => _cleanMeans;

    /// <summary>A^N_{ck} = ⟨e^N_k, m_c⟩, row-major C×k_N.</summary>
    public ReadOnlySpan<double> NoisyMeans => _noisyMeans;

    /// <summary>⟨e^Z_k, μ⟩.</summary>
    public ReadOnlySpan<double> SignalClean => _signalClean;

    /// <summary>⟨e^N_k, μ⟩.</summary>
    public ReadOnlySpan<double> SignalNoisy => _signalNoisy;

    /// <summary>⟨e^Z_k, s⟩, s = P_𝒞 μ.</summary>
    public ReadOnlySpan<double> CleanSetClean => _cleanSetClean;

    /// <summary>⟨e^N_k, s⟩, s = P_𝒞 μ.</summary>
    public ReadOnlySpan<double> CleanSetNoisy => _cleanSetNoisy;

    private static double[] Gather(ReadOnlySpan<double> vector, List<int> indices)
    {
        var result = new double[indices.Count];
        for (int j = 0; j < result.Length; j++) result[j] = vector[indices[j]];
        return result;
    }

    private static double[] Scatter(double[] values, List<int> indices, int d)
    {
        var result = new double[d];
        for (int j = 0; j < values.Length; j++) result[indices[j]] = values[j];
        return result;
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s = Math.FusedMultiplyAdd(x[i], y[i], s);
        return s;
    }

    /// <summary>Modified Gram–Schmidt, two passes; a generator with residual ≤ 10⁻¹⁰ of its norm adds no vector.</summary>
    private static List<double[]> Basis(List<int> block, IEnumerable<double[]> generators)
    {
        var basis = new List<double[]>();
        if (block.Count == 0) return basis;
        foreach (var generator in generators)
        {
            double norm0 = Math.Sqrt(Dot(generator, generator));
            if (!(norm0 > 0)) continue;
            var v = (double[])generator.Clone();
            for (int pass = 0; pass < 2; pass++)
                foreach (var u in basis)
                {
                    double projection = Dot(u, v);
                    for (int i = 0; i < v.Length; i++) v[i] = Math.FusedMultiplyAdd(-projection, u[i], v[i]);
                }
            double norm = Math.Sqrt(Dot(v, v));
            if (!(norm > 1e-10 * norm0)) continue;
            for (int i = 0; i < v.Length; i++) v[i] /= norm;
            basis.Add(v);
        }
        return basis;
    }
}
