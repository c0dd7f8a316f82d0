using TheoryCheck.Numerics.Spectra;
using static TheoryCheck.Tests.Numerics.Spectra.SpectraTestData;

namespace TheoryCheck.Tests.Numerics.Spectra;

public sealed class DenseEigenOracleTests
{
    [Fact]
    public void ReproducesAKnownSpectrumAndEigenvectors()
    {
        const int n = 60;
        double[] spectrum = Enumerable.Range(0, n).Select(i => 3 - 0.1 * i - (i % 2) * 0.01).ToArray();
        (double[,] matrix, double[][] eigenvectors) = WithSpectrum(spectrum, 5);
        DenseEigenDecomposition result = DenseEigenOracle.Decompose(matrix);
        double[] sorted = spectrum.OrderByDescending(v => v).ToArray();
        int[] order = Enumerable.Range(0, n).OrderByDescending(i => spectrum[i]).ToArray();
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(result.Values[i] - sorted[i]) <= 1e-13 * 3, $"λ_{i}");
            Assert.True(Math.Abs(Math.Abs(Dot(result.Vectors[i], eigenvectors[order[i]])) - 1) <= 1e-12, $"u_{i}");
            Assert.True(Residual(v => Multiply(matrix, v), result.Vectors[i], result.Values[i]) <= 1e-13);
        }
        Assert.True(result.MaxResidualNorm <= 1e-13);
        Assert.True(OrthonormalityDefect(result.Vectors) <= 1e-13);
        Assert.Equal(4, result.TopVectors(4).Count);
    }

    [Fact]
    public void MatrixFreeOverloadMaterialisesTheOperator()
    {
        double[] diagonal = [2, -1, 5, 0.5];
        DenseEigenDecomposition result = DenseEigenOracle.Decompose(new DiagonalOperator(diagonal));
        Assert.Equal([5, 2, 0.5, -1], result.Values);
        Assert.Equal(1.0, Math.Abs(result.Vectors[0][2]));
        Assert.Equal(1.0, Math.Abs(result.Vectors[3][1]));
    }

    /// <summary>(A x)_i = x_{i+1}: the upper shift, non-symmetric.</summary>
    private sealed class ShiftOperator(int n) : ILinearOperator
    {
        public int Dimension => n;

        public void Apply(ReadOnlySpan<double> x, Span<double> y)
        {
            for (int i = 0; i < n; i++) y[i] = i + 1 < n ? x[i + 1] : 0;
        }
    }

    [Fact]
    public void MaterialiseGivesColumnsAeJAndDecomposeRejectsANonSymmetricOperator()
    {
        double[,] a = DenseEigenOracle.Materialise(new ShiftOperator(3));
        Assert.Equal(new double[,] { { 0, 1, 0 }, { 0, 0, 1 }, { 0, 0, 0 } }, a);
        Assert.Throws<ArgumentException>(() => DenseEigenOracle.Decompose(new ShiftOperator(3)));
    }

    [Fact]
    public void RejectsNonSymmetricInput()
    {
        Assert.Throws<ArgumentException>(() => DenseEigenOracle.Decompose(new double[,] { { 0, 1 }, { 0, 0 } }));
        // A matrix-free operator that is not symmetric (a shift register) is rejected after materialisation.
        Assert.Throws<ArgumentException>(() => DenseEigenOracle.Decompose(new ShiftRegister()));
    }

    private sealed class ShiftRegister : ILinearOperator
    {
        public int Dimension => 3;

        public void Apply(ReadOnlySpan<double> x, Span<double> y)
        {
            y[0] = 0;
            y[1] = x[0];
            y[2] = x[1];
        }
    }
}
