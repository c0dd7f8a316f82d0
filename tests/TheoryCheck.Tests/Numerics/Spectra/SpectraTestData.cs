using MathNet.Numerics.LinearAlgebra;
using TheoryCheck.Numerics.Spectra;

namespace TheoryCheck.Tests.Numerics.Spectra;

/// <summary>
/// Test matrices with known spectra and an independent random source (xorshift128+ / Box–Muller, unrelated to the
/// library's generator) so that test inputs do not share code with the code under test.
/// </summary>
internal static class SpectraTestData
{
    internal sealed class GaussianSource(ulong seed)
    {
        private ulong _s0 = seed * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL;
        private ulong _s1 = (seed + 1) * 0xC2B2AE3D27D4EB4FUL + 0x165667B19E3779F9UL;
        private double? _spare;

        public double NextUniform()
        {
            ulong x = _s0, y = _s1;
            _s0 = y;
            x ^= x << 23;
            _s1 = x ^ y ^ (x >> 17) ^ (y >> 26);
            return ((_s1 + y) >> 11) * (1.0 / (1UL << 53));
        }

        public double Next()
        {
            if (_spare is double spare) { _spare = null; return spare; }
            double u1 = 1.0 - NextUniform(), u2 = NextUniform();
            double r = Math.Sqrt(-2 * Math.Log(u1));
            _spare = r * Math.Sin(2 * Math.PI * u2);
            return r * Math.Cos(2 * Math.PI * u2);
        }

        public double[] Vector(int n)
        {
            var v = new double[n];
            for (int i = 0; i < n; i++) v[i] = Next();
            return v;
        }
    }

    /// <summary>GOE-like matrix (G + Gᵀ)/√(2n), spectrum ≈ semicircle on [−2, 2].</summary>
    public static double[,] RandomSymmetric(int n, ulong seed)
    {
        var g = new GaussianSource(seed);
        var a = new double[n, n];
        double scale = 1 / Math.Sqrt(2.0 * n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double value = (i == j ? Math.Sqrt(2) : 1) * g.Next() * scale;
                a[i, j] = value;
                a[j, i] = value;
            }
        return a;
    }

    /// <summary>A Haar-like random orthogonal matrix (Q factor of a Gaussian matrix); columns are the basis.</summary>
    public static Matrix<double> RandomOrthogonal(int n, ulong seed)
    {
        var g = new GaussianSource(seed);
        var gaussian = Matrix<double>.Build.Dense(n, n, (_, _) => g.Next());
        return gaussian.QR().Q;
    }

    /// <summary>A = Q diag(λ) Qᵀ (exactly symmetrised) with Q random orthogonal; returns A and the columns of Q.</summary>
    public static (double[,] Matrix, double[][] Eigenvectors) WithSpectrum(double[] eigenvalues, ulong seed)
    {
        int n = eigenvalues.Length;
        Matrix<double> q = RandomOrthogonal(n, seed);
        Matrix<double> a = q * Matrix<double>.Build.DenseOfDiagonalArray(eigenvalues) * q.Transpose();
        var result = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                result[i, j] = 0.5 * (a[i, j] + a[j, i]);
        var vectors = new double[n][];
        for (int c = 0; c < n; c++) vectors[c] = q.Column(c).ToArray();
        return (result, vectors);
    }

    /// <summary>y = A x by plain loops (independent of the operator classes).</summary>
    public static double[] Multiply(double[,] a, double[] x)
    {
        int n = x.Length;
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++) sum += a[i, j] * x[j];
            y[i] = sum;
        }
        return y;
    }

    public static double Dot(double[] x, double[] y)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    public static double Norm(double[] x) => Math.Sqrt(Dot(x, x));

    /// <summary>‖A v − θ v‖ by plain loops.</summary>
    public static double Residual(Func<double[], double[]> apply, double[] v, double theta)
    {
        double[] av = apply(v);
        double sum = 0;
        for (int i = 0; i < v.Length; i++) sum += (av[i] - theta * v[i]) * (av[i] - theta * v[i]);
        return Math.Sqrt(sum);
    }

    /// <summary>max |VᵀV − I| by plain loops.</summary>
    public static double OrthonormalityDefect(IReadOnlyList<double[]> vectors)
    {
        double defect = 0;
        for (int i = 0; i < vectors.Count; i++)
            for (int j = 0; j < vectors.Count; j++)
                defect = Math.Max(defect, Math.Abs(Dot(vectors[i], vectors[j]) - (i == j ? 1 : 0)));
        return defect;
    }

    /// <summary>
    /// Cosines of principal angles between two orthonormal bases by an independent route: the eigenvalues of
    /// (UᵀW)ᵀ(UᵀW) via MathNet's EVD (cos² = eigenvalues), descending.
    /// </summary>
    public static double[] CosinesViaGram(IReadOnlyList<double[]> u, IReadOnlyList<double[]> w)
    {
        var cross = Matrix<double>.Build.Dense(u.Count, w.Count, (i, j) => Dot(u[i], w[j]));
        Matrix<double> gram = cross.TransposeThisAndMultiply(cross);
        return gram.Evd(Symmetricity.Symmetric).EigenValues
            .Select(z => Math.Sqrt(Math.Max(0, z.Real)))
            .OrderByDescending(c => c)
            .Take(Math.Min(u.Count, w.Count))
            .ToArray();
    }

    /// <summary>Matrix-free A = Σ_i θ_i u_i u_iᵀ + σ I for orthonormal u_i (never materialised).</summary>
    internal sealed class LowRankPlusIdentity(double[][] directions, double[] strengths, double shift) : ILinearOperator
    {
        public int Dimension => directions[0].Length;

        public void Apply(ReadOnlySpan<double> x, Span<double> y)
        {
            for (int i = 0; i < x.Length; i++) y[i] = shift * x[i];
            for (int r = 0; r < directions.Length; r++)
            {
                double[] u = directions[r];
                double projection = 0;
                for (int i = 0; i < x.Length; i++) projection += u[i] * x[i];
                projection *= strengths[r];
                for (int i = 0; i < x.Length; i++) y[i] += projection * u[i];
            }
        }
    }

    /// <summary>Orthonormal vectors by modified Gram–Schmidt with reorthogonalisation (test-side implementation).</summary>
    public static double[][] OrthonormalColumns(int n, int count, ulong seed)
    {
        var g = new GaussianSource(seed);
        var result = new double[count][];
        for (int c = 0; c < count; c++)
        {
            double[] v = g.Vector(n);
            for (int pass = 0; pass < 2; pass++)
                for (int p = 0; p < c; p++)
                {
                    double h = Dot(result[p], v);
                    for (int i = 0; i < n; i++) v[i] -= h * result[p][i];
                }
            double norm = Norm(v);
            for (int i = 0; i < n; i++) v[i] /= norm;
            result[c] = v;
        }
        return result;
    }
}
