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
        double probability = 0;
        // Left ray (−∞, b_1]: f(t) = f_1 + s_L (t − b_1).
        probability += RayProbability(breakpoints[0], values[0], -leftSlope, toRight: false);
        // Segments [b_k, b_{k+1}].
        for (int k = 0; k + 1 < m; k++)
        {
            double a = breakpoints[k], b = breakpoints[k + 1], fa = values[k], fb = values[k + 1];
            if (!(b > a)) continue;
            if (fa > 0 && fb > 0) probability += StandardNormalDistribution.IntervalProbability(a, b);
            else if (fa > 0 && fb <= 0) probability += StandardNormalDistribution.IntervalProbability(a, Crossing(a, b, fa, fb));
            else if (fa <= 0 && fb > 0) probability += StandardNormalDistribution.IntervalProbability(Crossing(a, b, fa, fb), b);
        }
        // Right ray [b_m, ∞): f(t) = f_m + s_R (t − b_m).
        probability += RayProbability(breakpoints[m - 1], values[m - 1], rightSlope, toRight: true);
        return Math.Min(1, probability);
    }

    /// <summary>The zero of the line through (a, fa) and (b, fb), fa and fb of opposite signs (or one zero), clamped to [a, b].</summary>
    private static double Crossing(double a, double b, double fa, double fb)
    {
        double t = a + (b - a) * (fa / (fa - fb));
        return Math.Clamp(t, a, b);
    }

    /// <summary>
    /// Mass of {f &gt; 0} on a ray from the breakpoint p with value f_p, f = f_p + s·(distance from p) along the ray
    /// (s is the slope in the ray's direction: the right slope to the right, minus the left slope to the left).
    /// </summary>
    private static double RayProbability(double p, double fp, double outwardSlope, bool toRight)
    {
        if (fp > 0)
        {
            if (outwardSlope >= 0) return toRight ? StandardNormalDistribution.UpperTail(p) : StandardNormalDistribution.Cdf(p);
            double distance = fp / -outwardSlope;
            return toRight ? StandardNormalDistribution.IntervalProbability(p, p + distance) : StandardNormalDistribution.IntervalProbability(p - distance, p);
        }
        if (outwardSlope <= 0) return 0;
        double start = -fp / outwardSlope; // f crosses 0 at this distance from p and stays positive beyond
        return toRight ? StandardNormalDistribution.UpperTail(p + start) : StandardNormalDistribution.Cdf(p - start);
    }
}
