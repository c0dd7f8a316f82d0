using TheoryCheck.Numerics.LinearAlgebra;

namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// A factor C (p × c, row-major) with C Cᵀ = Σ for a symmetric positive semi-definite Σ, so that x = m + C z,
/// z ~ N(0, I_c), has x ~ N(m, Σ). <see cref="Compute(double[,], double)"/> builds C = V diag(√λ⁺) from the symmetric
/// eigen-decomposition Σ = V diag(λ) Vᵀ (cyclic Jacobi), clipping round-off negative eigenvalues to 0.
/// </summary>
public sealed class PsdSquareRoot
{
    /// <summary>Default relative tolerance for negative eigenvalues: λ_min &lt; −1e-8·max|λ| is rejected as not PSD.</summary>
    public const double DefaultNegativeTolerance = 1e-8;

    private const double MachineEpsilon = 2.220446049250313e-16;

    private readonly double[] _factor;
    private readonly double[] _eigenvalues;
    private readonly double[]? _rotation; // for FromFactor: eigenvectors of CᵀC (c × c), else null

    private PsdSquareRoot(int rows, int columns, double[] factor, double[] eigenvalues, int rank, double clipped, double[]? rotation)
    {
        Rows = rows;
        Columns = columns;
        _factor = factor;
        _eigenvalues = eigenvalues;
        Rank = rank;
        ClippedAmount = clipped;
        _rotation = rotation;
    }

    /// <summary>Number of rows p (dimension of x).</summary>
    public int Rows { get; }

    /// <summary>Number of columns c (dimension of the standard normal z that drives x).</summary>
    public int Columns { get; }

    /// <summary>C, row-major p × c.</summary>
    public ReadOnlySpan<double> Factor => _factor;

    /// <summary>
    /// Eigenvalues of Σ = C Cᵀ in descending order after clipping (length c; for <see cref="FromFactor"/> the
    /// eigenvalues of CᵀC, which are the nonzero spectrum of Σ).
    /// </summary>
    public ReadOnlySpan<double> Eigenvalues => _eigenvalues;

    /// <summary>
    /// Numerical rank: number of eigenvalues above 64·k·ε·λ_max (k = the decomposed dimension); smaller ones are
    /// round-off level and are dropped by <see cref="Reduced"/>.
    /// </summary>
    public int Rank { get; }

    /// <summary>Sum of |λ| over the negative eigenvalues that were clipped to 0 (a round-off diagnostic).</summary>
    public double ClippedAmount { get; }

    /// <summary>σ_max = √λ_max, the largest standard deviation of any unit direction of x.</summary>
    public double MaxStandardDeviation => _eigenvalues.Length == 0 ? 0.0 : Math.Sqrt(Math.Max(_eigenvalues[0], 0.0));

    /// <summary>Entry C_ij.</summary>
    public double this[int row, int column] => _factor[row * Columns + column];

    /// <summary>Square root of a covariance matrix Σ (k × k, symmetric PSD up to round-off).</summary>
    /// <param name="covariance">Σ; its symmetric part is used. Asymmetry above 1e-10·max|Σ| is rejected.</param>
    /// <param name="negativeTolerance">Eigenvalues below −tolerance·max|λ| make Σ invalid (not PSD).</param>
    public static PsdSquareRoot Compute(double[,] covariance, double negativeTolerance = DefaultNegativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        int k = covariance.GetLength(0);
        if (covariance.GetLength(1) != k) throw new ArgumentException($"Covariance must be square (got {k}×{covariance.GetLength(1)}).", nameof(covariance));
        var flat = new double[k * k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) flat[i * k + j] = covariance[i, j];
        return Compute(flat, k, negativeTolerance);
    }

