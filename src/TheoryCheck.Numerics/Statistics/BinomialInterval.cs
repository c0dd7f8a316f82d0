using MathNet.Numerics.Distributions;

namespace TheoryCheck.Numerics.Statistics;

/// <summary>
/// A confidence interval for a binomial probability p from x successes in n independent trials (domain: integers
/// 0 ≤ x ≤ n, n ≥ 1; confidence level 1 − α in (0, 1)):
/// <list type="bullet">
/// <item>Wilson score: with p̂ = x/n and z = Φ^{-1}(1 − α/2),
/// centre (p̂ + z²/(2n))/(1 + z²/n), half-width z/(1 + z²/n)·√(p̂(1 − p̂)/n + z²/(4n²));</item>
/// <item>Clopper–Pearson: [B⁻¹(α/2; x, n − x + 1), B⁻¹(1 − α/2; x + 1, n − x)] with B⁻¹ the Beta quantile, the lower end 0
/// for x = 0 and the upper end 1 for x = n (then 1 − (α/2)^{1/n} and (α/2)^{1/n} are the other ends in closed form).</item>
/// </list>
/// </summary>
/// <param name="Successes">x.</param>
/// <param name="Trials">n.</param>
/// <param name="Confidence">1 − α.</param>
/// <param name="Method">Wilson or Clopper–Pearson.</param>
/// <param name="Lower">Lower end.</param>
/// <param name="Upper">Upper end.</param>
public sealed record BinomialInterval(int Successes, int Trials, double Confidence, BinomialIntervalMethod Method, double Lower, double Upper)
{
    /// <summary>The point estimate p̂ = x/n.</summary>
    public double Estimate => (double)Successes / Trials;

    /// <summary>Whether <paramref name="p"/> lies in [Lower, Upper].</summary>
    public bool Contains(double p) => p >= Lower && p <= Upper;

    /// <summary>The interval of x successes in n trials at confidence 1 − α.</summary>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1, x outside [0, n], or a confidence outside (0, 1).</exception>
    public static BinomialInterval Of(int successes, int trials, double confidence = 0.95, BinomialIntervalMethod method = BinomialIntervalMethod.Wilson)
    {
        if (trials < 1) throw new ArgumentOutOfRangeException(nameof(trials), "at least one trial");
        if (successes < 0 || successes > trials) throw new ArgumentOutOfRangeException(nameof(successes), $"successes must lie in [0, {trials}]");
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), "the confidence level must lie in (0, 1)");
        double alpha = 1 - confidence;
        double lower, upper;
        if (method == BinomialIntervalMethod.Wilson)
        {
            double n = trials, p = successes / n, z = Normal.InvCDF(0, 1, 1 - alpha / 2), z2 = z * z;
            double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
            double half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
            lower = Math.Max(0, centre - half);
            upper = Math.Min(1, centre + half);
            // At x = 0 (x = n) the end is exactly 0 (1); rounding must not move it.
            if (successes == 0) lower = 0;
            if (successes == trials) upper = 1;
        }
        else
        {
            lower = successes == 0 ? 0 : Beta.InvCDF(successes, trials - successes + 1, alpha / 2);
            upper = successes == trials ? 1 : Beta.InvCDF(successes + 1, trials - successes, 1 - alpha / 2);
        }
        return new BinomialInterval(successes, trials, confidence, method, lower, upper);
    }
}
