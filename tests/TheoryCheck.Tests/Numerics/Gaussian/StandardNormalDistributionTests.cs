using MathNet.Numerics;
using TheoryCheck.Numerics.Gaussian;

namespace TheoryCheck.Tests.Numerics.Gaussian;

public sealed class StandardNormalDistributionTests
{
    /// <summary>Hart 5666 against ½erfc(−x/√2) (MathNet): absolute error ≤ 3e-16 everywhere, relative ≤ 1e-8 in the tails.</summary>
    [Fact]
    public void CdfMatchesTheComplementaryErrorFunction()
    {
        for (int i = -4000; i <= 4000; i++)
        {
            double x = i / 100.0;
            double reference = 0.5 * SpecialFunctions.Erfc(-x / Math.Sqrt(2));
            double value = StandardNormalDistribution.Cdf(x);
            Assert.True(Math.Abs(value - reference) <= 3e-16, $"Φ({x}) = {value} vs {reference}");
            if (x < 0 && x >= -37) Assert.True(Math.Abs(value - reference) <= 1e-8 * reference, $"relative error at {x}");
            Assert.Equal(StandardNormalDistribution.Cdf(-x), StandardNormalDistribution.UpperTail(x));
        }
        Assert.Equal(0, StandardNormalDistribution.Cdf(double.NegativeInfinity));
        Assert.Equal(1, StandardNormalDistribution.Cdf(double.PositiveInfinity));
    }

    [Fact]
    public void IntervalProbabilitiesAreAccurateInTheTailsAndAdditive()
    {
        // P(8 < T ≤ 9): both Φ values round to 1 in double, the tail difference keeps the digits.
        double tail = StandardNormalDistribution.IntervalProbability(8, 9);
        double reference = 0.5 * (SpecialFunctions.Erfc(8 / Math.Sqrt(2)) - SpecialFunctions.Erfc(9 / Math.Sqrt(2)));
        Assert.True(Math.Abs(tail - reference) <= 1e-8 * reference);
        Assert.Equal(0, StandardNormalDistribution.IntervalProbability(1, 1));
        Assert.Equal(0, StandardNormalDistribution.IntervalProbability(2, 1));
        double whole = StandardNormalDistribution.IntervalProbability(-1.5, -0.2) + StandardNormalDistribution.IntervalProbability(-0.2, 0.7)
                       + StandardNormalDistribution.IntervalProbability(0.7, 3);
        Assert.Equal(StandardNormalDistribution.IntervalProbability(-1.5, 3), whole, 15);
        Assert.Equal(1, StandardNormalDistribution.IntervalProbability(double.NegativeInfinity, double.PositiveInfinity), 15);
    }
}
