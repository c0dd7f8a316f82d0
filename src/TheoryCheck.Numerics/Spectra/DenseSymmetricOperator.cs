using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// A dense symmetric n×n matrix A as an <see cref="ILinearOperator"/>: y = A·x at cost n² multiply–adds.
/// The entries are copied at construction (row-major), so later changes to the source do not affect it.
/// Construction rejects matrices with max |a_ij − a_ji| &gt; 1e-10·max |a_ij| or non-finite entries.
/// </summary>
public sealed class DenseSymmetricOperator : ILinearOperator
{
    /// <summary>Largest relative asymmetry max |a_ij − a_ji| / max |a_ij| accepted by the constructors.</summary>
    public const double SymmetryTolerance = 1e-10;

    private readonly double[] _entries;

    /// <summary>Wraps a square two-dimensional array (copied).</summary>
    public DenseSymmetricOperator(double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.GetLength(0);
        if (n < 1 || matrix.GetLength(1) != n)
            throw new ArgumentException($"Matrix must be square and non-empty, got {matrix.GetLength(0)}×{matrix.GetLength(1)}.", nameof(matrix));
        _entries = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                _entries[i * n + j] = matrix[i, j];
        Dimension = n;
        SymmetryDefect = Validate(_entries, n, nameof(matrix));
    }

    /// <summary>Wraps a square MathNet matrix (copied).</summary>
    public DenseSymmetricOperator(Matrix<double> matrix)
        : this((matrix ?? throw new ArgumentNullException(nameof(matrix))).ToArray())
    {
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <summary>max |a_ij − a_ji| of the wrapped matrix (absolute, 0 for an exactly symmetric input).</summary>
    public double SymmetryDefect { get; }

    /// <summary>Entry a_ij (0-based).</summary>
    public double this[int row, int column] => _entries[row * Dimension + column];

    /// <summary>A copy of the matrix as a MathNet dense matrix.</summary>
    public Matrix<double> ToMatrix() => Matrix<double>.Build.Dense(Dimension, Dimension, (i, j) => _entries[i * Dimension + j]);

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        OperatorGuard.CheckApplyArguments(Dimension, x, y);
        int n = Dimension;
        ReadOnlySpan<double> entries = _entries;
        for (int i = 0; i < n; i++)
            y[i] = TensorPrimitives.Dot(entries.Slice(i * n, n), x);
    }

    private static double Validate(double[] entries, int n, string parameterName)
    {
        double maxAbs = 0, defect = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double a = entries[i * n + j];
                if (!double.IsFinite(a))
                    throw new ArgumentException($"Matrix entry ({i}, {j}) is not finite ({a}).", parameterName);
                maxAbs = Math.Max(maxAbs, Math.Abs(a));
                if (j > i) defect = Math.Max(defect, Math.Abs(a - entries[j * n + i]));
            }
        }
        if (defect > SymmetryTolerance * maxAbs)
            throw new ArgumentException(
                $"Matrix is not symmetric: max |a_ij − a_ji| = {defect:G3} exceeds {SymmetryTolerance:G1}·max |a_ij| = {SymmetryTolerance * maxAbs:G3}.",
                parameterName);
        return defect;
    }
}
