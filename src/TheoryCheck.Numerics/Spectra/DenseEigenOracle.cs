using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// Reference eigen-decomposition of a small dense symmetric matrix with MathNet.Numerics' symmetric EVD
/// (Householder tridiagonalisation + implicit QL, managed provider unless a native one is configured globally).
/// O(n³) time and O(n²) memory: meant as the oracle for n up to a few thousand in tests and benchmarks.
/// </summary>
public static class DenseEigenOracle
{
    /// <summary>All eigenpairs of the symmetric matrix, sorted by descending eigenvalue.</summary>
    public static DenseEigenDecomposition Decompose(DenseSymmetricOperator matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return Decompose(matrix.ToMatrix());
    }

    /// <summary>All eigenpairs of a square symmetric two-dimensional array (symmetry checked as in <see cref="DenseSymmetricOperator"/>).</summary>
    public static DenseEigenDecomposition Decompose(double[,] matrix) => Decompose(new DenseSymmetricOperator(matrix));

    /// <summary>All eigenpairs of a square symmetric MathNet matrix (symmetry checked as in <see cref="DenseSymmetricOperator"/>).</summary>
    public static DenseEigenDecomposition Decompose(Matrix<double> matrix) => DecomposeChecked(new DenseSymmetricOperator(matrix).ToMatrix());

    /// <summary>
    /// Materialises a matrix-free symmetric operator with n products A·e_j, checks its symmetry as in
    /// <see cref="DenseSymmetricOperator"/> (throws for a non-symmetric operator), symmetrises it ((A + Aᵀ)/2, which
    /// removes round-off asymmetry) and decomposes it.
    /// </summary>
    public static DenseEigenDecomposition Decompose(ILinearOperator op)
    {
        Matrix<double> dense = new DenseSymmetricOperator(Materialise(op)).ToMatrix();
        return DecomposeChecked((dense + dense.Transpose()) * 0.5);
    }

    /// <summary>The n × n matrix of a linear operator, column j = A·e_j (n products; no symmetry assumed or checked).</summary>
    public static double[,] Materialise(ILinearOperator op)
    {
        ArgumentNullException.ThrowIfNull(op);
        int n = op.Dimension;
        var dense = new double[n, n];
        var unit = new double[n];
        var column = new double[n];
        for (int j = 0; j < n; j++)
        {
            unit[j] = 1;
            op.Apply(unit, column);
            unit[j] = 0;
            for (int i = 0; i < n; i++) dense[i, j] = column[i];
        }
        return dense;
    }

    private static DenseEigenDecomposition DecomposeChecked(Matrix<double> matrix)
    {
        int n = matrix.RowCount;
        (double[] values, double[] flat) = SmallSymmetricEigen.Decompose(matrix);
        var vectors = new double[n][];
        for (int i = 0; i < n; i++) vectors[i] = flat.AsSpan(i * n, n).ToArray();

        double[] rowMajor = matrix.ToRowMajorArray();
        double maxResidual = 0;
        var product = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int r = 0; r < n; r++) product[r] = TensorPrimitives.Dot(rowMajor.AsSpan(r * n, n), vectors[i]);
            TensorPrimitives.MultiplyAdd(vectors[i], -values[i], product, product);
            maxResidual = Math.Max(maxResidual, TensorPrimitives.Norm(product));
        }
        return new DenseEigenDecomposition { Dimension = n, Values = values, Vectors = vectors, MaxResidualNorm = maxResidual };
    }
}
