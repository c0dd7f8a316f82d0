namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// Evaluates the nested dense-output form of Hairer's codes (dopri5, dop853):
/// ũ(t₀ + θh) = r₁ + θ(r₂ + θ′(r₃ + θ(r₄ + θ′(r₅ + …)))), θ′ = 1 − θ, with m coefficient vectors r_j.
/// m = 4 is the cubic Hermite interpolant (r₃ = h f₀ − r₂, r₄ = r₂ − h f₁ − r₃), m = 5 Dormand–Prince's
/// 4th-order extension, m = 8 DOP853's 7th-order extension. Coefficients are stored vector after vector.
/// </summary>
internal static class HairerInterpolant
{
    /// <summary>Writes ũ(θ) into <paramref name="destination"/> (length n) from m = coefficients.Length / n vectors.</summary>
    public static void Evaluate(ReadOnlySpan<double> coefficients, double theta, Span<double> destination)
    {
        int n = destination.Length;
        int m = coefficients.Length / n;
        double theta1 = 1.0 - theta;
        ReadOnlySpan<double> last = coefficients.Slice((m - 1) * n, n);
        last.CopyTo(destination);
        for (int j = m - 2; j >= 0; j--)
        {
            // r_{j+1} (1-based) is followed by θ when j+1 is odd, by θ′ when even.
            double factor = (j & 1) == 0 ? theta : theta1;
            ReadOnlySpan<double> r = coefficients.Slice(j * n, n);
            for (int i = 0; i < n; i++)
            {
                destination[i] = r[i] + factor * destination[i];
            }
        }
    }

    /// <summary>
    /// Fills the first four (Hermite) vectors from u₀, u₁ = u(t₀ + h), f₀ = f(t₀, u₀), f₁ = f(t₀ + h, u₁):
    /// r₁ = u₀, r₂ = u₁ − u₀, r₃ = h f₀ − r₂, r₄ = r₂ − h f₁ − r₃.
    /// </summary>
    public static void FillHermite(
        ReadOnlySpan<double> u0, ReadOnlySpan<double> u1, ReadOnlySpan<double> f0, ReadOnlySpan<double> f1,
        double h, Span<double> coefficients)
    {
        int n = u0.Length;
        Span<double> r1 = coefficients.Slice(0, n), r2 = coefficients.Slice(n, n);
        Span<double> r3 = coefficients.Slice(2 * n, n), r4 = coefficients.Slice(3 * n, n);
        for (int i = 0; i < n; i++)
        {
            double difference = u1[i] - u0[i];
            double spline = h * f0[i] - difference;
            r1[i] = u0[i];
            r2[i] = difference;
            r3[i] = spline;
            r4[i] = difference - h * f1[i] - spline;
        }
    }
}
