using MathNet.Numerics.LinearAlgebra;

namespace TheoryCheck.Numerics.LinearAlgebra;

/// <summary>
/// The Lyapunov equation A X + X A = C for symmetric A with positive eigenvalues and symmetric C (kgmm.md §8.3:
/// A = βI + H̄/λ, C = (c_δ/λ)Ḡ gives the stationary R⊥). With A = U Λ Uᵀ: X = U [(UᵀCU)_{ij}/(Λ_i + Λ_j)] Uᵀ.
/// </summary>
public static class SymmetricLyapunov
{
    /// <summary>Solves A X + X A = C (n×n row-major). Returns X and the residual max|AX + XA − C|.</summary>
    /// <exception cref="ArgumentException">A has an eigenvalue pair with Λ_i + Λ_j ≤ 0 (no unique solution).</exception>
    public static (double[] X, double Residual) Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> c, int n)
    {
        if (a.Length != n * n || c.Length != n * n) throw new ArgumentException("A and C must be n×n");
        var aa = a.ToArray();
        var cc = c.ToArray();
        var am = Matrix<double>.Build.Dense(n, n, (i, j) => 0.5 * (aa[i * n + j] + aa[j * n + i]));
        var cm = Matrix<double>.Build.Dense(n, n, (i, j) => 0.5 * (cc[i * n + j] + cc[j * n + i]));
        var evd = am.Evd(Symmetricity.Symmetric);
        var u = evd.EigenVectors;
        var values = evd.EigenValues.Select(z => z.Real).ToArray();
        var ct = u.TransposeThisAndMultiply(cm) * u;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = values[i] + values[j];
                if (!(s > 0)) throw new ArgumentException($"A must be positive definite (eigenvalue sum {s:G6})");
                ct[i, j] /= s;
            }
        var x = u * ct.TransposeAndMultiply(u);
        var result = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) result[i * n + j] = 0.5 * (x[i, j] + x[j, i]);
        var xm = Matrix<double>.Build.Dense(n, n, (i, j) => result[i * n + j]);
        var residual = (am * xm + xm * am - cm).Enumerate().Max(Math.Abs);
        return (result, residual);
    }
}
