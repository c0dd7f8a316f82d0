using MathNet.Numerics.LinearAlgebra;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Numerics.LinearAlgebra;

namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// Population Hessian and G-matrix of the kgmm loss at a state (m, R), exact at any d through the low-rank + bulk
/// identity (kgmm.md §9.1, (2.1)): E[h YYᵀ] = L E[h vvᵀ] Lᵀ + (E[h]/λ)(I − LLᵀ), with L an orthonormal basis of
/// S = span(means, x⊥) (q = k + r, <see cref="KgmmSubspaceCoordinates"/>). Computed here:
/// <list type="bullet">
/// <item>per-class blocks (§9.4): K^H_c = Σ_b p_b E_b[π_c(1−π_c) vvᵀ] and K^G_c = Σ_b p_b E_b[(π_c − δ_{bc})² vvᵀ] (q×q),
/// bulk levels H̄_cc/λ and Ḡ_cc/λ;</item>
/// <item>the full kd×kd matrices (§9.5): 𝒦 (kq×kq) with q×q blocks 𝒦_{cc'} = Σ_b p_b E_b[π_c(δ_{cc'} − π_{c'}) vvᵀ]
/// (G: weights (π_c − δ_{bc})(π_{c'} − δ_{bc'})), bulk H̄/λ ⊗ (I − LLᵀ) (G: Ḡ/λ).</item>
/// </list>
/// Expectations E_b[w vvᵀ] use §9.3 with a k-dimensional standard-normal rule (g₁ = z/√λ). β is excluded.
/// </summary>
public sealed class KgmmPopulationMatrices
{
    private readonly int _k;
    private readonly int _q;
    // [kind][pair (c ≤ c')] → q×q matrix; bulk [kind] → k×k.
    private readonly double[][][] _blocks;
    private readonly double[][] _bulk;

    /// <summary>
    /// Computes all blocks at (m, R) with the k-dimensional standard-normal rule (<paramref name="nodes"/> row-major,
    /// <paramref name="weights"/> summing to 1).
    /// </summary>
    public KgmmPopulationMatrices(KgmmParameters parameters, KgmmStatistics statistics, ReadOnlySpan<double> nodes, ReadOnlySpan<double> weights,
        string ruleName)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(statistics);
        if (statistics.K != parameters.K) throw new ArgumentException("statistics and parameters have different k");
        int k = parameters.K;
        if (nodes.Length != weights.Length * k) throw new ArgumentException("the rule must be k-dimensional (nodes row-major)");
        Parameters = parameters;
        Coordinates = new KgmmSubspaceCoordinates(statistics);
        RuleName = ruleName;
        NodeCount = weights.Length;
        _k = k;
        _q = Coordinates.Q;
        int pairs = k * (k + 1) / 2;
        int moments = 1 + k + k * k;
        // accumulators[kind][pair][b][moment]: E_b[w], E_b[w g₁] (k), E_b[w g₁g₁ᵀ] (k×k).
        var acc = new double[2 * pairs * k * moments];
        var zeta = new double[k];
        var pi = new double[k];
        var g1 = new double[k];
        var vs = Coordinates.VSigma;
        double invSqrtLambda = 1 / Math.Sqrt(parameters.Lambda);
        for (int b = 0; b < k; b++)
        {
            for (int j = 0; j < weights.Length; j++)
            {
                double wj = weights[j];
                for (int i = 0; i < k; i++) g1[i] = nodes[j * k + i] * invSqrtLambda;
                for (int c = 0; c < k; c++)
                {
                    double s = statistics.MAt(c, b);
                    for (int i = 0; i < k; i++) s += vs[c * k + i] * g1[i];
                    zeta[c] = s;
                }
                KgmmSample.Softmax(zeta, pi);
                int pair = 0;
                for (int c = 0; c < k; c++)
                    for (int c2 = c; c2 < k; c2++, pair++)
                    {
                        double hw = pi[c] * ((c == c2 ? 1.0 : 0.0) - pi[c2]);
                        double gw = (pi[c] - (c == b ? 1.0 : 0.0)) * (pi[c2] - (c2 == b ? 1.0 : 0.0));
                        Accumulate(acc.AsSpan(((0 * pairs + pair) * k + b) * moments, moments), wj * hw, g1);
                        Accumulate(acc.AsSpan(((1 * pairs + pair) * k + b) * moments, moments), wj * gw, g1);
                    }
            }
        }

