namespace TheoryCheck.Numerics.LinearAlgebra;

/// <summary>
/// Symmetric square root S = V diag(√max(λᵢ, 0)) Vᵀ of a small symmetric PSD matrix A = V diag(λ) Vᵀ (round-off
/// negative eigenvalues clipped to 0), allocation-free. S is a smooth function of A, independent of eigenvector
/// order and signs, which is why an ODE right-hand side that needs a covariance factor uses it rather than V diag(√λ).
/// </summary>
public static class SymmetricSquareRoot
{
    /// <summary>Doubles of scratch <see cref="Compute"/> needs for an n × n matrix: 2n² + n.</summary>
    public static int WorkLength(int n) => 2 * n * n + n;

    /// <summary>
    /// Writes S (n × n row-major, symmetric) into <paramref name="root"/> and returns the largest eigenvalue of the
    /// symmetric part of <paramref name="matrix"/>. <paramref name="work"/> needs <see cref="WorkLength"/>(n) doubles.
    /// </summary>
    public static double Compute(ReadOnlySpan<double> matrix, int n, Span<double> root, Span<double> work)
    {
        if (root.Length < n * n || work.Length < WorkLength(n))
            throw new ArgumentException($"root needs n² and work 2n² + n doubles for n = {n}");
        var vectors = work[..(n * n)];
        var scratch = work.Slice(n * n, n * n);
        var values = work.Slice(2 * n * n, n);
        SymmetricJacobiEigen.Decompose(matrix, n, values, vectors, scratch);
        double largest = values[0];
        for (int l = 0; l < n; l++) values[l] = Math.Sqrt(Math.Max(values[l], 0));
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
            {
                double s = 0;
                for (int l = 0; l < n; l++) s += vectors[i * n + l] * values[l] * vectors[j * n + l];
                root[i * n + j] = s;
                root[j * n + i] = s;
            }
        return largest;
    }
}
