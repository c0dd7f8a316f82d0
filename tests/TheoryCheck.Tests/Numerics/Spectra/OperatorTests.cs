using TheoryCheck.Numerics.Spectra;
using static TheoryCheck.Tests.Numerics.Spectra.SpectraTestData;

namespace TheoryCheck.Tests.Numerics.Spectra;

public sealed class OperatorTests
{
    private static double[] Apply(ILinearOperator op, double[] x)
    {
        var y = new double[op.Dimension];
        op.Apply(x, y);
        return y;
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"entry {i}: {actual[i]:R} vs {expected[i]:R}");
    }

    [Fact]
    public void DenseSymmetricOperatorMultipliesLikeTheMatrix()
    {
        double[,] matrix = RandomSymmetric(37, 1);
        var op = new DenseSymmetricOperator(matrix);
        double[] x = new GaussianSource(2).Vector(37);
        AssertClose(Multiply(matrix, x), Apply(op, x), 1e-14);
        Assert.Equal(37, op.Dimension);
        Assert.Equal(0, op.SymmetryDefect);
        Assert.Equal(matrix[3, 5], op[3, 5]);
        Assert.Equal(matrix[3, 5], op.ToMatrix()[3, 5]);
    }

    [Fact]
    public void DenseSymmetricOperatorRejectsBadMatrices()
    {
        Assert.Throws<ArgumentException>(() => new DenseSymmetricOperator(new double[,] { { 1, 2 }, { 2.1, 1 } }));
        Assert.Throws<ArgumentException>(() => new DenseSymmetricOperator(new double[2, 3]));
        Assert.Throws<ArgumentException>(() => new DenseSymmetricOperator(new double[0, 0]));
        Assert.Throws<ArgumentException>(() => new DenseSymmetricOperator(new double[,] { { double.NaN } }));
        // Round-off asymmetry (relative 1e-14) is accepted and reported.
        var nearly = new DenseSymmetricOperator(new double[,] { { 1, 2 }, { 2 + 4e-14, 1 } });
        Assert.True(nearly.SymmetryDefect > 0);

        var op = new DenseSymmetricOperator(new double[,] { { 1, 0 }, { 0, 1 } });
        Assert.Throws<ArgumentException>(() => op.Apply(new double[3], new double[2]));
        Assert.Throws<ArgumentException>(() => op.Apply(new double[2], new double[1]));
        var shared = new double[2];
        Assert.Throws<ArgumentException>(() => op.Apply(shared, shared));
    }

    [Fact]
    public void DiagonalAndCountingOperators()
    {
        double[] diagonal = [1.5, -2, 0, 4];
        double[] x = [1, 2, 3, -1];
        var diag = new DiagonalOperator(diagonal);
        AssertClose([1.5, -4, 0, -4], Apply(diag, x), 0);

        var counter = new MatvecCountingOperator(diag);
        Apply(counter, x);
        Apply(counter, x);
        Assert.Equal(2, counter.Count);
        counter.Reset();
        Assert.Equal(0, counter.Count);

        Assert.Throws<ArgumentException>(() => new DiagonalOperator([]));
    }

    [Fact]
    public void WeightedGramWithScalarWeightsIsYTransposeDiagHYOverM()
    {
        const int m = 23, d = 9;
        var g = new GaussianSource(3);
        double[] samples = g.Vector(m * d);
        double[] weights = g.Vector(m).Select(Math.Abs).ToArray();
        var op = new WeightedGramOperator(samples, m, d, weights);
        // Explicit (1/M) Σ_j h_j y_j y_jᵀ.
        var a = new double[d, d];
        for (int j = 0; j < m; j++)
            for (int r = 0; r < d; r++)
                for (int c = 0; c < d; c++)
                    a[r, c] += weights[j] * samples[j * d + r] * samples[j * d + c] / m;
        double[] x = g.Vector(d);
        AssertClose(Multiply(a, x), Apply(op, x), 1e-13);
        Assert.Equal(d, op.Dimension);
    }

    [Fact]
    public void WeightedGramWithBlockWeightsIsTheFullKroneckerSum()
    {
        const int m = 17, d = 6, k = 3;
        var g = new GaussianSource(4);
        double[] samples = g.Vector(m * d);
        var weights = new double[m * k * k];
        for (int j = 0; j < m; j++)
            for (int c = 0; c < k; c++)
                for (int c2 = 0; c2 <= c; c2++)
                {
                    double w = g.Next();
                    weights[(j * k + c) * k + c2] = w;
                    weights[(j * k + c2) * k + c] = w;
                }
        var op = new WeightedGramOperator(samples, m, d, weights, k);
        // Explicit block matrix: block (c, c') = (1/M) Σ_j H_j[c,c'] y_j y_jᵀ.
        var a = new double[k * d, k * d];
        for (int j = 0; j < m; j++)
            for (int c = 0; c < k; c++)
                for (int c2 = 0; c2 < k; c2++)
                    for (int r = 0; r < d; r++)
                        for (int s = 0; s < d; s++)
                            a[c * d + r, c2 * d + s] += weights[(j * k + c) * k + c2] * samples[j * d + r] * samples[j * d + s] / m;
        double[] x = g.Vector(k * d);
        AssertClose(Multiply(a, x), Apply(op, x), 1e-13);
        Assert.Equal(k * d, op.Dimension);

        var asymmetric = (double[])weights.Clone();
        asymmetric[1] += 0.1;
        Assert.Throws<ArgumentException>(() => new WeightedGramOperator(samples, m, d, asymmetric, k));
        Assert.Throws<ArgumentException>(() => new WeightedGramOperator(samples, m, d + 1, weights, k));
        Assert.Throws<ArgumentException>(() => new WeightedGramOperator(samples, m, d, weights, 2));
    }
}
