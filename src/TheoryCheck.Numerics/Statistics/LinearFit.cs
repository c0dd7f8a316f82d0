using MathNet.Numerics.Distributions;

namespace TheoryCheck.Numerics.Statistics;

/// <summary>
/// Ordinary least squares fit of y = a + b·x to n points with standard errors and a Student-t confidence
/// interval for the slope (n − 2 degrees of freedom). With x̄, ȳ the means, Sxx = Σ(x − x̄)², Sxy = Σ(x − x̄)(y − ȳ):
/// b = Sxy/Sxx, a = ȳ − b·x̄, residual variance s² = Σ(y − a − b·x)²/(n − 2), SE(b) = s/√Sxx,
/// SE(a) = s·√(1/n + x̄²/Sxx), CI(b) = b ± t_{1−α/2, n−2}·SE(b), R² = 1 − SSE/SST.
/// For n = 2 the fit is exact and the standard errors and interval are NaN (no residual degrees of freedom).
/// </summary>
public sealed record LinearFit
{
    /// <summary>Slope b.</summary>
    public required double Slope { get; init; }

    /// <summary>Intercept a (value at x = 0).</summary>
    public required double Intercept { get; init; }

    /// <summary>Standard error of the slope (NaN for n = 2).</summary>
    public required double SlopeStandardError { get; init; }

    /// <summary>Standard error of the intercept (NaN for n = 2).</summary>
    public required double InterceptStandardError { get; init; }

    /// <summary>Lower end of the slope's confidence interval at <see cref="ConfidenceLevel"/>.</summary>
    public required double SlopeLower { get; init; }

    /// <summary>Upper end of the slope's confidence interval at <see cref="ConfidenceLevel"/>.</summary>
    public required double SlopeUpper { get; init; }

    /// <summary>Two-sided confidence level of <see cref="SlopeLower"/>..<see cref="SlopeUpper"/> (default 0.95).</summary>
    public required double ConfidenceLevel { get; init; }

    /// <summary>Coefficient of determination R² = 1 − SSE/SST (1 when every y is equal and fitted exactly).</summary>
    public required double RSquared { get; init; }

    /// <summary>Residual standard error s = √(SSE/(n − 2)) (NaN for n = 2).</summary>
    public required double ResidualStandardError { get; init; }

    /// <summary>Number of points n.</summary>
    public required int Count { get; init; }

    /// <summary>Residual degrees of freedom n − 2.</summary>
    public int DegreesOfFreedom => Count - 2;

    /// <summary>The fitted value a + b·x.</summary>
    public double Predict(double x) => Intercept + Slope * x;

    /// <summary>
    /// Fits y = a + b·x by ordinary least squares. Requires n ≥ 2 finite pairs with at least two distinct x,
    /// and 0 &lt; <paramref name="confidenceLevel"/> &lt; 1.
    /// </summary>
    public static LinearFit Fit(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double confidenceLevel = 0.95)
    {
        if (xs.Length != ys.Length) throw new ArgumentException($"xs and ys must have the same length ({xs.Length} vs {ys.Length})");
        if (xs.Length < 2) throw new ArgumentException($"a linear fit needs at least 2 points (got {xs.Length})", nameof(xs));
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), $"confidence level must be in (0, 1) (got {confidenceLevel})");
        int n = xs.Length;
        double xMean = 0, yMean = 0;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(xs[i]) || !double.IsFinite(ys[i]))
                throw new ArgumentException($"fit points must be finite (point {i} is ({xs[i]}, {ys[i]}))");
            xMean += xs[i];
            yMean += ys[i];
        }
        xMean /= n;
        yMean /= n;
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = xs[i] - xMean, dy = ys[i] - yMean;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (!(sxx > 0)) throw new ArgumentException("a linear fit needs at least two distinct x values", nameof(xs));
        double slope = sxy / sxx;
        double intercept = yMean - slope * xMean;
        double sse = 0;
        for (int i = 0; i < n; i++)
        {
            double r = ys[i] - (intercept + slope * xs[i]);
            sse += r * r;
        }
        int dof = n - 2;
        double s = dof > 0 ? Math.Sqrt(sse / dof) : double.NaN;
        double slopeSe = s / Math.Sqrt(sxx);
        double interceptSe = s * Math.Sqrt(1.0 / n + xMean * xMean / sxx);
        double t = dof > 0 ? StudentT.InvCDF(0, 1, dof, 1 - (1 - confidenceLevel) / 2) : double.NaN;
        double rSquared = syy > 0 ? 1 - sse / syy : 1;
        return new LinearFit
        {
            Slope = slope,
            Intercept = intercept,
            SlopeStandardError = slopeSe,
            InterceptStandardError = interceptSe,
            SlopeLower = slope - t * slopeSe,
            SlopeUpper = slope + t * slopeSe,
            ConfidenceLevel = confidenceLevel,
            RSquared = rSquared,
            ResidualStandardError = s,
            Count = n,
        };
    }
}
