namespace TheoryCheck.Numerics.Statistics;

/// <summary>
/// Summary of an ensemble of finite values x_1..x_n (e.g. one observable over seeds): count, mean, sample
/// standard deviation s = √(Σ(x_i − x̄)²/(n − 1)), standard error s/√n, extremes, median and quantiles
/// (Hyndman–Fan type 7, the default of R, numpy and Excel's PERCENTILE.INC).
/// For n = 1 the standard deviation and standard error are NaN (no degrees of freedom).
/// Equality compares the summary numbers and the reference of the internal sorted copy.
/// </summary>
public readonly record struct EnsembleSummary
{
    private readonly double[] _sorted;

    private EnsembleSummary(double[] sorted, double mean, double standardDeviation)
    {
        _sorted = sorted;
        Mean = mean;
        StandardDeviation = standardDeviation;
    }

    /// <summary>Number of values n.</summary>
    public int Count => _sorted?.Length ?? 0;

    /// <summary>Arithmetic mean x̄ = (1/n) Σ x_i.</summary>
    public double Mean { get; }

    /// <summary>Sample standard deviation with the n − 1 denominator (NaN for n = 1).</summary>
    public double StandardDeviation { get; }

    /// <summary>Standard error of the mean s/√n (NaN for n = 1).</summary>
    public double StandardError => StandardDeviation / Math.Sqrt(Count);

    /// <summary>Smallest value.</summary>
    public double Min => Sorted[0];

    /// <summary>Largest value.</summary>
    public double Max => Sorted[^1];

    /// <summary>Median (type-7 quantile at p = ½, i.e. the mean of the two middle values for even n).</summary>
    public double Median => Quantile(0.5);

    /// <summary>The values in ascending order.</summary>
    public ReadOnlySpan<double> Sorted =>
        _sorted ?? throw new InvalidOperationException("default(EnsembleSummary) holds no values; use EnsembleSummary.Of");

    /// <summary>
    /// Summarises <paramref name="values"/> (n ≥ 1, all finite; the input is copied, not modified).
    /// The mean uses the two-pass corrected algorithm: x̄ = Σx/n, then x̄ += Σ(x − x̄)/n, and
    /// s² = (Σ(x − x̄)² − (Σ(x − x̄))²/n)/(n − 1).
    /// </summary>
    public static EnsembleSummary Of(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) throw new ArgumentException("an ensemble needs at least one value", nameof(values));
        int n = values.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"ensemble values must be finite (value {i} is {values[i]})", nameof(values));
            sum += values[i];
        }
        double mean = sum / n;
        double deviationSum = 0, squareSum = 0;
        for (int i = 0; i < n; i++)
        {
            double r = values[i] - mean;
            deviationSum += r;
            squareSum += r * r;
        }
        double sd = n > 1 ? Math.Sqrt(Math.Max(0, (squareSum - deviationSum * deviationSum / n) / (n - 1))) : double.NaN;
        mean += deviationSum / n;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        // The corrected mean can leave [min, max] by an ulp for constant data; clamp so that Min ≤ Mean ≤ Max.
        mean = Math.Clamp(mean, sorted[0], sorted[^1]);
        return new EnsembleSummary(sorted, mean, sd);
    }

    /// <summary>
    /// The type-7 quantile Q(p), 0 ≤ p ≤ 1: with h = (n − 1)p and j = ⌊h⌋ (0-based sorted values x_(j)),
    /// Q(p) = x_(j) + (h − j)(x_(j+1) − x_(j)); Q(0) = min, Q(1) = max.
    /// </summary>
    public double Quantile(double p)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), $"quantile level must be in [0, 1] (got {p})");
        var x = Sorted;
        double h = (x.Length - 1) * p;
        int j = (int)Math.Floor(h);
        if (j >= x.Length - 1) return x[^1];
        double fraction = h - j;
        return fraction == 0 ? x[j] : x[j] + fraction * (x[j + 1] - x[j]);
    }

    /// <summary>Compact text, e.g. "0.5 ± 0.01 (SE, n = 8)".</summary>
    public override string ToString() =>
        Count == 0 ? "empty" : FormattableString.Invariant($"{Mean:G6} ± {StandardError:G3} (SE, n = {Count})");
}
