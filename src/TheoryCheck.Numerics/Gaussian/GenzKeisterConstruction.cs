using System.Numerics;

namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// Builds the nested Genz–Keister sequence 1+2+6+10+16 (orders 1, 3, 9, 19, 35; polynomial degrees 1, 5, 15,
/// 29, 51) for the standard normal weight from first principles, in exact rational arithmetic.
/// </summary>
/// <remarks>
/// Each step is a Kronrod–Patterson extension: given the monic node polynomial π of the current rule, the m new
/// nodes are the roots of the monic p of degree m with E[π(z) p(z) zⁱ] = 0 for i &lt; m (z ~ N(0,1)), which is a
/// linear system with rational entries (E z^{2j} = (2j−1)!!), so p has rational coefficients. Roots are bracketed
/// and bisected to the last bit with exact sign evaluation. The weights are the exact interpolatory weights of the
/// rounded nodes, w_t = E[S_t(z)] / S_t(t) with S_t the exact quotient of Π_j (z − x_j) by (z − t), rounded once;
/// every moment up to degree 51 is then reproduced to a few units of round-off.
/// </remarks>
internal static class GenzKeisterConstruction
{
    /// <summary>Numbers of nodes added at each extension step.</summary>
    private static readonly int[] s_extensionSizes = [2, 6, 10, 16];

    /// <summary>Runs the construction (a few hundred milliseconds); nodes ascending, weights summing to 1.</summary>
    public static (double[][] Nodes, double[][] Weights) Build()
    {
        var nodes = new double[GenzKeisterTable.Orders.Length][];
        var weights = new double[GenzKeisterTable.Orders.Length][];
        nodes[0] = [0.0];
        weights[0] = [1.0];
        ExactRational[] pi = [ExactRational.Zero, ExactRational.One]; // π(z) = z
        var positive = new List<double>();
        for (int step = 0; step < s_extensionSizes.Length; step++)
        {
            int m = s_extensionSizes[step];
            var p = Extension(pi, m);
            positive.AddRange(PositiveRoots(p, m / 2));
            pi = Multiply(pi, p);
            positive.Sort();
            int order = 2 * positive.Count + 1;
            if (order != GenzKeisterTable.Orders[step + 1]) throw new InvalidOperationException("Genz–Keister construction: unexpected order.");
            var x = new double[order];
            var w = new double[order];
            int mid = positive.Count;
            x[mid] = 0.0;
            for (int i = 0; i < positive.Count; i++)
            {
                x[mid + 1 + i] = positive[i];
                x[mid - 1 - i] = -positive[i];
            }
            InterpolatoryWeights(x, w);
            nodes[step + 1] = x;
            weights[step + 1] = w;
        }
        return (nodes, weights);
    }

    /// <summary>E[zⁱ] for z ~ N(0,1): (i−1)!! for even i, 0 for odd i.</summary>
    private static BigInteger Moment(int i)
    {
        if ((i & 1) == 1) return BigInteger.Zero;
        BigInteger r = BigInteger.One;
        for (int j = i - 1; j > 1; j -= 2) r *= j;
        return r;
    }

    private static ExactRational Expectation(ReadOnlySpan<ExactRational> coefficients, int shift)
    {
        var sum = ExactRational.Zero;
        for (int c = 0; c < coefficients.Length; c++)
        {
            if (coefficients[c].IsZero) continue;
            var mom = Moment(c + shift);
            if (mom.IsZero) continue;
            sum += coefficients[c] * new ExactRational(mom, BigInteger.One);
        }
        return sum;
    }

