namespace TheoryCheck.Models.Kgmm;

/// <summary>
/// Allocation-free symmetric square root of a small symmetric PSD matrix (cyclic Jacobi eigen-decomposition,
/// negative round-off eigenvalues clipped to 0), for the per-call covariance factor of kgmm.md §6.1. The
/// symmetric root S = U diag(√λ₊) Uᵀ is used (not U diag(√λ₊)) because it is a smooth function of the matrix,
/// independent of the eigenvector order and signs, which keeps the ODE right-hand side smooth.
/// </summary>
internal static class SymmetricRoot
{
    /// <summary>
    /// Writes the symmetric root of the n×n row-major matrix <paramref name="a"/> into <paramref name="root"/> and
    /// returns the largest eigenvalue. <paramref name="work"/> needs 2n² + n doubles.
    /// </summary>
    public static double Compute(ReadOnlySpan<double> a, int n, Span<double> root, Span<double> work)
    {
        var m = work[..(n * n)];
        var v = work.Slice(n * n, n * n);
        var values = work.Slice(2 * n * n, n);
        Decompose(a, n, m, v, values);
        double max = 0;
        for (int l = 0; l < n; l++)
        {
            if (values[l] > max) max = values[l];
            values[l] = Math.Sqrt(Math.Max(values[l], 0));
        }
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++)
            {
                double s = 0;
                for (int l = 0; l < n; l++) s += v[i * n + l] * values[l] * v[j * n + l];
                root[i * n + j] = s;
                root[j * n + i] = s;
            }
        return max;
    }

    /// <summary>
    /// Cyclic Jacobi: a = V diag(values) Vᵀ with V (n×n row-major, columns = eigenvectors). <paramref name="m"/> is
    /// scratch (n²). Eigenvalues are not sorted.
    /// </summary>
    public static void Decompose(ReadOnlySpan<double> a, int n, Span<double> m, Span<double> v, Span<double> values)
    {
        double scale = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double x = 0.5 * (a[i * n + j] + a[j * n + i]);
                m[i * n + j] = x;
                v[i * n + j] = i == j ? 1 : 0;
                scale += x * x;
            }
        for (int sweep = 0; sweep < 60; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++)
                for (int q = p + 1; q < n; q++) off += m[p * n + q] * m[p * n + q];
            if (off <= 1e-34 * scale || off == 0) break;
            for (int p = 0; p < n; p++)
                for (int q = p + 1; q < n; q++)
                {
                    double apq = m[p * n + q];
                    if (apq == 0) continue;
                    double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
                    double t = (theta >= 0 ? 1 : -1) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int r = 0; r < n; r++)
                    {
                        double arp = m[r * n + p], arq = m[r * n + q];
                        m[r * n + p] = c * arp - s * arq;
                        m[r * n + q] = s * arp + c * arq;
                    }
                    for (int r = 0; r < n; r++)
                    {
                        double apr = m[p * n + r], aqr = m[q * n + r];
                        m[p * n + r] = c * apr - s * aqr;
                        m[q * n + r] = s * apr + c * aqr;
                    }
                    for (int r = 0; r < n; r++)
                    {
                        double vrp = v[r * n + p], vrq = v[r * n + q];
                        v[r * n + p] = c * vrp - s * vrq;
                        v[r * n + q] = s * vrp + c * vrq;
                    }
                }
        }
        for (int i = 0; i < n; i++) values[i] = m[i * n + i];
    }
}
