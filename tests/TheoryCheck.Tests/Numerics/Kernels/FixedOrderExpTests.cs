using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Common;

namespace TheoryCheck.Tests.Simulation.Common;

/// <summary>The fixed-order exponential against Math.Exp: a few ulp everywhere, the right special values.</summary>
public sealed class FixedOrderExpTests
{
    [Fact]
    public void AgreesWithMathExpToAFewUlpOverTheWholeRange()
    {
        var stream = new RandomStream(StreamKey.Derive(3, "test.exp"));
        double worst = 0, at = 0;
        for (int i = 0; i < 400_000; i++)
        {
            // Uniform over [−708, 709.7] (normal results) and, for a quarter of the points, over the softmax range [−40, 0].
            double x = i % 4 == 0 ? -40 * stream.NextDouble() : -708 + 1417.7 * stream.NextDouble();
            double expected = Math.Exp(x);
            double error = Math.Abs(FixedOrderExp.Exp(x) - expected) / expected;
            if (error > worst) (worst, at) = (error, x);
        }
        Assert.True(worst <= 4.5e-16, $"relative error {worst:E2} at x = {at}");
    }

    [Fact]
    public void SpecialValuesAndUnderflow()
    {
        Assert.Equal(1.0, FixedOrderExp.Exp(0.0));
        Assert.Equal(1.0, FixedOrderExp.Exp(-0.0));
        Assert.Equal(Math.E, FixedOrderExp.Exp(1.0), 1e-15);
        Assert.Equal(0.0, FixedOrderExp.Exp(double.NegativeInfinity));
        Assert.Equal(0.0, FixedOrderExp.Exp(-746));
        Assert.Equal(double.PositiveInfinity, FixedOrderExp.Exp(double.PositiveInfinity));
        Assert.Equal(double.PositiveInfinity, FixedOrderExp.Exp(710));
        Assert.True(double.IsNaN(FixedOrderExp.Exp(double.NaN)));
        // Near the overflow threshold and in the subnormal range: still close to Math.Exp.
        Assert.Equal(1.0, FixedOrderExp.Exp(709.75) / Math.Exp(709.75), 1e-15);
        foreach (double x in new[] { -709.0, -720.0, -740.0 })
            Assert.True(Math.Abs(FixedOrderExp.Exp(x) - Math.Exp(x)) <= 1e-3 * Math.Exp(x) + 5e-324, $"x = {x}");
    }
}
