using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// Normal probabilities for the kgmm accuracy, an orthant probability (kgmm.md §6.4): the standard normal CDF Φ,
/// the bivariate normal CDF (Drezner–Wesolowsky 1989 with Genz's double-precision modifications, ~1e-15), and
/// P(W &gt; 0) for W ~ N(μ, Σ) in any dimension (bivariate formula for n ≤ 2, otherwise Genz's separation of
/// variables with variable prioritisation and a fixed randomised Richtmyer lattice, deterministic given its seed).
/// </summary>
public static class NormalProbability
{
    private const double TwoPi = 2 * Math.PI;

    // Gauss–Legendre half rules (abscissae in (−1, 0), weights) with 6, 12 and 20 points (Drezner–Wesolowsky / Genz).
    private static readonly double[][] LegendreX =
    [
        [-0.9324695142031522, -0.6612093864662647, -0.2386191860831970],
        [-0.9815606342467191, -0.9041172563704750, -0.7699026741943050, -0.5873179542866171, -0.3678314989981802, -0.1252334085114692],
        [-0.9931285991850949, -0.9639719272779138, -0.9122344282513259, -0.8391169718222188, -0.7463319064601508,
         -0.6360536807265150, -0.5108670019508271, -0.3737060887154196, -0.2277858511416451, -0.07652652113349733],
    ];

    private static readonly double[][] LegendreW =
    [
        [0.1713244923791705, 0.3607615730481384, 0.4679139345726904],
        [0.04717533638651177, 0.1069393259953183, 0.1600783285433464, 0.2031674267230659, 0.2334925365383547, 0.2491470458134029],
        [0.01761400713915212, 0.04060142980038694, 0.06267204833410906, 0.08327674157670475, 0.1019301198172404,
         0.1181945319615184, 0.1316886384491766, 0.1420961093183821, 0.1491729864726037, 0.1527533871307259],
    ];

