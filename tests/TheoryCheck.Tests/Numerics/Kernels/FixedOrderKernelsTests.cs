using TheoryCheck.Simulation.Common;
using TheoryCheck.Numerics.Kernels;

namespace TheoryCheck.Tests.Numerics.Kernels;

public sealed class FixedOrderKernelsTests
{
    private static double[] RandomVector(Random random, int n)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.NextDouble() * 2 - 1;
        return v;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(1000)]
    [InlineData(1037)]
    public void DotMatchesExactSumAndIsIdenticalOnEveryPath(int n)
    {
        var random = new Random(11 + n);
        var x = RandomVector(random, n);
        var y = RandomVector(random, n);
        // Reference: Ogita–Rump–Oishi Dot2 (error-free products and sums), accurate to ~1 ulp here.
        double sum = 0, compensation = 0, absolute = 0;
        for (int i = 0; i < n; i++)
        {
            double product = x[i] * y[i];
            double productError = Math.FusedMultiplyAdd(x[i], y[i], -product);
            double t = sum + product;
            double z = t - sum;
            compensation += (sum - (t - z)) + (product - z) + productError;
            sum = t;
            absolute += Math.Abs(product);
        }
        double exact = sum + compensation;
        double dot = FixedOrderKernels.Dot(x, y);
        Assert.True(Math.Abs(dot - exact) <= 2 * n * 1.2e-16 * absolute, $"dot {dot} vs exact {exact}");
        foreach (int lanes in new[] { 8, 4, 1 })
        {
            if (!FixedOrderKernels.IsPathAvailable(lanes)) continue;
            Assert.Equal(BitConverter.DoubleToInt64Bits(dot), BitConverter.DoubleToInt64Bits(FixedOrderKernels.DotOnPath(x, y, lanes)));
        }
    }

    [Theory]
    [InlineData(2, 40)]
    [InlineData(3, 1000)]
    [InlineData(4, 77)]
    [InlineData(5, 64)]
    public void DotsEqualRowDotsBitForBit(int k, int n)
    {
        var random = new Random(k * 100 + n);
        int stride = n + 5;
        var rows = RandomVector(random, (k - 1) * stride + n);
        var y = RandomVector(random, n);
        var result = new double[k];
        FixedOrderKernels.Dots(rows, stride, y, result);
        for (int c = 0; c < k; c++)
            Assert.Equal(FixedOrderKernels.Dot(rows.AsSpan(c * stride, n), y), result[c]);
    }

    [Theory]
    [InlineData(2, 40)]
    [InlineData(3, 1000)]
    [InlineData(4, 77)]
    [InlineData(5, 70)]
    public void ElementKernelsAreTheScalarFormulaAndFusedPassEqualsTheSequence(int k, int n)
    {
        var random = new Random(7 * k + n);
        int stride = (n + 7) & ~7;
        var rows = RandomVector(random, k * stride);
        var sample = RandomVector(random, n);
        var normals = RandomVector(random, n);
        var mean = RandomVector(random, n);
        var coefficients = RandomVector(random, k);
        double scale = 0.999, sigma = 0.57;

        // Sequence of the three kernels, checked against the scalar formulas.
        var rowsA = (double[])rows.Clone();
        var nextA = (double[])normals.Clone();
        var dotsA = new double[k];
        FixedOrderKernels.ScaleAndAddRows(rowsA, stride, scale, coefficients, sample);
        FixedOrderKernels.ScaledAdd(nextA, sigma, mean, nextA);
        FixedOrderKernels.Dots(rowsA, stride, nextA, dotsA);
        for (int c = 0; c < k; c++)
            for (int i = 0; i < n; i++)
                Assert.Equal(Math.FusedMultiplyAdd(scale, rows[c * stride + i], coefficients[c] * sample[i]), rowsA[c * stride + i]);
        for (int i = 0; i < n; i++) Assert.Equal(Math.FusedMultiplyAdd(sigma, normals[i], mean[i]), nextA[i]);

        // Fused pass: identical bits.
        var rowsB = (double[])rows.Clone();
        var nextB = (double[])normals.Clone();
        var dotsB = new double[k];
        FixedOrderKernels.UpdateRowsAndNextDots(rowsB, stride, scale, coefficients, sample, nextB, sigma, mean, dotsB);
        Assert.Equal(rowsA, rowsB);
        Assert.Equal(nextA, nextB);
        Assert.Equal(dotsA, dotsB);
    }

    [Theory]
    [InlineData(1, 37)]
    [InlineData(3, 40)]
    [InlineData(4, 2001)]
    [InlineData(6, 19)]
    public void BlockKernelsEqualTheirRowByRowDefinitionsBitForBit(int k, int n)
    {
        var random = new Random(31 * k + n);
        int stride = n + 3;
        var samples = RandomVector(random, 3 * stride + n);
        var u = RandomVector(random, k * n);
        var dots = new double[4 * k];
        FixedOrderKernels.BlockDots(samples, stride, u, k, dots);
        for (int b = 0; b < 4; b++)
            for (int c = 0; c < k; c++)
            {
                double expected = FixedOrderKernels.Dot8(samples.AsSpan(b * stride, n), u.AsSpan(c * n, n));
                Assert.Equal(expected, dots[b * k + c]);
                foreach (int lanes in new[] { 8, 4, 1 })
                    if (FixedOrderKernels.IsPathAvailable(lanes))
                        Assert.Equal(expected, FixedOrderKernels.Dot8(samples.AsSpan(b * stride, n), u.AsSpan(c * n, n), lanes));
            }
        double exact = 0;
        for (int i = 0; i < n; i++) exact += samples[i] * u[i];
        Assert.True(Math.Abs(dots[0] - exact) <= 1e-12 * n);

        var t = RandomVector(random, 4 * k);
        t[1] = 0; // zero coefficients go through the same arithmetic
        var rowsA = RandomVector(random, k * n);
        var rowsB = (double[])rowsA.Clone();
        FixedOrderKernels.BlockAddScaled(samples, stride, t, rowsA, k);
        for (int b = 0; b < 4; b++) FixedOrderKernels.AddScaledToRows(samples.AsSpan(b * stride, n), t.AsSpan(b * k, k), rowsB);
        Assert.Equal(rowsB, rowsA);
    }

    [Fact]
    public void AddScaledToRowsIsTheScalarFormula()
    {
        var random = new Random(5);
        int k = 3, n = 45;
        var sample = RandomVector(random, n);
        var t = new[] { 0.3, 0.0, -1.7 };
        var rows = RandomVector(random, k * n);
        var expected = (double[])rows.Clone();
        for (int c = 0; c < k; c++)
            for (int i = 0; i < n; i++) expected[c * n + i] = Math.FusedMultiplyAdd(t[c], sample[i], rows[c * n + i]);
        FixedOrderKernels.AddScaledToRows(sample, t, rows);
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void ParallelEnsembleReturnsResultsInIndexOrderForAnyThreadCount()
    {
        var one = ParallelEnsemble.Run(37, i => i * i, maxThreads: 1);
        var two = ParallelEnsemble.Run(37, i => i * i, maxThreads: 2);
        Assert.Equal(Enumerable.Range(0, 37).Select(i => i * i), one);
        Assert.Equal(one, two);
        Assert.Throws<ArgumentException>(() => ParallelEnsemble.Run(3, i => i, maxThreads: 0));
        var error = Assert.Throws<InvalidOperationException>(() => ParallelEnsemble.Run<int>(4, i => i == 2 ? throw new InvalidOperationException("boom") : i, 2));
        Assert.Equal("boom", error.Message);
    }
}
