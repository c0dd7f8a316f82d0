using System.Globalization;
using System.Numerics.Tensors;
using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Models.Cws;

/// <summary>
/// The data model of <c>cws</c> in the common eigenbasis of the class covariances (cws.md §1; docs/theory/cws.md
/// §1.1): C classes with probabilities p_c and labels y_c; class c draws a = m_c + K_c^{1/2} z, z ~ N(0, I_d), with
/// K_c = diag(λ^{(c)}) and mean m_c. Derived once and shared (immutable, thread-safe) by the theory and the simulation:
/// the average variance λ̄_i = Σ_c p_c λ_i^{(c)}; the signal direction μ = Σ_c p_c (y_c − ȳ) m_c / Σ_c p_c |y_c − ȳ|
/// (exactly μ for two classes ±μ, whatever p); the clean set 𝒞 (the ⌈0.1·d⌉ modes of smallest λ̄, ties by index,
/// cws.md §4); and an orthonormal basis u_1..u_K (K = rank of the means) with m_c = Σ_k S_{ck} u_k, which the theory
/// uses so that its state stays 2d for any C (docs/theory/cws.md §3.1).
/// </summary>
public sealed class CwsMixture
{
    private readonly double[] _p;
    private readonly double[] _labels;
    private readonly double[][] _variances;
    private readonly double[] _averageVariance;
    private readonly double[][] _means;
    private readonly double[][] _basis;
    private readonly double[] _coefficients;
    private readonly double[] _signalWeights;
    private readonly double[] _signal;
    private readonly int[] _cleanModes;
    private readonly bool[] _cleanMask;
    private readonly double[] _traces;
    private readonly int[] _groupOfClass;
    private readonly double[][] _groups;

    /// <summary>
    /// A mixture with given spectra and means (any commuting covariances). Arrays are copied, except that one
    /// array passed for several classes stays shared (class-independent variances are then detected by reference).
    /// </summary>
    /// <param name="probabilities">p_c: length C ≥ 2, positive, sum 1 within 1e-9 (renormalised).</param>
    /// <param name="labels">y_c: length C, finite, not all equal.</param>
    /// <param name="variances">λ^{(c)}: C arrays of length d ≥ 1, finite and ≥ 0.</param>
    /// <param name="means">m_c: C arrays of length d, finite.</param>
    /// <param name="meanSource">How the means were made, recorded in diagnostics.</param>
    /// <exception cref="ArgumentException">Inconsistent lengths or values out of range.</exception>
    public CwsMixture(IReadOnlyList<double> probabilities, IReadOnlyList<double> labels, IReadOnlyList<double[]> variances,
        IReadOnlyList<double[]> means, string meanSource = "given")
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(variances);
        ArgumentNullException.ThrowIfNull(means);
        int classes = probabilities.Count;
        if (classes < 2) throw new ArgumentException("a mixture needs C ≥ 2 classes", nameof(probabilities));
        if (labels.Count != classes || variances.Count != classes || means.Count != classes)
            throw new ArgumentException("probabilities, labels, variances and means must all have C entries");
        int d = variances[0]?.Length ?? 0;
        if (d < 1) throw new ArgumentException("the dimension must be ≥ 1", nameof(variances));
        _p = new double[classes];
        double sum = 0;
        for (int c = 0; c < classes; c++)
        {
            if (!double.IsFinite(probabilities[c]) || probabilities[c] <= 0) throw new ArgumentException($"p_{c + 1} must be finite and > 0", nameof(probabilities));
            sum += probabilities[c];
        }
        if (Math.Abs(sum - 1) > 1e-9) throw new ArgumentException($"the probabilities must sum to 1 (sum {sum})", nameof(probabilities));
        for (int c = 0; c < classes; c++) _p[c] = probabilities[c] / sum;
        _labels = labels.ToArray();
        if (_labels.Any(y => !double.IsFinite(y))) throw new ArgumentException("labels must be finite", nameof(labels));
        if (_labels.All(y => y == _labels[0])) throw new ArgumentException("labels must not all be equal", nameof(labels));

