using System.Globalization;

namespace TheoryCheck.Tests.Simulation.Kgmm;

/// <summary>
/// Two-sample comparisons of the laws of scalar statistics from independent replicates (docs/theory/subspace.md §9):
/// for each statistic, the Kolmogorov–Smirnov statistic D = sup|F₁ − F₂| with its asymptotic p-value at the effective
/// size n₁n₂/(n₁ + n₂), a z-score of the difference of means (Welch) and a z-score of the difference of variances
/// (standard errors from the fourth central moments). A family of comparisons is rejected by Bonferroni at level α:
/// when some p-value (the KS one, or the two-sided normal one of a z-score) is below α/(3·size).
/// </summary>
internal static class TwoSampleBattery
{
    /// <summary>One statistic compared at one time.</summary>
    public sealed record Comparison(string Statistic, double Time, double KsDistance, double KsPValue, double MeanZ, double VarianceZ)
    {
        /// <summary>Smallest of the three p-values.</summary>
        public double MinPValue => Math.Min(KsPValue, Math.Min(TwoSidedP(MeanZ), TwoSidedP(VarianceZ)));
    }

    /// <summary>Compares two samples of one statistic.</summary>
    public static Comparison Compare(string statistic, double time, double[] first, double[] second)
    {
        double d = KolmogorovSmirnov(first, second);
        double n = (double)first.Length * second.Length / (first.Length + second.Length);
        var (m1, v1, q1) = Moments(first);
        var (m2, v2, q2) = Moments(second);
        double meanSe = Math.Sqrt(v1 / first.Length + v2 / second.Length);
        double varianceSe = Math.Sqrt((q1 - v1 * v1) / first.Length + (q2 - v2 * v2) / second.Length);
        return new Comparison(statistic, time, d, KolmogorovPValue(d, n),
            meanSe > 0 ? (m1 - m2) / meanSe : m1 == m2 ? 0 : double.PositiveInfinity,
            varianceSe > 0 ? (v1 - v2) / varianceSe : v1 == v2 ? 0 : double.PositiveInfinity);
    }

    /// <summary>Whether Bonferroni at level α rejects "same law" for the family.</summary>
    public static bool Rejects(IReadOnlyList<Comparison> family, double alpha) =>
        family.Min(c => c.MinPValue) < alpha / (3.0 * family.Count);

    /// <summary>
    /// The verdict of an engine's distribution test: <paramref name="family"/> (engine vs reference) is not rejected and
    /// <paramref name="control"/> (a planted error vs reference) is; both summaries are written to <paramref name="output"/>.
    /// </summary>
    public static void AssertSameLawAndControlDetected(IReadOnlyList<Comparison> family, IReadOnlyList<Comparison> control, double alpha,
        Xunit.Abstractions.ITestOutputHelper output)
    {
        output.WriteLine("subspace vs full: " + Summary(family));
        output.WriteLine("χ²_d control vs full: " + Summary(control));
        Xunit.Assert.False(Rejects(family, alpha), "subspace vs full rejected: " + Summary(family));
        Xunit.Assert.True(Rejects(control, alpha), "negative control not detected: " + Summary(control));
    }

    /// <summary>
    /// x rounded to a multiple of 10⁻¹²: the engines' statistics agree in law but not bit for bit, and a law with atoms
    /// (a deterministic start, a few steps) must compare its atoms as equal values, not as two samples 10⁻¹⁵ apart.
    /// </summary>
    public static double Quantise(double x) => Math.Round(x / 1e-12) * 1e-12;

    /// <summary>The Bonferroni threshold of one p-value.</summary>
    public static double Threshold(IReadOnlyList<Comparison> family, double alpha) => alpha / (3.0 * family.Count);

    /// <summary>One line: smallest KS p-value, largest |z| of means and variances, and which statistic.</summary>
    public static string Summary(IReadOnlyList<Comparison> family)
    {
        var ks = family.MinBy(c => c.KsPValue)!;
        var mean = family.MaxBy(c => Math.Abs(c.MeanZ))!;
        var variance = family.MaxBy(c => Math.Abs(c.VarianceZ))!;
        return string.Create(CultureInfo.InvariantCulture,
            $"{family.Count} statistics×times: min KS p = {ks.KsPValue:G3} ({ks.Statistic}, t = {ks.Time}), " +
            $"max |z_mean| = {Math.Abs(mean.MeanZ):F2} ({mean.Statistic}, t = {mean.Time}), " +
            $"max |z_var| = {Math.Abs(variance.VarianceZ):F2} ({variance.Statistic}, t = {variance.Time}); " +
            $"Bonferroni threshold {Threshold(family, 1e-3):G3}");
    }

    /// <summary>Two-sided normal p-value 2(1 − Φ(|z|)).</summary>
    public static double TwoSidedP(double z) => MathNet.Numerics.SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2.0));

    private static double KolmogorovSmirnov(double[] first, double[] second)
    {
        var a = first.ToArray();
        var b = second.ToArray();
        Array.Sort(a);
        Array.Sort(b);
        int i = 0, j = 0;
        double d = 0;
        while (i < a.Length && j < b.Length)
        {
            double x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= x) i++;
            while (j < b.Length && b[j] <= x) j++;
            d = Math.Max(d, Math.Abs((double)i / a.Length - (double)j / b.Length));
        }
        return d;
    }

    /// <summary>Q(λ) = 2Σ(−1)^{k−1}exp(−2k²λ²), λ = (√n + 0.12 + 0.11/√n)D (Stephens; Numerical Recipes §14.3).</summary>
    private static double KolmogorovPValue(double d, double n)
    {
        double root = Math.Sqrt(n);
        double lambda = (root + 0.12 + 0.11 / root) * d;
        if (lambda < 0.2) return 1.0;
        double sum = 0, sign = 1;
        for (int k = 1; k <= 100; k++)
        {
            double term = sign * Math.Exp(-2.0 * k * k * lambda * lambda);
            sum += term;
            if (Math.Abs(term) < 1e-300) break;
            sign = -sign;
        }
        return Math.Clamp(2 * sum, 0, 1);
    }

    private static (double Mean, double Variance, double FourthMoment) Moments(double[] x)
    {
        double mean = x.Average();
        double m2 = 0, m4 = 0;
        foreach (double v in x)
        {
            double d2 = (v - mean) * (v - mean);
            m2 += d2;
            m4 += d2 * d2;
        }
        return (mean, m2 / (x.Length - 1), m4 / x.Length);
    }
}
