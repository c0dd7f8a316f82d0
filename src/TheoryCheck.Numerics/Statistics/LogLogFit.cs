namespace TheoryCheck.Numerics.Statistics;

/// <summary>
/// Fits a power law y ≈ C·x^α by ordinary least squares of log y on log x (claims.md §0, "Exponent check").
/// </summary>
public static class LogLogFit
{
    /// <summary>
    /// The power-law fit of <paramref name="ys"/> against <paramref name="xs"/> (n ≥ 2 pairs, all finite and
    /// &gt; 0, at least two distinct x), with a Student-t confidence interval for α at <paramref name="confidenceLevel"/>.
    /// </summary>
    public static PowerLawFit Fit(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double confidenceLevel = 0.95)
    {
        if (xs.Length != ys.Length) throw new ArgumentException($"xs and ys must have the same length ({xs.Length} vs {ys.Length})");
        var logX = new double[xs.Length];
        var logY = new double[ys.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            if (!(xs[i] > 0) || !(ys[i] > 0) || !double.IsFinite(xs[i]) || !double.IsFinite(ys[i]))
                throw new ArgumentException($"a log–log fit needs finite positive values (point {i} is ({xs[i]}, {ys[i]}))");
            logX[i] = Math.Log(xs[i]);
            logY[i] = Math.Log(ys[i]);
        }
        return new PowerLawFit(LinearFit.Fit(logX, logY, confidenceLevel));
    }
}
