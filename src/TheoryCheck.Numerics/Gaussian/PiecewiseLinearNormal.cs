namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// Exact probabilities P(f(T) &gt; 0), T ~ N(0, 1), for a continuous piecewise-linear f — the closed-form inner
/// integral of a Gaussian expectation conditioned on a line (a ReLU network's output is piecewise linear along any
/// line of its input, so the probability that it is positive is a sum of Φ-differences over the intervals where it is).
/// </summary>
public static class PiecewiseLinearNormal
{
    /// <summary>P(c + sT &gt; 0) for the linear f(t) = c + s·t: Φ(c/|s|) for s ≠ 0, else 1 if c &gt; 0 and 0 otherwise.</summary>
    /// <param name="intercept">c = f(0).</param>
    /// <param name="slope">s.</param>
    public static double PositiveProbability(double intercept, double slope)
    {
        if (!double.IsFinite(intercept) || !double.IsFinite(slope)) throw new ArgumentException("intercept and slope must be finite");
        if (slope == 0) return intercept > 0 ? 1 : 0;
        return StandardNormalDistribution.Cdf(intercept / Math.Abs(slope));
    }

    /// <summary>
    /// P(f(T) &gt; 0) for the continuous piecewise-linear f with breakpoints b_1 ≤ … ≤ b_m (m ≥ 1), values f(b_k), slope
    /// <paramref name="leftSlope"/> on (−∞, b_1] and <paramref name="rightSlope"/> on [b_m, ∞); f is linear between
    /// consecutive breakpoints. Sum over the maximal sub-intervals where f &gt; 0 of Φ(right) − Φ(left), each crossing
    /// located by linear interpolation. A segment on which f ≡ 0 contributes nothing (strict inequality).
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, m = 0, unsorted or non-finite input.</exception>
    public static double PositiveProbability(ReadOnlySpan<double> breakpoints, ReadOnlySpan<double> values, double leftSlope, double rightSlope)
    {
        int m = breakpoints.Length;
        if (m == 0 || values.Length != m) throw new ArgumentException("need m ≥ 1 breakpoints and one value per breakpoint");
        if (!double.IsFinite(leftSlope) || !double.IsFinite(rightSlope)) throw new ArgumentException("slopes must be finite");
        for (int k = 0; k < m; k++)
        {
            if (!double.IsFinite(breakpoints[k]) || !double.IsFinite(values[k])) throw new ArgumentException("breakpoints and values must be finite");
            if (k > 0 && breakpoints[k] < breakpoints[k - 1]) throw new ArgumentException("breakpoints must be sorted ascending");
        }
        // Walk along t, merging adjacent positive pieces into maximal runs (a, b) so that each run costs two Φ values.
        double probability = 0;
        double runStart = double.NaN; // start of the current positive run, NaN when f ≤ 0 at the walk's position
        // Left ray (−∞, b_1]: f(t) = f_1 + s_L (t − b_1).
        if (values[0] > 0)
            runStart = leftSlope > 0 ? breakpoints[0] - values[0] / leftSlope : double.NegativeInfinity;
        else if (leftSlope < 0)
            probability += StandardNormalDistribution.Cdf(breakpoints[0] - values[0] / leftSlope); // positive on (−∞, b_1 − f_1/s_L)
        // Segments [b_k, b_{k+1}].
        for (int k = 0; k + 1 < m; k++)
        {
            double a = breakpoints[k], b = breakpoints[k + 1], fa = values[k], fb = values[k + 1];
            if (!(b > a)) continue;
            bool inRun = !double.IsNaN(runStart);
            if (inRun && fb <= 0)
            {
                probability += StandardNormalDistribution.IntervalProbability(runStart, Crossing(a, b, fa, fb));
                runStart = double.NaN;
            }
            else if (!inRun && fb > 0)
            {
                runStart = fa > 0 ? a : Crossing(a, b, fa, fb);
            }
        }
        // Right ray [b_m, ∞): f(t) = f_m + s_R (t − b_m).
        double last = breakpoints[m - 1], fLast = values[m - 1];
        if (!double.IsNaN(runStart))
        {
            double end = rightSlope < 0 ? last - fLast / rightSlope : double.PositiveInfinity;
            probability += StandardNormalDistribution.IntervalProbability(runStart, end);
        }
        else if (rightSlope > 0)
        {
            probability += StandardNormalDistribution.UpperTail(last - fLast / rightSlope);
        }
        return Math.Min(1, probability);
    }

    /// <summary>The zero of the line through (a, fa) and (b, fb), fa and fb of opposite signs (or one zero), clamped to [a, b].</summary>
    private static double Crossing(double a, double b, double fa, double fb)
    {
        double t = a + (b - a) * (fa / (fa - fb));
        return Math.Clamp(t, a, b);
    }
}
