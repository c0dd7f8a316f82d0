using TheoryCheck.Numerics.Statistics;

namespace TheoryCheck.Tests.Numerics.Statistics;

/// <summary>
/// Binomial confidence intervals against known values: Wilson from its closed form evaluated independently (Python, z =
/// 1.959963984540054), Clopper–Pearson from bisection on the exact binomial tail sums (Python; equal to R's
/// binom.test(10, 100) interval 0.04900469, 0.17622260) and its closed forms at x = 0 and x = n; coverage by simulation.
/// </summary>
public class BinomialIntervalTests
{
    [Fact]
    public void WilsonMatchesItsClosedForm()
    {
        var interval = BinomialInterval.Of(10, 100, 0.95, BinomialIntervalMethod.Wilson);
        Assert.Equal(0.0552291370606751, interval.Lower, 12);
        Assert.Equal(0.17436566150491345, interval.Upper, 12);
        Assert.Equal(0.1, interval.Estimate);
        var none = BinomialInterval.Of(0, 20, 0.95, BinomialIntervalMethod.Wilson);
        Assert.Equal(0.0, none.Lower);
        Assert.Equal(0.16112515805281938, none.Upper, 12);
    }

    [Fact]
    public void ClopperPearsonMatchesTheExactBinomialTails()
    {
        var interval = BinomialInterval.Of(10, 100, 0.95, BinomialIntervalMethod.ClopperPearson);
        Assert.Equal(0.049004689221485875, interval.Lower, 9);
        Assert.Equal(0.17622259774002264, interval.Upper, 9);
        var strict = BinomialInterval.Of(3, 32, 0.999, BinomialIntervalMethod.ClopperPearson);
        Assert.Equal(0.004819245406595674, strict.Lower, 9);
        Assert.Equal(0.3674643979482549, strict.Upper, 9);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(137)]
    public void ClopperPearsonEndsAtZeroAndNHaveClosedForms(int n)
    {
        var zero = BinomialInterval.Of(0, n, 0.95, BinomialIntervalMethod.ClopperPearson);
        Assert.Equal(0.0, zero.Lower);
        Assert.Equal(1 - Math.Pow(0.025, 1.0 / n), zero.Upper, 10);
        var all = BinomialInterval.Of(n, n, 0.95, BinomialIntervalMethod.ClopperPearson);
        Assert.Equal(Math.Pow(0.025, 1.0 / n), all.Lower, 10);
        Assert.Equal(1.0, all.Upper);
    }

    [Fact]
    public void ClopperPearsonContainsWilsonAndBothContainTheEstimate()
    {
        for (int x = 0; x <= 40; x++)
        {
            var w = BinomialInterval.Of(x, 40);
            var cp = BinomialInterval.Of(x, 40, 0.95, BinomialIntervalMethod.ClopperPearson);
            Assert.True(w.Contains(w.Estimate) && cp.Contains(cp.Estimate), $"x = {x}");
            Assert.True(cp.Lower <= w.Lower + 1e-12 && cp.Upper >= w.Upper - 1e-12, $"x = {x}: CP [{cp.Lower}, {cp.Upper}] vs Wilson [{w.Lower}, {w.Upper}]");
        }
    }

    [Fact]
    public void ClopperPearsonCoversAtLeastTheNominalLevel()
    {
        // Exact coverage at p = 3/32, n = 100: Σ_x P(X = x) 1{p ∈ CI(x)} ≥ 0.95 (the interval is conservative by construction).
        const int n = 100;
        const double p = 3.0 / 32;
        double coverage = 0;
        for (int x = 0; x <= n; x++)
            if (BinomialInterval.Of(x, n, 0.95, BinomialIntervalMethod.ClopperPearson).Contains(p))
                coverage += Math.Exp(LogBinomial(n, x) + x * Math.Log(p) + (n - x) * Math.Log(1 - p));
        Assert.InRange(coverage, 0.95, 1.0);
    }

    [Theory]
    [InlineData(-1, 10, 0.95)]
    [InlineData(11, 10, 0.95)]
    [InlineData(1, 0, 0.95)]
    [InlineData(1, 10, 1.0)]
    [InlineData(1, 10, 0.0)]
    public void OutOfDomainInputsAreRefused(int x, int n, double confidence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BinomialInterval.Of(x, n, confidence));

    private static double LogBinomial(int n, int k)
    {
        double s = 0;
        for (int i = 1; i <= k; i++) s += Math.Log(n - k + i) - Math.Log(i);
        return s;
    }
}
