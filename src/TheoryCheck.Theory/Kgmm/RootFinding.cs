namespace TheoryCheck.Theory.Kgmm;

/// <summary>Scalar root finding for the kgmm theory (fixed point §8.2, outliers §11).</summary>
internal static class RootFinding
{
    /// <summary>
    /// Brent's method (Brent 1973, "Algorithms for minimization without derivatives", ch. 4): a root of f in the
    /// bracket [a, b] (f(a)·f(b) ≤ 0) to absolute accuracy <paramref name="tolerance"/> (plus 4ε|x|).
    /// </summary>
    public static double Brent(Func<double, double> f, double a, double b, double tolerance)
    {
        double fa = f(a), fb = f(b);
        if (fa * fb > 0) throw new InvalidOperationException("root not bracketed");
        if (fb == 0) return b;
        double c = a, fc = fa, d = b - a, e = d;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            if (fb * fc > 0) { c = a; fc = fa; d = b - a; e = d; }
            if (Math.Abs(fc) < Math.Abs(fb)) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa; }
            double tol = 2 * 2.2e-16 * Math.Abs(b) + 0.5 * tolerance;
            double mid = 0.5 * (c - b);
            if (Math.Abs(mid) <= tol || fb == 0) return b;
            if (Math.Abs(e) >= tol && Math.Abs(fa) > Math.Abs(fb))
            {
                double s = fb / fa, p, q;
                if (a == c)
                {
                    p = 2 * mid * s;
                    q = 1 - s;
                }
                else
                {
                    double qq = fa / fc, rr = fb / fc;
                    p = s * (2 * mid * qq * (qq - rr) - (b - a) * (rr - 1));
                    q = (qq - 1) * (rr - 1) * (s - 1);
                }
                if (p > 0) q = -q; else p = -p;
                if (2 * p < Math.Min(3 * mid * q - Math.Abs(tol * q), Math.Abs(e * q))) { e = d; d = p / q; }
                else { d = mid; e = d; }
            }
            else { d = mid; e = d; }
            a = b;
            fa = fb;
            b += Math.Abs(d) > tol ? d : (mid > 0 ? tol : -tol);
            fb = f(b);
        }
        return b;
    }
}
