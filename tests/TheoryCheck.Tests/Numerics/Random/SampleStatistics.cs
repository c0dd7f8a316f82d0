// Not "…Numerics.Random": a namespace named Random under TheoryCheck.Tests.Numerics would shadow System.Random
// in every sibling test namespace (TheoryCheck.Tests.Numerics.*).
namespace TheoryCheck.Tests.Numerics.RandomStreams;

/// <summary>Independent statistics used by the Random tests (moments, correlation, Kolmogorov–Smirnov).</summary>
internal static class SampleStatistics
{
    /// <summary>Mean, variance (1/n), skewness and excess kurtosis, from two passes (mean first, then central sums).</summary>
    public static (double Mean, double Variance, double Skewness, double ExcessKurtosis) Moments(ReadOnlySpan<double> x)
    {
        double sum = 0;
        foreach (double v in x)
        {
            sum += v;
        }

        double mean = sum / x.Length;
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (double v in x)
        {
            double d = v - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }

        m2 /= x.Length;
        m3 /= x.Length;
        m4 /= x.Length;
        return (mean, m2, m3 / Math.Pow(m2, 1.5), (m4 / (m2 * m2)) - 3.0);
    }

    /// <summary>Pearson correlation of two equally long samples.</summary>
    public static double Correlation(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("Samples must have equal length.");
        }

        double mx = 0, my = 0;
        for (int i = 0; i < x.Length; i++)
        {
            mx += x[i];
            my += y[i];
        }

        mx /= x.Length;
        my /= y.Length;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Kolmogorov–Smirnov statistic D = sup |F_n − F| of a sample against a continuous CDF (sorts a copy).</summary>
    public static double KolmogorovSmirnov(ReadOnlySpan<double> sample, Func<double, double> cdf)
    {
        double[] sorted = sample.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max(((i + 1.0) / n) - f, f - ((double)i / n)));
        }

        return d;
    }

    /// <summary>
    /// Asymptotic p-value of the KS statistic: Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} exp(−2k²λ²) with Stephens' correction
    /// λ = (√n + 0.12 + 0.11/√n)·D (Numerical Recipes §14.3).
    /// </summary>
    public static double KolmogorovPValue(double d, int n)
    {
        double rootN = Math.Sqrt(n);
        double lambda = (rootN + 0.12 + (0.11 / rootN)) * d;
        if (lambda < 0.2)
        {
            return 1.0;
        }

        double sum = 0, sign = 1;
        for (int k = 1; k <= 100; k++)
        {
            double term = sign * Math.Exp(-2.0 * k * k * lambda * lambda);
            sum += term;
            if (Math.Abs(term) < 1e-16)
            {
                break;
            }

            sign = -sign;
        }

        return Math.Clamp(2 * sum, 0, 1);
    }

    /// <summary>Standard normal CDF Φ(x) = erfc(−x/√2)/2 (MathNet's erfc, an implementation independent of ours).</summary>
    public static double NormalCdf(double x) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-x / Math.Sqrt(2.0));

    /// <summary>True when every element of the two spans has the same bit pattern.</summary>
    public static bool BitwiseEqual(ReadOnlySpan<double> a, ReadOnlySpan<double> b, out int firstDifference)
    {
        firstDifference = -1;
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (BitConverter.DoubleToUInt64Bits(a[i]) != BitConverter.DoubleToUInt64Bits(b[i]))
            {
                firstDifference = i;
                return false;
            }
        }

        return true;
    }
}