        _variances = new double[classes][];
        _groupOfClass = new int[classes];
        var groups = new List<double[]>();
        var copies = new Dictionary<double[], double[]>(ReferenceEqualityComparer.Instance);
        for (int c = 0; c < classes; c++)
        {
            var source = variances[c] ?? throw new ArgumentException($"variances of class {c + 1} are null", nameof(variances));
            if (source.Length != d) throw new ArgumentException($"variances of class {c + 1} have length {source.Length}, not d = {d}", nameof(variances));
            if (!copies.TryGetValue(source, out var copy))
            {
                foreach (double x in source)
                    if (!double.IsFinite(x) || x < 0) throw new ArgumentException($"variances of class {c + 1} must be finite and ≥ 0", nameof(variances));
                copy = (double[])source.Clone();
                copies.Add(source, copy);
                groups.Add(copy);
            }
            _variances[c] = copy;
            _groupOfClass[c] = groups.IndexOf(copy);
        }
        _groups = groups.ToArray();
        HasSharedVariances = _groups.Length == 1;
        _means = new double[classes][];
        for (int c = 0; c < classes; c++)
        {
            var m = means[c] ?? throw new ArgumentException($"mean of class {c + 1} is null", nameof(means));
            if (m.Length != d) throw new ArgumentException($"mean of class {c + 1} has length {m.Length}, not d = {d}", nameof(means));
            foreach (double x in m)
                if (!double.IsFinite(x)) throw new ArgumentException($"mean of class {c + 1} must be finite", nameof(means));
            _means[c] = (double[])m.Clone();
        }
        Dimension = d;
        Classes = classes;
        MeanSource = meanSource;

        _averageVariance = new double[d];
        _traces = new double[classes];
        for (int c = 0; c < classes; c++)
        {
            var lambda = _variances[c];
            double trace = 0;
            for (int i = 0; i < d; i++)
            {
                _averageVariance[i] += _p[c] * lambda[i];
                trace += lambda[i];
            }
            _traces[c] = trace;
        }

        (_basis, _coefficients) = OrthonormalBasis(_means, d);
        int basisCount = _basis.Length;

        double meanLabel = 0;
        for (int c = 0; c < classes; c++) meanLabel += _p[c] * _labels[c];
        double norm = 0;
        for (int c = 0; c < classes; c++) norm += _p[c] * Math.Abs(_labels[c] - meanLabel);
        _signal = new double[d];
        _signalWeights = new double[basisCount];
        for (int c = 0; c < classes; c++)
        {
            double w = _p[c] * (_labels[c] - meanLabel) / norm;
            var m = _means[c];
            for (int i = 0; i < d; i++) _signal[i] += w * m[i];
            for (int k = 0; k < basisCount; k++) _signalWeights[k] += w * _coefficients[c * basisCount + k];
        }
        SignalNorm2 = Dot(_signal, _signal);

