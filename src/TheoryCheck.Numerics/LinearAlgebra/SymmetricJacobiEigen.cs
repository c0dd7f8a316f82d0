namespace TheoryCheck.Numerics.LinearAlgebra;

/// <summary>
/// Cyclic Jacobi eigen-decomposition A = V diag(λ) Vᵀ of a small symmetric matrix (row-major), eigenvalues sorted
/// descending. Absolute eigenvalue error ≈ ε‖A‖; intended for n ≤ ~16 (cost O(n³) per sweep, 5–10 sweeps).
/// The one small-matrix eigen kernel of the project: <see cref="Gaussian.PsdSquareRoot"/> and
/// <see cref="SymmetricSquareRoot"/> (the per-call covariance root of the k-GMM right-hand side) both use it.
/// </summary>
public static class SymmetricJacobiEigen
{
    /// <summary>Decomposes the symmetric part of <paramref name="matrix"/> (n × n row-major; not modified).</summary>
    /// <param name="matrix">A, n × n row-major.</param>
    /// <param name="n">Dimension.</param>
    /// <param name="eigenvalues">Length n, descending.</param>
    /// <param name="eigenvectors">n × n row-major; column j is the eigenvector of eigenvalues[j].</param>
    public static void Decompose(ReadOnlySpan<double> matrix, int n, Span<double> eigenvalues, Span<double> eigenvectors) =>
        Decompose(matrix, n, eigenvalues, eigenvectors, n <= 16 ? stackalloc double[n * n] : new double[n * n]);

    /// <summary>
    /// Allocation-free form of <see cref="Decompose(ReadOnlySpan{double}, int, Span{double}, Span{double})"/>:
    /// <paramref name="work"/> (at least n² doubles) is caller-owned scratch.
    /// </summary>
    public static void Decompose(ReadOnlySpan<double> matrix, int n, Span<double> eigenvalues, Span<double> eigenvectors, Span<double> work)
    {
        if (matrix.Length < n * n || eigenvalues.Length < n || eigenvectors.Length < n * n || work.Length < n * n)
            throw new ArgumentException($"spans too short for n = {n}: matrix and eigenvectors need n², eigenvalues n, work n²");
        Span<double> a = work[..(n * n)];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i * n + j] = 0.5 * (matrix[i * n + j] + matrix[j * n + i]);
        var v = eigenvectors[..(n * n)];
        v.Clear();
        for (int i = 0; i < n; i++) v[i * n + i] = 1.0;

        for (int sweep = 0; sweep < 64; sweep++)
        {
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++)
            {
                diag += a[i * n + i] * a[i * n + i];
                for (int j = i + 1; j < n; j++) off += a[i * n + j] * a[i * n + j];
            }
            if (off == 0 || off <= 1e-36 * diag) break;
            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double apq = a[p * n + q];
                    if (apq == 0) continue;
                    double app = a[p * n + p], aqq = a[q * n + q];
                    // Skip rotations that cannot change the diagonal in floating point.
                    if (sweep > 3 && Math.Abs(apq) < 1e-18 * (Math.Abs(app) + Math.Abs(aqq))) { a[p * n + q] = a[q * n + p] = 0; continue; }
                    double theta = (aqq - app) / (2 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int r = 0; r < n; r++)
                    {
                        double arp = a[r * n + p], arq = a[r * n + q];
                        a[r * n + p] = c * arp - s * arq;
                        a[r * n + q] = s * arp + c * arq;
                    }
                    for (int r = 0; r < n; r++)
                    {
                        double apr = a[p * n + r], aqr = a[q * n + r];
                        a[p * n + r] = c * apr - s * aqr;
                        a[q * n + r] = s * apr + c * aqr;
                    }
                    a[p * n + q] = a[q * n + p] = 0;
                    for (int r = 0; r < n; r++)
                    {
                        double vrp = v[r * n + p], vrq = v[r * n + q];
                        v[r * n + p] = c * vrp - s * vrq;
                        v[r * n + q] = s * vrp + c * vrq;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) eigenvalues[i] = a[i * n + i];
        // Selection sort by descending eigenvalue, permuting eigenvector columns alongside.
        for (int i = 0; i < n - 1; i++)
        {
            int best = i;
            for (int j = i + 1; j < n; j++) if (eigenvalues[j] > eigenvalues[best]) best = j;
            if (best == i) continue;
            (eigenvalues[i], eigenvalues[best]) = (eigenvalues[best], eigenvalues[i]);
            for (int r = 0; r < n; r++) (v[r * n + i], v[r * n + best]) = (v[r * n + best], v[r * n + i]);
        }
    }
}
