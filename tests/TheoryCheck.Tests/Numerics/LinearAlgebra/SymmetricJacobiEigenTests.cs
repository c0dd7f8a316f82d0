using MathNet.Numerics.LinearAlgebra;
using TheoryCheck.Numerics.LinearAlgebra;

namespace TheoryCheck.Tests.Numerics.LinearAlgebra;

/// <summary>The small-matrix eigen kernel and the symmetric square root against MathNet's dense EVD and S·S = A.</summary>
public sealed class SymmetricJacobiEigenTests
{
    /// <summary>Symmetric part of a random matrix B, or (psd) the Gram matrix B Bᵀ.</summary>
    private static double[] RandomSymmetric(int n, int seed, bool psd)
    {
        var random = new Random(seed);
        var b = new double[n * n];
        for (int i = 0; i < b.Length; i++) b[i] = random.NextDouble() * 2 - 1;
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (!psd) { a[i * n + j] = 0.5 * (b[i * n + j] + b[j * n + i]); continue; }
                double s = 0;
                for (int l = 0; l < n; l++) s += b[i * n + l] * b[j * n + l];
                a[i * n + j] = s;
            }
        return a;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(7, 3)]
    [InlineData(20, 4)]
    public void Eigenvalues_match_the_dense_oracle_and_vectors_reconstruct_A(int n, int seed)
    {
        double[] a = RandomSymmetric(n, seed, psd: false);
        var values = new double[n];
        var vectors = new double[n * n];
        SymmetricJacobiEigen.Decompose(a, n, values, vectors, new double[n * n]);
        var oracle = Matrix<double>.Build.Dense(n, n, (i, j) => a[i * n + j]).Evd(Symmetricity.Symmetric)
            .EigenValues.Select(z => z.Real).OrderByDescending(x => x).ToArray();
        for (int i = 0; i < n; i++) Assert.Equal(oracle[i], values[i], 1e-13);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int l = 0; l < n; l++) s += vectors[i * n + l] * values[l] * vectors[j * n + l];
                Assert.Equal(a[i * n + j], s, 1e-13);
            }
    }

    [Theory]
    [InlineData(2, 5)]
    [InlineData(4, 6)]
    [InlineData(9, 7)]
    public void Square_root_is_symmetric_and_squares_to_A(int n, int seed)
    {
        double[] a = RandomSymmetric(n, seed, psd: true);
        var root = new double[n * n];
        double largest = SymmetricSquareRoot.Compute(a, n, root, new double[SymmetricSquareRoot.WorkLength(n)]);
        double oracleLargest = Matrix<double>.Build.Dense(n, n, (i, j) => a[i * n + j]).Evd(Symmetricity.Symmetric)
            .EigenValues.Max(z => z.Real);
        Assert.Equal(oracleLargest, largest, 1e-12);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                Assert.Equal(root[i * n + j], root[j * n + i]);
                double s = 0;
                for (int l = 0; l < n; l++) s += root[i * n + l] * root[l * n + j];
                Assert.Equal(a[i * n + j], s, 1e-12);
            }
    }

    [Fact]
    public void Square_root_clips_round_off_negative_eigenvalues()
    {
        // Rank-one u uᵀ minus 1e-17 on the diagonal: eigenvalues ‖u‖² − 1e-17 and −1e-17 (twice) → root of rank one.
        double[] u = [1, 2, 2];
        var a = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) a[i * 3 + j] = u[i] * u[j] - (i == j ? 1e-17 : 0);
        var root = new double[9];
        SymmetricSquareRoot.Compute(a, 3, root, new double[SymmetricSquareRoot.WorkLength(3)]);
        // √(u uᵀ) = u uᵀ/‖u‖ = u uᵀ/3.
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) Assert.Equal(u[i] * u[j] / 3, root[i * 3 + j], 1e-12);
        Assert.All(root, x => Assert.True(double.IsFinite(x)));
    }

    [Fact]
    public void Short_spans_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => SymmetricJacobiEigen.Decompose(new double[4], 2, new double[2], new double[4], new double[3]));
        Assert.Throws<ArgumentException>(() => SymmetricSquareRoot.Compute(new double[4], 2, new double[4], new double[9]));
    }
}