        int cleanCount = (int)Math.Ceiling(0.1 * d - 1e-9);
        var order = Enumerable.Range(0, d).ToArray();
        Array.Sort(order, (a, b) => _averageVariance[a] != _averageVariance[b] ? _averageVariance[a].CompareTo(_averageVariance[b]) : a.CompareTo(b));
        _cleanModes = order.Take(cleanCount).OrderBy(i => i).ToArray();
        _cleanMask = new bool[d];
        foreach (int i in _cleanModes) _cleanMask[i] = true;
        CleanIsPrefix = cleanCount == 0 || _cleanModes[^1] == cleanCount - 1;
        double cleanSignal = 0;
        foreach (int i in _cleanModes) cleanSignal += _signal[i] * _signal[i];
        CleanSignalShare = SignalNorm2 > 0 ? cleanSignal / SignalNorm2 : 0;
    }

    /// <summary>The mixture of <paramref name="parameters"/> (cws.md §1; docs/theory/cws.md §1.1).</summary>
    public static CwsMixture FromParameters(CwsParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int d = parameters.Dimension, classes = parameters.Classes;
        var variances = new double[classes][];
        switch (parameters.Covariance)
        {
            case CwsCovariance.ZeroOne:
                {
                    var lambda = new double[d];
                    for (int i = parameters.CleanModeCount; i < d; i++) lambda[i] = 1;
                    Array.Fill(variances, lambda);
                    break;
                }
            case CwsCovariance.PowerLaw:
                {
                    var alphas = parameters.ClassAlphas;
                    var byExponent = new Dictionary<double, double[]>();
                    for (int c = 0; c < classes; c++)
                    {
                        if (!byExponent.TryGetValue(alphas[c], out var lambda))
                        {
                            lambda = new double[d];
                            for (int i = 0; i < d; i++) lambda[i] = Math.Pow((i + 1) / (double)d, alphas[c]);
                            byExponent.Add(alphas[c], lambda);
                        }
                        variances[c] = lambda;
                    }
                    break;
                }
            default:
                {
                    var lambda = new double[d];
                    Array.Fill(lambda, 1.0);
                    Array.Fill(variances, lambda);
                    break;
                }
        }

        var means = new double[classes][];
        string source;
        if (parameters.HasExplicitMeans)
        {
            var given = parameters.ExplicitMeans;
            for (int c = 0; c < classes; c++) means[c] = given.Slice(c * d, d).ToArray();
            source = "given (parameter 'means')";
        }
        else
        {
            var profile = Profile(parameters);
            if (classes == 2)
            {
                means[0] = profile;
                means[1] = profile.Select(x => -x).ToArray();
                source = "±μ (class 1: +μ, class 2: −μ)";
            }
            else
            {
                var key = MeanSignsKey(parameters.ProblemSeed, d, classes);
                var words = new ulong[Math.Min(4096, d)];
                for (int c = 0; c < classes; c++)
                {
                    var m = new double[d];
                    for (int start = 0; start < d; start += words.Length)
                    {
                        int n = Math.Min(words.Length, d - start);
                        RandomStream.FillUInt64(key, (ulong)c * (ulong)d + (ulong)start, words.AsSpan(0, n));
                        for (int j = 0; j < n; j++) m[start + j] = (words[j] >> 63) == 0 ? profile[start + j] : -profile[start + j];
                    }
                    means[c] = m;
                }
                source = string.Create(CultureInfo.InvariantCulture,
                    $"m_(c,i) = ξ_(c,i)·μ_i, ξ = ±1 from the top bit of raw word c·d + i of stream cws.means keyed by (problem_seed = {parameters.ProblemSeed}, d, C)");
            }
        }
        return new CwsMixture(parameters.Probabilities.ToArray(), parameters.Labels.ToArray(), variances, means, source);
    }

    /// <summary>
    /// The mean profile μ of parameters.md: isotropic μ_i = ‖μ‖/√d; zero-one flat on its support (clean, noisy or both)
    /// with norm ‖μ‖; power law μ_i = d^{−1/2}(i/d)^{β_μ} (i = 1..d).
    /// </summary>
    public static double[] Profile(CwsParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int d = parameters.Dimension;
        var mu = new double[d];
        switch (parameters.Covariance)
        {
            case CwsCovariance.ZeroOne:
                {
                    int clean = parameters.CleanModeCount;
                    var (from, to) = parameters.MeanOn switch
                    {
                        CwsMeanSupport.Clean => (0, clean),
                        CwsMeanSupport.Noisy => (clean, d),
                        _ => (0, d),
                    };
                    double value = parameters.MeanNorm / Math.Sqrt(to - from);
                    for (int i = from; i < to; i++) mu[i] = value;
                    break;
                }
            case CwsCovariance.PowerLaw:
                for (int i = 0; i < d; i++) mu[i] = Math.Pow((i + 1) / (double)d, parameters.MeanExponent) / Math.Sqrt(d);
                break;
            default:
                Array.Fill(mu, parameters.MeanNorm / Math.Sqrt(d));
                break;
        }
        return mu;
    }

    /// <summary>The stream of the random mean signs for C ≥ 3: Philox keyed by (problem_seed, "cws.means", d, C).</summary>
    public static StreamKey MeanSignsKey(long problemSeed, int dimension, int classes) =>
        StreamKey.Derive(unchecked((ulong)problemSeed), "cws.means", dimension, classes);

    /// <summary>d.</summary>
    public int Dimension { get; }

    /// <summary>C.</summary>
    public int Classes { get; }

    /// <summary>How the means were made (recorded in diagnostics).</summary>
    public string MeanSource { get; }

    /// <summary>p_c.</summary>
    public ReadOnlySpan<double> Probabilities => _p;

    /// <summary>y_c.</summary>
    public ReadOnlySpan<double> Labels => _labels;

    /// <summary>λ^{(c)}_i, i = 0..d−1 (0-based class c).</summary>
    public ReadOnlySpan<double> Variances(int c) => _variances[c];

    /// <summary>λ̄_i = Σ_c p_c λ_i^{(c)}.</summary>
    public ReadOnlySpan<double> AverageVariance => _averageVariance;

    /// <summary>
    /// Number G of distinct variance arrays (classes passed the same array share a group): 1 for the isotropic and
    /// zero-one families, the number of distinct α_c for the power law. Sums Σ_c p_c λ_i^{(c)}(…) cost G passes.
    /// </summary>
    public int VarianceGroupCount => _groups.Length;

    /// <summary>The variance group of class c (0-based).</summary>
    public int VarianceGroup(int c) => _groupOfClass[c];

    /// <summary>λ of variance group g.</summary>
    public ReadOnlySpan<double> GroupVariances(int g) => _groups[g];

    /// <summary>True when every class has the same variances (one array): S_c and κ_i then need one pass.</summary>
    public bool HasSharedVariances { get; }

    /// <summary>tr K_c = Σ_i λ_i^{(c)}.</summary>
    public double VarianceTrace(int c) => _traces[c];

    /// <summary>tr K̄ = Σ_c p_c tr K_c.</summary>
    public double AverageVarianceTrace
    {
        get
        {
            double t = 0;
            for (int c = 0; c < Classes; c++) t += _p[c] * _traces[c];
            return t;
        }
    }

    /// <summary>m_c (0-based class c).</summary>
    public ReadOnlySpan<double> Mean(int c) => _means[c];

    /// <summary>The signal direction μ = Σ_c p_c (y_c − ȳ) m_c / Σ_c p_c |y_c − ȳ|.</summary>
    public ReadOnlySpan<double> Signal => _signal;

    /// <summary>‖μ‖².</summary>
    public double SignalNorm2 { get; }

    /// <summary>K = rank of the means: the number of orthonormal basis profiles u_k.</summary>
    public int BasisCount => _basis.Length;

    /// <summary>u_k (orthonormal).</summary>
    public ReadOnlySpan<double> Basis(int k) => _basis[k];

    /// <summary>S_{ck} = ⟨m_c, u_k⟩, so m_c = Σ_k S_{ck} u_k (row-major C×K).</summary>
    public ReadOnlySpan<double> Coefficients => _coefficients;

    /// <summary>w_k = ⟨μ, u_k⟩, so μ = Σ_k w_k u_k.</summary>
    public ReadOnlySpan<double> SignalWeights => _signalWeights;

    /// <summary>The clean set 𝒞 (0-based mode indices, ascending): the ⌈0.1·d⌉ modes with the smallest λ̄, ties by index.</summary>
    public ReadOnlySpan<int> CleanModes => _cleanModes;

    /// <summary>True when mode i belongs to 𝒞.</summary>
    public bool IsClean(int i) => _cleanMask[i];

    /// <summary>True when 𝒞 = {0, …, n_𝒞 − 1} (the case for the three families: λ̄ is non-decreasing in i).</summary>
    public bool CleanIsPrefix { get; }

    /// <summary>Σ_{i∈𝒞} μ_i² / ‖μ‖²: the share of the signal's squared norm in 𝒞 (the reference for clean_share).</summary>
    public double CleanSignalShare { get; }

    /// <summary>⟨m_c, m_e⟩ (0-based).</summary>
    public double MeanInnerProduct(int c, int e) => Dot(_means[c], _means[e]);

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s = Math.FusedMultiplyAdd(x[i], y[i], s);
        return s;
    }

    /// <summary>
    /// Orthonormal basis of span{m_c} by modified Gram–Schmidt with one re-orthogonalisation pass; a mean whose residual
    /// is ≤ 1e-10·‖m_c‖ adds no vector. Returns the basis rows and S (C×K) with S_{ck} = ⟨m_c, u_k⟩.
    /// </summary>
    private static (double[][] Basis, double[] Coefficients) OrthonormalBasis(double[][] means, int d)
    {
        var basis = new List<double[]>();
        foreach (var m in means)
        {
            double norm0 = Math.Sqrt(TensorPrimitives.Dot(m, m));
            if (!(norm0 > 0)) continue;
            var v = (double[])m.Clone();
            for (int pass = 0; pass < 2; pass++)
                foreach (var u in basis)
                    TensorPrimitives.FusedMultiplyAdd(u, -TensorPrimitives.Dot(u, v), v, v);
            double norm = Math.Sqrt(TensorPrimitives.Dot(v, v));
            if (!(norm > 1e-10 * norm0)) continue;
            TensorPrimitives.Divide(v, norm, v);
            basis.Add(v);
        }
        int k = basis.Count;
        var coefficients = new double[means.Length * k];
        for (int c = 0; c < means.Length; c++)
            for (int j = 0; j < k; j++) coefficients[c * k + j] = TensorPrimitives.Dot(means[c], basis[j]);
        return (basis.ToArray(), coefficients);
    }
}
