using TheoryCheck.Numerics.Gaussian;
namespace TheoryCheck.Models.Kgmm;

/// <summary>
/// Population accuracy of the kgmm classifier (kgmm.md §6.4, §7), exact given (m, R) at any d:
/// accuracy = Σ_b p_b P(argmax_c ζ^b_c = b) with ζ^b = m_{·b} + ξ, ξ ~ N(0, R/λ). For class b the event is
/// w &gt; 0 with w = (ζ^b_b − ζ^b_c)_{c≠b} ~ N(μ_w, Σ_w), μ_w = (m_{bb} − m_{cb})_c, Σ_w = A R Aᵀ/λ (rows of A:
/// e_b − e_c): Φ for k = 2, the bivariate normal CDF for k = 3, Genz's lattice rule for k ≥ 4
/// (<see cref="NormalProbability.Orthant"/>).
/// </summary>
public static class KgmmAccuracy
{
    /// <summary>
    /// The population accuracy; the standard error combines the per-class lattice errors (0 for k ≤ 3).
    /// </summary>
    /// <param name="parameters">Model parameters (k, λ, p).</param>
    /// <param name="m">m, k×k row-major (m[c·k + a] = x^c·μ_a).</param>
    /// <param name="r">R, k×k row-major, symmetric.</param>
    /// <param name="pointsPerShift">Lattice points per shift for k ≥ 4.</param>
    /// <param name="shifts">Random shifts for k ≥ 4 (fixed seed: deterministic).</param>
    public static OrthantEstimate Evaluate(KgmmParameters parameters, ReadOnlySpan<double> m, ReadOnlySpan<double> r,
        int pointsPerShift = 1000, int shifts = 10)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int k = parameters.K;
        if (m.Length != k * k || r.Length != k * k) throw new ArgumentException("m and R must be k×k");
        int n = k - 1;
        Span<double> mu = stackalloc double[n];
        Span<double> sigma = stackalloc double[n * n];
        double value = 0, variance = 0;
        int points = 0;
        double invLambda = 1.0 / parameters.Lambda;
        for (int b = 0; b < k; b++)
        {
            int i = 0;
            for (int c = 0; c < k; c++)
            {
                if (c == b) continue;
                mu[i] = m[b * k + b] - m[c * k + b];
                int j = 0;
                for (int e = 0; e < k; e++)
                {
                    if (e == b) continue;
                    // Cov(ζ_b − ζ_c, ζ_b − ζ_e) = (R_bb − R_be − R_cb + R_ce)/λ.
                    sigma[i * n + j] = (r[b * k + b] - r[b * k + e] - r[c * k + b] + r[c * k + e]) * invLambda;
                    j++;
                }
                i++;
            }
            var estimate = NormalProbability.Orthant(mu, sigma, pointsPerShift, shifts, seed: 0x6B676D6DUL + (ulong)b);
            double pb = parameters.Probabilities[b];
            value += pb * estimate.Value;
            variance += pb * pb * estimate.StandardError * estimate.StandardError;
            points += estimate.Points;
        }
        return new OrthantEstimate(value, Math.Sqrt(variance), points);
    }
}
