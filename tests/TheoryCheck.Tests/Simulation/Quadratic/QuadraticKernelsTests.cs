using TheoryCheck.Simulation.Quadratic;

namespace TheoryCheck.Tests.Simulation.Quadratic;

/// <summary>The affine SGD kernel: element-wise fma values, its sum of squares, and the non-writing twin.</summary>
public sealed class QuadraticKernelsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(33)]
    [InlineData(1000)]
    public void Update_writes_fma_values_and_both_forms_return_the_same_sum_bit_for_bit(int n)
    {
        var random = new Random(n);
        double[] e = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        double[] z = Enumerable.Range(0, n + 3).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        const double a = 0.75, c = 0.3;
        double[] expected = e.Select((x, i) => Math.FusedMultiplyAdd(a, x, -(c * z[i]))).ToArray();
        double reference = expected.Sum(v => v * v);

        double[] original = (double[])e.Clone();
        double withoutWriting = QuadraticKernels.AffineSumOfSquares(e, z, a, c);
        Assert.Equal(original, e);
        double[] copy = (double[])e.Clone();
        double written = QuadraticKernels.AffineUpdate(copy, z, a, c);

        Assert.Equal(expected, copy);
        Assert.Equal(BitConverter.DoubleToInt64Bits(written), BitConverter.DoubleToInt64Bits(withoutWriting));
        Assert.Equal(reference, written, 1e-13 * reference);
    }

    [Fact]
    public void A_noise_span_shorter_than_the_state_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => QuadraticKernels.AffineUpdate(new double[4], new double[3], 1, 1));
    }
}
