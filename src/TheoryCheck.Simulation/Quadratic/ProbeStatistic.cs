namespace TheoryCheck.Simulation.Quadratic;

/// <summary>A Monte-Carlo estimate: the mean over draws and its standard error.</summary>
/// <param name="Mean">Sample mean.</param>
/// <param name="StandardError">Standard error of the mean (sample sd/√N).</param>
public readonly record struct ProbeStatistic(double Mean, double StandardError)
{
    /// <summary>Mean and standard error of <paramref name="values"/> (two-pass).</summary>
    public static ProbeStatistic Of(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        if (n < 2) throw new ArgumentException("need at least two draws");
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= n;
        double ss = 0;
        foreach (double v in values) ss += (v - mean) * (v - mean);
        return new(mean, Math.Sqrt(ss / (n - 1) / n));
    }
}