    /// <summary>Monic p of degree m with E[π p zⁱ] = 0 for i &lt; m; coefficients ascending.</summary>
    private static ExactRational[] Extension(ExactRational[] pi, int m)
    {
        var a = new ExactRational[m, m + 1];
        for (int i = 0; i < m; i++)
        {
            for (int l = 0; l < m; l++) a[i, l] = Expectation(pi, l + i);
            a[i, m] = -Expectation(pi, m + i);
        }
        // Gauss–Jordan elimination with exact arithmetic (any nonzero pivot is exact).
        for (int col = 0; col < m; col++)
        {
            int pivot = -1;
            for (int r = col; r < m; r++) if (!a[r, col].IsZero) { pivot = r; break; }
            if (pivot < 0) throw new InvalidOperationException("Genz–Keister construction: singular extension system.");
            if (pivot != col)
                for (int c = 0; c <= m; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            for (int r = 0; r < m; r++)
            {
                if (r == col || a[r, col].IsZero) continue;
                var factor = a[r, col] / a[col, col];
                for (int c = col; c <= m; c++) a[r, c] -= factor * a[col, c];
            }
        }
        var p = new ExactRational[m + 1];
        for (int l = 0; l < m; l++) p[l] = a[l, m] / a[l, l];
        p[m] = ExactRational.One;
        return p;
    }

    private static ExactRational[] Multiply(ExactRational[] a, ExactRational[] b)
    {
        var r = new ExactRational[a.Length + b.Length - 1];
        for (int i = 0; i < r.Length; i++) r[i] = ExactRational.Zero;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i].IsZero) continue;
            for (int j = 0; j < b.Length; j++) r[i + j] += a[i] * b[j];
        }
        return r;
    }

    private static ExactRational Evaluate(ExactRational[] p, ExactRational x)
    {
        var r = ExactRational.Zero;
        for (int i = p.Length - 1; i >= 0; i--) r = r * x + p[i];
        return r;
    }

    /// <summary>The positive roots of an even polynomial, bracketed on a grid and bisected with exact signs.</summary>
    private static List<double> PositiveRoots(ExactRational[] p, int expected)
    {
        var integer = IntegerMultiple(p);
        const double step = 0.05, end = 14.0;
        var roots = new List<double>(expected);
        double lo = step / 2;
        int signLo = Sign(integer, lo);
        for (double hi = lo + step; hi <= end; hi += step)
        {
            int signHi = Sign(integer, hi);
            if (signHi == 0) { roots.Add(hi); signLo = signHi; lo = hi; continue; }
            if (signLo != 0 && signHi != signLo) roots.Add(Bisect(p, integer, lo, hi, signLo));
            lo = hi;
            signLo = signHi;
        }
        if (roots.Count != expected)
            throw new InvalidOperationException($"Genz–Keister construction: found {roots.Count} positive roots, expected {expected}.");
        return roots;
    }

    private static double Bisect(ExactRational[] p, BigInteger[] integer, double lo, double hi, int signLo)
    {
        while (true)
        {
            double mid = lo + 0.5 * (hi - lo);
            if (mid <= lo || mid >= hi) break;
            int s = Sign(integer, mid);
            if (s == 0) return mid;
            if (s == signLo) lo = mid; else hi = mid;
        }
        var fLo = Evaluate(p, ExactRational.FromDouble(lo)).Abs();
        var fHi = Evaluate(p, ExactRational.FromDouble(hi)).Abs();
        return fLo.CompareTo(fHi) <= 0 ? lo : hi;
    }

    /// <summary>The polynomial times the least common multiple of its denominators (same roots, integer coefficients).</summary>
    private static BigInteger[] IntegerMultiple(ExactRational[] p)
    {
        BigInteger lcm = BigInteger.One;
        foreach (var c in p) lcm = lcm / BigInteger.GreatestCommonDivisor(lcm, c.Denominator) * c.Denominator;
        var result = new BigInteger[p.Length];
        for (int i = 0; i < p.Length; i++) result[i] = p[i].Numerator * (lcm / p[i].Denominator);
        return result;
    }

    /// <summary>Exact sign of Σ c_i xⁱ at a positive double x = a·2^e, via Σ c_i aⁱ 2^{e·i} scaled to integers.</summary>
    private static int Sign(BigInteger[] coefficients, double x)
    {
        var r = ExactRational.FromDouble(x);
        BigInteger a = r.Numerator, b = r.Denominator; // x = a/b, b a power of 2 (b > 0)
        int n = coefficients.Length - 1;
        // b^n·P(a/b) = Σ c_i aⁱ b^{n−i} by Horner: acc = c_n; acc = acc·a + c_i·b^{n−i}.
        BigInteger acc = coefficients[n];
        BigInteger bPower = BigInteger.One;
        for (int i = n - 1; i >= 0; i--)
        {
            bPower *= b;
            acc = acc * a + coefficients[i] * bPower;
        }
        return acc.Sign;
    }

    /// <summary>
    /// Exact interpolatory weights of the (rounded, dyadic) nodes, rounded once: with x_j = a_j / 2^E (integers a_j),
    /// Π_int(u) = Π_j (u − a_j) and S_j = Π_int / (u − a_j) (exact integer division),
    /// w_j = Σ_i s_{j,i} 2^{E i} E[zⁱ] / S_j(a_j). Using the node polynomial of the rounded nodes, not the extension
    /// polynomials, keeps the tiny tail weights accurate (the quotient formula is badly conditioned for a node that is
    /// only approximately a root).
    /// </summary>
    private static void InterpolatoryWeights(double[] x, double[] w)
    {
        int n = x.Length;
        const int scaleExponent = 60; // every node here is a multiple of 2^-60 (|x| ≥ 2^-8 or x = 0)
        var a = new BigInteger[n];
        for (int j = 0; j < n; j++)
        {
            var r = ExactRational.FromDouble(x[j]);
            var scaled = r.Numerator * (BigInteger.One << scaleExponent);
            if (!BigInteger.Remainder(scaled, r.Denominator).IsZero) throw new InvalidOperationException("Genz–Keister construction: node finer than 2^-60.");
            a[j] = scaled / r.Denominator;
        }
        var product = new BigInteger[n + 1]; // ascending coefficients of Π_j (u − a_j)
        product[0] = BigInteger.One;
        int degree = 0;
        foreach (var aj in a)
        {
            product[degree + 1] = product[degree];
            for (int i = degree; i >= 1; i--) product[i] = product[i - 1] - aj * product[i];
            product[0] = -aj * product[0];
            degree++;
        }
        var moments = new BigInteger[n];
        for (int i = 0; i < n; i++) moments[i] = Moment(i) << (scaleExponent * i);
        var quotient = new BigInteger[n];
        for (int j = 0; j < n; j++)
        {
            if (x[j] < 0) continue; // symmetric: filled from the mirror node
            quotient[n - 1] = product[n];
            for (int i = n - 1; i >= 1; i--) quotient[i - 1] = product[i] + a[j] * quotient[i];
            if (!(product[0] + a[j] * quotient[0]).IsZero) throw new InvalidOperationException("Genz–Keister construction: inexact division.");
            BigInteger expectation = BigInteger.Zero, atNode = BigInteger.Zero;
            for (int i = n - 1; i >= 0; i--)
            {
                expectation += quotient[i] * moments[i];
                atNode = atNode * a[j] + quotient[i];
            }
            w[j] = new ExactRational(expectation, atNode).ToDouble();
            w[n - 1 - j] = w[j];
        }
    }
}