    // √(prime) generators of the Richtmyer lattice (first 24 primes) for the Genz separation-of-variables integral.
    private static readonly int[] Primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89];

    /// <summary>Standard normal CDF Φ(x) = erfc(−x/√2)/2 (full relative accuracy in the lower tail).</summary>
    public static double Cdf(double x) => 0.5 * SpecialFunctions.Erfc(-x / Math.Sqrt(2));

    /// <summary>Standard normal quantile Φ⁻¹(p), p ∈ (0, 1).</summary>
    public static double Quantile(double p) => NormalQuantile.Evaluate(p);

    /// <summary>
    /// Bivariate normal CDF P(X &lt; h, Y &lt; k) for standard normals with correlation ρ ∈ [−1, 1]
    /// (Drezner–Wesolowsky with Genz's modifications for |ρ| near 1; absolute accuracy about 1e-15).
    /// </summary>
    public static double Bivariate(double h, double k, double rho)
    {
        if (double.IsNaN(h) || double.IsNaN(k) || double.IsNaN(rho)) return double.NaN;
        if (rho < -1 || rho > 1) throw new ArgumentOutOfRangeException(nameof(rho), "correlation must lie in [−1, 1]");
        return UpperBivariate(-h, -k, rho);
    }

    /// <summary>P(X &gt; h, Y &gt; k) for standard normals with correlation ρ (the BVND function of Genz).</summary>
    private static double UpperBivariate(double h, double k, double r)
    {
        if (double.IsNegativeInfinity(h) && double.IsNegativeInfinity(k)) return 1;
        if (double.IsPositiveInfinity(h) || double.IsPositiveInfinity(k)) return 0;
        if (double.IsNegativeInfinity(h)) return Cdf(-k);
        if (double.IsNegativeInfinity(k)) return Cdf(-h);
        double absR = Math.Abs(r);
        int set = absR < 0.3 ? 0 : absR < 0.75 ? 1 : 2;
        var xs = LegendreX[set];
        var ws = LegendreW[set];
        double hk = h * k;
        double bvn = 0;
        if (absR < 0.925)
        {
            // Drezner–Wesolowsky: ∫_0^{asin ρ} exp(−(h² + k² − 2hk sin θ)/(2cos²θ)) dθ / (2π) + Φ(−h)Φ(−k).
            if (absR > 0)
            {
                double hs = (h * h + k * k) / 2;
                double asr = Math.Asin(r);
                for (int i = 0; i < xs.Length; i++)
                {
                    for (int sign = -1; sign <= 1; sign += 2)
                    {
                        double sn = Math.Sin(asr * (sign * xs[i] + 1) / 2);
                        bvn += ws[i] * Math.Exp((sn * hk - hs) / (1 - sn * sn));
                    }
                }
                bvn = bvn * asr / (2 * TwoPi);
            }
            return bvn + Cdf(-h) * Cdf(-k);
        }

        // |ρ| ≥ 0.925: Genz's expansion around ρ = ±1 in the variable √(1 − ρ²).
        if (r < 0)
        {
            k = -k;
            hk = -hk;
        }
        if (absR < 1)
        {
            double a2 = (1 - r) * (1 + r);
            double a = Math.Sqrt(a2);
            double bs = (h - k) * (h - k);
            double c = (4 - hk) / 8;
            double d = (12 - hk) / 16;
            double expo = -(bs / a2 + hk) / 2;
            if (expo > -100)
                bvn = a * Math.Exp(expo) * (1 - c * (bs - a2) * (1 - d * bs / 5) / 3 + c * d * a2 * a2 / 5);
            if (-hk < 100)
            {
                double b = Math.Sqrt(bs);
                bvn -= Math.Exp(-hk / 2) * Math.Sqrt(TwoPi) * Cdf(-b / a) * b * (1 - c * bs * (1 - d * bs / 5) / 3);
            }
            a /= 2;
            for (int i = 0; i < xs.Length; i++)
            {
                for (int sign = -1; sign <= 1; sign += 2)
                {
                    double t = a * (sign * xs[i] + 1);
                    double x2 = t * t;
                    double rs = Math.Sqrt(1 - x2);
                    double e = -(bs / x2 + hk) / 2;
                    if (e > -100)
                        bvn += a * ws[i] * Math.Exp(e) * (Math.Exp(-hk * (1 - rs) / (2 * (1 + rs))) / rs - (1 + c * x2 * (1 + d * x2)));
                }
            }
            bvn = -bvn / TwoPi;
        }
        if (r > 0) return bvn + Cdf(-Math.Max(h, k));
        bvn = -bvn;
        if (k > h) bvn += h < 0 ? Cdf(k) - Cdf(h) : Cdf(-h) - Cdf(-k);
        return bvn;
    }

    /// <summary>
    /// The orthant probability P(W &gt; 0) for W ~ N(μ, Σ) in n dimensions (Σ row-major n×n, symmetric PSD).
    /// n = 1: Φ(μ/σ); n = 2: <see cref="Bivariate"/>; n ≥ 3: Genz's separation-of-variables integral over
    /// [0,1]^{n−1} with prioritised variable order, evaluated on a Richtmyer lattice (generators √prime) with
    /// <paramref name="shifts"/> random shifts (seeded by <paramref name="seed"/>, so deterministic) and the
    /// baker's (tent) periodisation. A singular Σ is regularised by 1e-12·max(Σ_ii)·I. The standard error is
    /// the spread over the shifts (0 for n ≤ 2).
    /// </summary>
    public static OrthantEstimate Orthant(ReadOnlySpan<double> mean, ReadOnlySpan<double> covariance,
        int pointsPerShift = 1000, int shifts = 10, ulong seed = 0x6B676D6D)
    {
        int n = mean.Length;
        if (n < 1) throw new ArgumentException("dimension must be ≥ 1", nameof(mean));
        if (covariance.Length != n * n) throw new ArgumentException($"covariance must have n² = {n * n} entries", nameof(covariance));
        if (pointsPerShift < 1 || shifts < 1) throw new ArgumentException("need at least one point and one shift");
        double maxDiag = 0;
        for (int i = 0; i < n; i++) maxDiag = Math.Max(maxDiag, covariance[i * n + i]);
        if (!(maxDiag > 0))
        {
            // Σ = 0: W = μ almost surely.
            bool all = true;
            for (int i = 0; i < n; i++) all &= mean[i] > 0;
            return new OrthantEstimate(all ? 1 : 0, 0, 0);
        }
        // Regularisation of a singular Σ (kgmm.md §6.4); the closed forms below only need it for a zero variance.
        double jitter = 1e-12 * maxDiag;
        if (n == 1) return new OrthantEstimate(Cdf(mean[0] / Math.Sqrt(covariance[0])), 0, 0);
        if (n == 2)
        {
            double s1 = Math.Sqrt(covariance[0] > 0 ? covariance[0] : jitter), s2 = Math.Sqrt(covariance[3] > 0 ? covariance[3] : jitter);
            double rho = Math.Clamp(0.5 * (covariance[1] + covariance[2]) / (s1 * s2), -1, 1);
            // P(W1 > 0, W2 > 0) = P(X1 < μ1/σ1, X2 < μ2/σ2) with X = (μ − W)/σ of correlation ρ.
            return new OrthantEstimate(Bivariate(mean[0] / s1, mean[1] / s2, rho), 0, 0);
        }
        if (n - 1 > Primes.Length) throw new ArgumentException($"orthant dimension above {Primes.Length + 1} is not supported");

        // P(W > 0) = P(X < μ) with X = μ − W ~ N(0, Σ): upper limits b = μ.
        var sigma = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) sigma[i * n + j] = 0.5 * (covariance[i * n + j] + covariance[j * n + i]) + (i == j ? jitter : 0);
        var b = mean.ToArray();
        var chol = new double[n * n];
        PrioritisedCholesky(sigma, b, chol, n);

        var y = new double[n];
        var generators = new double[n - 1];
        for (int i = 0; i < n - 1; i++) generators[i] = Math.Sqrt(Primes[i]);
        var shift = new double[n - 1];
        ulong state = seed;
        double sum = 0, sumSquares = 0;
        double first = Cdf(b[0] / chol[0]);
        for (int s = 0; s < shifts; s++)
        {
            for (int i = 0; i < n - 1; i++) shift[i] = NextUniform(ref state);
            double mean1 = 0;
            for (int j = 1; j <= pointsPerShift; j++)
            {
                double e = first, f = first;
                for (int i = 1; i < n; i++)
                {
                    double u = j * generators[i - 1] + shift[i - 1];
                    u -= Math.Floor(u);
                    u = Math.Abs(2 * u - 1); // baker's transformation
                    double p = Math.Clamp(u * e, 1e-300, 1 - 1e-16);
                    y[i - 1] = Quantile(p);
                    double t = 0;
                    for (int l = 0; l < i; l++) t += chol[i * n + l] * y[l];
                    e = Cdf((b[i] - t) / chol[i * n + i]);
                    f *= e;
                    if (f == 0) break;
                }
                mean1 += f;
            }
            mean1 /= pointsPerShift;
            sum += mean1;
            sumSquares += mean1 * mean1;
        }
        double value = sum / shifts;
        double variance = shifts > 1 ? Math.Max(0, (sumSquares - shifts * value * value) / (shifts - 1)) : 0;
        return new OrthantEstimate(value, Math.Sqrt(variance / shifts), shifts * pointsPerShift);
    }

    /// <summary>
    /// Cholesky factor of Σ with the Gibson–Glasbey–Elston ordering (at each step the variable with the smallest
    /// conditional probability Φ(b̃) goes next), permuting Σ and b in place. Writes the lower factor row-major.
    /// </summary>
    private static void PrioritisedCholesky(double[] sigma, double[] b, double[] chol, int n)
    {
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            int best = i;
            double bestProbability = double.PositiveInfinity;
            for (int j = i; j < n; j++)
            {
                double v = sigma[j * n + j], t = 0;
                for (int l = 0; l < i; l++)
                {
                    v -= chol[j * n + l] * chol[j * n + l];
                    t += chol[j * n + l] * y[l];
                }
                double s = Math.Sqrt(Math.Max(v, 1e-300));
                double prob = Cdf((b[j] - t) / s);
                if (prob < bestProbability)
                {
                    bestProbability = prob;
                    best = j;
                }
            }
            if (best != i)
            {
                (b[i], b[best]) = (b[best], b[i]);
                for (int c = 0; c < n; c++) (sigma[i * n + c], sigma[best * n + c]) = (sigma[best * n + c], sigma[i * n + c]);
                for (int r = 0; r < n; r++) (sigma[r * n + i], sigma[r * n + best]) = (sigma[r * n + best], sigma[r * n + i]);
                for (int l = 0; l < i; l++) (chol[i * n + l], chol[best * n + l]) = (chol[best * n + l], chol[i * n + l]);
            }
            double diag = sigma[i * n + i], shiftSum = 0;
            for (int l = 0; l < i; l++)
            {
                diag -= chol[i * n + l] * chol[i * n + l];
                shiftSum += chol[i * n + l] * y[l];
            }
            double lii = Math.Sqrt(Math.Max(diag, 1e-300));
            chol[i * n + i] = lii;
            for (int j = i + 1; j < n; j++)
            {
                double s = sigma[j * n + i];
                for (int l = 0; l < i; l++) s -= chol[j * n + l] * chol[i * n + l];
                chol[j * n + i] = s / lii;
            }
            // Expected value of the truncated standard normal Z | Z < b̃: −φ(b̃)/Φ(b̃).
            double bt = (b[i] - shiftSum) / lii;
            double cdf = Cdf(bt);
            y[i] = cdf > 1e-300 ? -Math.Exp(-0.5 * bt * bt) / Math.Sqrt(TwoPi) / cdf : bt;
        }
    }

    private static double NextUniform(ref ulong state)
    {
        // SplitMix64 (Steele–Lea–Flood 2014), 53-bit uniform in [0, 1).
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / 9007199254740992.0);
    }
}