        _blocks = new double[2][][];
        _bulk = new double[2][];
        for (int kind = 0; kind < 2; kind++)
        {
            _blocks[kind] = new double[pairs][];
            _bulk[kind] = new double[k * k];
            int pair = 0;
            for (int c = 0; c < k; c++)
                for (int c2 = c; c2 < k; c2++, pair++)
                {
                    var matrix = new double[_q * _q];
                    double bulkLevel = 0;
                    for (int b = 0; b < k; b++)
                    {
                        var a = acc.AsSpan(((kind * pairs + pair) * k + b) * moments, moments);
                        double pb = parameters.Probabilities[b];
                        Coordinates.AddClassExpectation(matrix, a, b, pb, parameters.Lambda);
                        bulkLevel += pb * a[0];
                    }
                    _blocks[kind][pair] = matrix;
                    _bulk[kind][c * k + c2] = _bulk[kind][c2 * k + c] = bulkLevel / parameters.Lambda;
                }
        }
    }

    /// <summary>The model parameters.</summary>
    public KgmmParameters Parameters { get; }

    /// <summary>Coordinates of the state in S.</summary>
    public KgmmSubspaceCoordinates Coordinates { get; }

    /// <summary>The rule used for the expectations.</summary>
    public string RuleName { get; }

    /// <summary>Number of nodes of the k-dimensional rule.</summary>
    public int NodeCount { get; }

    /// <summary>q = k + r.</summary>
    public int Q => _q;

    /// <summary>The q×q matrix K_c of block (c, c) (§9.4), row-major (a copy). 0-based c.</summary>
    public double[] Block(KgmmMatrixKind kind, int c) => Pair(kind, c, c).ToArray();

    /// <summary>Bulk level of block (c, c): H̄_cc/λ or Ḡ_cc/λ (multiplicity d − q).</summary>
    public double BlockBulkLevel(KgmmMatrixKind kind, int c) => _bulk[(int)kind][c * _k + c];

    /// <summary>The k×k bulk matrix H̄/λ or Ḡ/λ of the full matrix (§9.5), row-major (a copy).</summary>
    public double[] BulkMatrix(KgmmMatrixKind kind) => (double[])_bulk[(int)kind].Clone();

    /// <summary>The full (kq)×(kq) matrix 𝒦 (§9.5), row-major, class-major blocks of size q (a new array).</summary>
    public double[] Full(KgmmMatrixKind kind)
    {
        int n = _k * _q;
        var full = new double[n * n];
        for (int c = 0; c < _k; c++)
            for (int c2 = 0; c2 < _k; c2++)
            {
                var block = Pair(kind, c, c2);
                for (int i = 0; i < _q; i++)
                    for (int j = 0; j < _q; j++) full[(c * _q + i) * n + c2 * _q + j] = block[i * _q + j];
            }
        return full;
    }

    /// <summary>Eigen-decomposition of block (c, c) with its bulk level (§9.4).</summary>
    public KgmmPopulationSpectrum BlockSpectrum(KgmmMatrixKind kind, int c)
    {
        var (values, vectors) = SymmetricEigen(Pair(kind, c, c), _q);
        return new KgmmPopulationSpectrum(values, vectors, [BlockBulkLevel(kind, c)], _q);
    }

    /// <summary>Eigen-decomposition of 𝒦 with the k bulk levels (eigenvalues of H̄/λ or Ḡ/λ) (§9.5).</summary>
    public KgmmPopulationSpectrum FullSpectrum(KgmmMatrixKind kind)
    {
        var (values, vectors) = SymmetricEigen(Full(kind), _k * _q);
        var (levels, _) = SymmetricEigen(_bulk[(int)kind], _k);
        return new KgmmPopulationSpectrum(values, vectors, levels, _q);
    }

    /// <summary>
    /// Dense d×d block (c, c') of the population matrix, L K_{cc'} Lᵀ + B_{cc'}(I − LLᵀ), with L given as q×d
    /// row-major orthonormal basis vectors (<see cref="KgmmSubspaceCoordinates.Basis"/>). β excluded. For tests and small d.
    /// </summary>
    public double[] DenseBlock(KgmmMatrixKind kind, int c, int c2, ReadOnlySpan<double> basis, int d)
    {
        if (basis.Length != _q * d) throw new ArgumentException($"basis must be q×d = {_q}×{d}");
        var block = Pair(kind, c, c2);
        double level = _bulk[(int)kind][c * _k + c2];
        var result = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
            {
                double s = 0, projector = 0;
                for (int a = 0; a < _q; a++)
                {
                    double la = basis[a * d + i];
                    projector += la * basis[a * d + j];
                    for (int e = 0; e < _q; e++) s += la * block[a * _q + e] * basis[e * d + j];
                }
                result[i * d + j] = s + level * ((i == j ? 1 : 0) - projector);
            }
        return result;
    }

    /// <summary>The q×q block (c, c') (shared storage; do not modify).</summary>
    internal double[] Pair(KgmmMatrixKind kind, int c, int c2)
    {
        if ((uint)c >= (uint)_k || (uint)c2 >= (uint)_k) throw new ArgumentOutOfRangeException(nameof(c), "class index out of range");
        if (c > c2) (c, c2) = (c2, c);
        int index = c * _k - c * (c - 1) / 2 + (c2 - c);
        return _blocks[(int)kind][index];
    }

    private static void Accumulate(Span<double> a, double w, ReadOnlySpan<double> g1)
    {
        int k = g1.Length;
        a[0] += w;
        for (int i = 0; i < k; i++)
        {
            double wg = w * g1[i];
            a[1 + i] += wg;
            var row = a.Slice(1 + k + i * k, k);
            for (int j = 0; j < k; j++) row[j] += wg * g1[j];
        }
    }

    /// <summary>
    /// Symmetric eigen-decomposition of the symmetric part of <paramref name="a"/>, eigenvalues descending,
    /// eigenvectors as columns (row-major n×n), by the project's small-matrix kernel <see cref="SymmetricJacobiEigen"/>.
    /// </summary>
    internal static (double[] Values, double[] Vectors) SymmetricEigen(double[] a, int n)
    {
        var values = new double[n];
        var vectors = new double[n * n];
        SymmetricJacobiEigen.Decompose(a, n, values, vectors);
        return (values, vectors);
    }
}
