namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// The standard normal quantile Φ⁻¹(p), p ∈ (0, 1), by Wichura's algorithm AS 241 (PPND16, Applied Statistics 37,
/// 1988): three rational approximations with relative accuracy about 1e-16 (Φ⁻¹(0) = −∞, Φ⁻¹(1) = +∞).
/// </summary>
public static class NormalQuantile
{
    // Coefficients of AS 241; their mantissa hash sums (55.8831928806149014439, 49.3320650330161028904,
    // 47.5258331754928967163) are checked in the tests.
    internal static readonly double[] A =
    [
        3.3871328727963666080, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
        45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
    ];

    internal static readonly double[] B =
    [
        1.0, 42.313330701600911252, 687.18700749205790830, 5394.1960214247511077,
        21213.794301586595867, 39307.895800092710610, 28729.085735721942674, 5226.4952788528545610,
    ];

    internal static readonly double[] C =
    [
        1.42343711074968357734, 4.63033784615654529590, 5.76949722146069140550, 3.64784832476320460504,
        1.27045825245236838258, 0.241780725177450611770, 0.0227238449892691845833, 7.74545014278341407640e-4,
    ];

    internal static readonly double[] D =
    [
        1.0, 2.05319162663775882187, 1.67638483018380384940, 0.689767334985100004550,
        0.148103976427480074590, 0.0151986665636164571966, 5.47593808499534494600e-4, 1.05075007164441684324e-9,
    ];

    internal static readonly double[] E =
    [
        6.65790464350110377720, 5.46378491116411436990, 1.78482653991729133580, 0.296560571828504891230,
        0.0265321895265761230930, 0.00124266094738807843860, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
    ];

    internal static readonly double[] F =
    [
        1.0, 0.599832206555887937690, 0.136929880922735805310, 0.0148753612908506148525,
        7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15,
    ];

    /// <summary>Φ⁻¹(p): the z with P(N(0,1) ≤ z) = p.</summary>
    /// <param name="p">Probability in [0, 1]; 0 and 1 give −∞ and +∞.</param>
    public static double Evaluate(double p)
    {
        if (!(p >= 0.0 && p <= 1.0)) throw new ArgumentOutOfRangeException(nameof(p), p, "Probability must lie in [0, 1].");
        double q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            double r = 0.180625 - q * q;
            return q * Polynomial(A, r) / Polynomial(B, r);
        }
        double tail = q < 0 ? p : 1.0 - p;
        if (tail == 0.0) return q < 0 ? double.NegativeInfinity : double.PositiveInfinity;
        double s = Math.Sqrt(-Math.Log(tail));
        double value = s <= 5.0
            ? Polynomial(C, s - 1.6) / Polynomial(D, s - 1.6)
            : Polynomial(E, s - 5.0) / Polynomial(F, s - 5.0);
        return q < 0 ? -value : value;
    }

    private static double Polynomial(double[] coefficients, double x)
    {
        double r = coefficients[^1];
        for (int i = coefficients.Length - 2; i >= 0; i--) r = r * x + coefficients[i];
        return r;
    }
}