    /// <summary>Square root of a covariance matrix Σ given row-major (k × k).</summary>
    public static PsdSquareRoot Compute(ReadOnlySpan<double> covariance, int k, double negativeTolerance = DefaultNegativeTolerance)
    {
        if (k < 1) throw new ArgumentException($"Covariance dimension must be ≥ 1 (got {k}).", nameof(k));
        if (covariance.Length != k * k) throw new ArgumentException($"Covariance length {covariance.Length} is not k² = {k * k}.", nameof(covariance));
        if (!(negativeTolerance >= 0)) throw new ArgumentException("Negative-eigenvalue tolerance must be ≥ 0.", nameof(negativeTolerance));
        double scale = 0;
        foreach (double c in covariance)
        {
            if (!double.IsFinite(c)) throw new ArgumentException("Covariance entries must be finite.", nameof(covariance));
            scale = Math.Max(scale, Math.Abs(c));
        }
        for (int i = 0; i < k; i++)
            for (int j = i + 1; j < k; j++)
                if (Math.Abs(covariance[i * k + j] - covariance[j * k + i]) > 1e-10 * scale)
                    throw new ArgumentException($"Covariance is not symmetric: Σ[{i},{j}] = {covariance[i * k + j]} vs Σ[{j},{i}] = {covariance[j * k + i]}.", nameof(covariance));

        var eigenvalues = new double[k];
        var vectors = new double[k * k];
        SymmetricJacobiEigen.Decompose(covariance, k, eigenvalues, vectors);

        double maxAbs = 0;
        foreach (double l in eigenvalues) maxAbs = Math.Max(maxAbs, Math.Abs(l));
        if (eigenvalues[k - 1] < -negativeTolerance * maxAbs)
            throw new ArgumentException(
                $"Covariance is not positive semi-definite: smallest eigenvalue {eigenvalues[k - 1]:G6} vs largest |λ| {maxAbs:G6}.",
                nameof(covariance));
        double clipped = 0;
        for (int i = 0; i < k; i++)
        {
            if (eigenvalues[i] < 0) { clipped -= eigenvalues[i]; eigenvalues[i] = 0; }
        }
        int rank = CountRank(eigenvalues, k);
        var factor = new double[k * k];
        for (int j = 0; j < k; j++)
        {
            double root = Math.Sqrt(eigenvalues[j]);
            for (int i = 0; i < k; i++) factor[i * k + j] = vectors[i * k + j] * root;
        }
        return new PsdSquareRoot(k, k, factor, eigenvalues, rank, clipped, rotation: null);
    }

    /// <summary>
    /// Wraps a given factor C (p × c, row-major) with Σ = C Cᵀ, e.g. C = Q·C' in the k-GMM reduction; the rank is
    /// read from the eigenvalues of CᵀC.
    /// </summary>
    public static PsdSquareRoot FromFactor(ReadOnlySpan<double> factor, int rows, int columns)
    {
        if (rows < 1 || columns < 1) throw new ArgumentException($"Factor shape must be at least 1×1 (got {rows}×{columns}).", nameof(rows));
        if (factor.Length != rows * columns) throw new ArgumentException($"Factor length {factor.Length} is not rows·columns = {rows * columns}.", nameof(factor));
        foreach (double c in factor)
            if (!double.IsFinite(c)) throw new ArgumentException("Factor entries must be finite.", nameof(factor));
        var gram = new double[columns * columns];
        for (int a = 0; a < columns; a++)
            for (int b = a; b < columns; b++)
            {
                double s = 0;
                for (int i = 0; i < rows; i++) s += factor[i * columns + a] * factor[i * columns + b];
                gram[a * columns + b] = gram[b * columns + a] = s;
            }
        var eigenvalues = new double[columns];
        var rotation = new double[columns * columns];
        SymmetricJacobiEigen.Decompose(gram, columns, eigenvalues, rotation);
        for (int i = 0; i < columns; i++) eigenvalues[i] = Math.Max(eigenvalues[i], 0.0); // Gram matrices are PSD
        return new PsdSquareRoot(rows, columns, factor.ToArray(), eigenvalues, CountRank(eigenvalues, columns), 0.0, rotation);
    }

    /// <summary>
    /// The rank-r factor (p × r, r = <see cref="Rank"/>) with orthogonal columns ordered by decreasing variance; it
    /// reproduces Σ up to the dropped round-off-level eigenvalues, so a singular Σ can be integrated with an r-dimensional rule.
    /// </summary>
    public PsdSquareRoot Reduced()
    {
        int r = Rank;
        var factor = new double[Rows * r];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < r; j++)
            {
                if (_rotation is null) factor[i * r + j] = _factor[i * Columns + j];
                else
                {
                    double s = 0;
                    for (int l = 0; l < Columns; l++) s += _factor[i * Columns + l] * _rotation[l * Columns + j];
                    factor[i * r + j] = s;
                }
            }
        var eigenvalues = _eigenvalues.AsSpan(0, r).ToArray();
        return new PsdSquareRoot(Rows, r, factor, eigenvalues, r, ClippedAmount, rotation: null);
    }

    private static int CountRank(ReadOnlySpan<double> descending, int k)
    {
        if (descending.Length == 0 || descending[0] <= 0) return 0;
        double threshold = 64.0 * k * MachineEpsilon * descending[0];
        int rank = 0;
        while (rank < descending.Length && descending[rank] > threshold) rank++;
        return rank;
    }
}
