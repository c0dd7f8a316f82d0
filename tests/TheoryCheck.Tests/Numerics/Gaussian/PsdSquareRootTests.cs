using MathNet.Numerics.LinearAlgebra;
using TheoryCheck.Numerics.Gaussian;

namespace TheoryCheck.Tests.Numerics.Gaussian;

public class PsdSquareRootTests
{
    private static double[,] Product(PsdSquareRoot root)
    {
        var s = new double[root.Rows, root.Rows];
        for (int i = 0; i < root.Rows; i++)
            for (int j = 0; j < root.Rows; j++)
                for (int l = 0; l < root.Columns; l++) s[i, j] += root[i, l] * root[j, l];
        return s;
    }

    private static void AssertMatrixEqual(double[,] expected, double[,] actual, double tolerance)
    {
        for (int i = 0; i < expected.GetLength(0); i++)
            for (int j = 0; j < expected.GetLength(1); j++)
                Assert.True(Math.Abs(expected[i, j] - actual[i, j]) <= tolerance, $"[{i},{j}]: {actual[i, j]:R} vs {expected[i, j]:R}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void ReproducesTheCovarianceAndMathNetSpectrum(int k)
    {
        var sigma = GaussianTestSupport.Covariance(k, 1.7, 11);
        var root = PsdSquareRoot.Compute(sigma);
        Assert.Equal(k, root.Rank);
        Assert.Equal(0.0, root.ClippedAmount);
        AssertMatrixEqual(sigma, Product(root), 1e-14 * k);
        var evd = Matrix<double>.Build.DenseOfArray(sigma).Evd();
        var expected = evd.EigenValues.Select(c => c.Real).OrderDescending().ToArray();
        for (int i = 0; i < k; i++) Assert.Equal(expected[i], root.Eigenvalues[i], 1e-13);
        Assert.Equal(Math.Sqrt(expected[0]), root.MaxStandardDeviation, 1e-13);
    }

    [Fact]
    public void RankOneCovarianceHasOneColumn()
    {
        double[] v = [1.0, -2.0, 0.5];
        var sigma = new double[3, 3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) sigma[i, j] = v[i] * v[j];
        var root = PsdSquareRoot.Compute(sigma);
        Assert.Equal(1, root.Rank);
        Assert.Equal(5.25, root.Eigenvalues[0], 1e-14);
        var reduced = root.Reduced();
        Assert.Equal(1, reduced.Columns);
        double sign = Math.Sign(reduced[0, 0]);
        for (int i = 0; i < 3; i++) Assert.Equal(v[i], sign * reduced[i, 0], 1e-14);
        AssertMatrixEqual(sigma, Product(root), 1e-14);
    }

    [Fact]
    public void RoundOffNegativeEigenvaluesAreClippedAndReported()
    {
        // Σ = diag(2, 1, −3e-15): a PSD matrix hit by round-off.
        var sigma = new double[,] { { 2, 0, 0 }, { 0, 1, 0 }, { 0, 0, -3e-15 } };
        var root = PsdSquareRoot.Compute(sigma);
        Assert.Equal(3e-15, root.ClippedAmount, 1e-20);
        Assert.Equal(2, root.Rank);
        Assert.Equal(0.0, root.Eigenvalues[2]);
        AssertMatrixEqual(new double[,] { { 2, 0, 0 }, { 0, 1, 0 }, { 0, 0, 0 } }, Product(root), 1e-15);
    }

    [Fact]
    public void RejectsIndefiniteAndAsymmetricMatrices()
    {
        Assert.Throws<ArgumentException>(() => PsdSquareRoot.Compute(new double[,] { { 1, 2 }, { 2, 1 } }));
        Assert.Throws<ArgumentException>(() => PsdSquareRoot.Compute(new double[,] { { 1, 0.5 }, { 0.4, 1 } }));
        Assert.Throws<ArgumentException>(() => PsdSquareRoot.Compute(new double[,] { { 1, 0 }, { 0, double.NaN } }));
        Assert.Throws<ArgumentException>(() => PsdSquareRoot.Compute(new double[2, 3]));
    }

    [Fact]
    public void FromFactorKeepsTheFactorAndReducesToItsRank()
    {
        // C = [[1, 1], [0, 0], [2, 2]] has rank 1: Σ = C Cᵀ = 2·uuᵀ with u = (1, 0, 2).
        double[] c = [1, 1, 0, 0, 2, 2];
        var root = PsdSquareRoot.FromFactor(c, 3, 2);
        Assert.Equal(2, root.Columns);
        Assert.Equal(1, root.Rank);
        Assert.Equal(10.0, root.Eigenvalues[0], 1e-14);
        var reduced = root.Reduced();
        Assert.Equal(1, reduced.Columns);
        AssertMatrixEqual(Product(root), Product(reduced), 1e-14);
    }
}
