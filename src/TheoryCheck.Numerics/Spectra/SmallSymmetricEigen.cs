using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// Eigen-decomposition of a small dense symmetric matrix (the projected Lanczos matrix) with MathNet's symmetric
/// EVD (Householder tridiagonalisation + implicit QL), eigenpairs sorted by descending eigenvalue.
/// </summary>
internal static class SmallSymmetricEigen
{
    /// <summary>
    /// Decomposes the symmetric size×size matrix stored row-major in <paramref name="matrix"/> (leading dimension
    /// <paramref name="stride"/>). Returns eigenvalues (descending) and eigenvectors, vector i at
    /// vectors[i·size .. (i+1)·size).
    /// </summary>
    public static (double[] Values, double[] Vectors) Decompose(ReadOnlySpan<double> matrix, int size, int stride)
    {
        var dense = Matrix<double>.Build.Dense(size, size);
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
                dense[i, j] = matrix[i * stride + j];
        return Decompose(dense);
    }

    /// <summary>Decomposes a symmetric MathNet matrix; see the other overload for the layout of the result.</summary>
    public static (double[] Values, double[] Vectors) Decompose(Matrix<double> dense)
    {
        int size = dense.RowCount;
        Evd<double> evd = dense.Evd(Symmetricity.Symmetric);
        var raw = new double[size];
        for (int i = 0; i < size; i++) raw[i] = evd.EigenValues[i].Real;
        int[] order = Enumerable.Range(0, size).OrderByDescending(i => raw[i]).ToArray();
        var values = new double[size];
        var vectors = new double[size * size];
        Matrix<double> eigenvectors = evd.EigenVectors;
        for (int r = 0; r < size; r++)
        {
            int source = order[r];
            values[r] = raw[source];
            for (int j = 0; j < size; j++) vectors[r * size + j] = eigenvectors[j, source];
        }
        return (values, vectors);
    }
}
