namespace TheoryCheck.Numerics.Roots;

/// <summary>
/// Brent's method (Brent 1973, "Algorithms for minimization without derivatives", ch. 4, "zeroin"): a root of a
/// continuous f on a bracket [a, b] with f(a)·f(b) ≤ 0, by inverse quadratic / secant steps safeguarded by
/// bisection, to |x − x*| ≤ 4ε|x| + tolerance. Used by ODE event location and the scalar equations of the theories.
/// </summary>
public static class BrentRoot
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Iteration cap; bisection alone would need at most ~2100 halvings of a double interval, Brent far fewer.</summary>
    public const int MaxIterations = 200;

    /// <summary>Root of <paramref name="f"/> on [<paramref name="a"/>, <paramref name="b"/>] (f evaluated at both ends).</summary>
    /// <exception cref="ArgumentException">f(a) and f(b) have the same strict sign, or a value is not finite.</exception>
    public static ScalarRoot Find(Func<double, double> f, double a, double b, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(f);
        ScalarRoot root = Find(f, a, b, f(a), f(b), tolerance);
        return root with { Evaluations = root.Evaluations + 2 };
    }

    /// <summary>
    /// Root of <paramref name="f"/> on [<paramref name="a"/>, <paramref name="b"/>] given the end-point values
    /// <paramref name="fa"/> = f(a) and <paramref name="fb"/> = f(b) (not re-evaluated).
    /// </summary>
    /// <exception cref="ArgumentException">fa and fb have the same strict sign, or a value is not finite.</exception>
    public static ScalarRoot Find(Func<double, double> f, double a, double b, double fa, double fb, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(fa) || !double.IsFinite(fb))
            throw new ArgumentException($"Brent needs a finite bracket and finite end values (a = {a}, b = {b}, f(a) = {fa}, f(b) = {fb})");
        if (!(tolerance >= 0)) throw new ArgumentException($"tolerance must be ≥ 0 (got {tolerance})", nameof(tolerance));
        if ((fa > 0 && fb > 0) || (fa < 0 && fb < 0))
            throw new ArgumentException($"root not bracketed: f({a}) = {fa} and f({b}) = {fb} have the same sign");
        if (fb == 0) return new ScalarRoot(b, 0, 0, true);
        if (fa == 0) return new ScalarRoot(a, 0, 0, true);

        double c = b, fc = fb, d = b - a, e = d;
        int evaluations = 0;
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0))
            {
                c = a;
                fc = fa;
                d = b - a;
                e = d;
            }

            if (Math.Abs(fc) < Math.Abs(fb))
            {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }

            double step = 2 * MachineEpsilon * Math.Abs(b) + 0.5 * tolerance;
            double middle = 0.5 * (c - b);
            if (Math.Abs(middle) <= step || fb == 0) return new ScalarRoot(b, fb, evaluations, true);

            if (Math.Abs(e) >= step && Math.Abs(fa) > Math.Abs(fb))
            {
                // Inverse quadratic interpolation (secant when a = c), accepted only inside the safeguard.
                double s = fb / fa, p, q;
                if (a == c)
                {
                    p = 2 * middle * s;
                    q = 1 - s;
                }
                else
                {
                    double qa = fa / fc, r = fb / fc;
                    p = s * (2 * middle * qa * (qa - r) - (b - a) * (r - 1));
                    q = (qa - 1) * (r - 1) * (s - 1);
                }

                if (p > 0) q = -q;
                p = Math.Abs(p);
                if (2 * p < Math.Min(3 * middle * q - Math.Abs(step * q), Math.Abs(e * q)))
                {
                    e = d;
                    d = p / q;
                }
                else
                {
                    d = middle;
                    e = d;
                }
            }
            else
            {
                d = middle;
                e = d;
            }

            a = b;
            fa = fb;
            b += Math.Abs(d) > step ? d : Math.CopySign(step, middle);
            fb = f(b);
            evaluations++;
        }

        return new ScalarRoot(b, fb, evaluations, false);
    }
}
