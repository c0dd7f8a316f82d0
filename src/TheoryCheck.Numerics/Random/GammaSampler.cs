namespace TheoryCheck.Numerics.Random;

/// <summary>
/// Exact sampler of the gamma law Gamma(α, 1) (density x^{α−1}e^{−x}/Γ(α) on x &gt; 0) for any shape α ≥ 0, by
/// Marsaglia and Tsang's squeeze–rejection method (ACM TOMS 26(3), 2000) with the standard boost for α &lt; 1. A χ²
/// with ν degrees of freedom is 2·Gamma(ν/2, 1) (<see cref="ChiSquared"/>); docs/theory/subspace.md §7.
/// </summary>
/// <remarks>
/// <para><b>Attempt</b> (shape a = α if α ≥ 1, a = α + 1 if α &lt; 1): with d = a − 1/3, c = 1/√(9d), a standard normal
/// z and an independent uniform u ∈ [0, 1), let v = (1 + cz)³. The attempt is accepted when 1 + cz &gt; 0 and
/// u &lt; 1 − 0.0331 z⁴ (squeeze) or log u &lt; z²/2 + d(1 − v + log v); the accepted value d·v has the law Gamma(a, 1)
/// exactly. Rejected attempts are discarded and repeated with fresh independent (z, u), so the result does not depend
/// on how many attempts were needed. The acceptance rate is ≥ 0.95 for every a ≥ 1 and tends to 1 as a grows.</para>
/// <para><b>Boost</b> (α &lt; 1): if G ~ Gamma(α + 1) and U ~ U(0, 1) are independent, G·U^{1/α} ~ Gamma(α).</para>
/// <para><b>Rounding.</b> 1 − v + log v is evaluated as 3·log1p(cz) − (v − 1) with v − 1 = cz(3 + cz(3 + cz)) and an
/// accurate log1p, so the acceptance test keeps full relative accuracy when cz is tiny (α ~ 10⁸: cz ~ 10⁻⁴, where
/// the naive form would lose 8 digits before being multiplied by d).</para>
/// <para>Shape 0 gives the point mass at 0 (Gamma(α) → δ₀ as α → 0; the χ² with 0 degrees of freedom). An immutable
/// value; thread-safe.</para>
/// </remarks>
public readonly struct GammaSampler
{
    private readonly double _d;
    private readonly double _c;
    private readonly double _inverseShape;

    /// <summary>The sampler of Gamma(<paramref name="shape"/>, 1).</summary>
    /// <param name="shape">α: finite, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">α negative, NaN or infinite.</exception>
    public GammaSampler(double shape)
    {
        if (!(shape >= 0) || double.IsPositiveInfinity(shape))
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "the gamma shape must be finite and ≥ 0");
        Shape = shape;
        double a = shape >= 1 ? shape : shape + 1;
        _d = a - 1.0 / 3.0;
        _c = 1.0 / Math.Sqrt(9.0 * _d);
        _inverseShape = shape is > 0 and < 1 ? 1.0 / shape : 1.0;
    }

    /// <summary>The sampler of χ²_ν = 2·Gamma(ν/2, 1).</summary>
    /// <param name="degreesOfFreedom">ν ≥ 0.</param>
    public static GammaSampler ChiSquared(double degreesOfFreedom) => new(0.5 * degreesOfFreedom);

    /// <summary>The shape α.</summary>
    public double Shape { get; }

    /// <summary>Whether α = 0 (every draw is 0 and consumes nothing).</summary>
    public bool IsDegenerate => Shape == 0;

    /// <summary>Whether a draw needs the boost uniform (0 &lt; α &lt; 1).</summary>
    public bool NeedsBoost => Shape is > 0 and < 1;

    /// <summary>
    /// One Marsaglia–Tsang attempt for Gamma(a) (a = α, or α + 1 when <see cref="NeedsBoost"/>) from a standard normal
    /// and a uniform in [0, 1): true with <paramref name="value"/> = d·v when accepted (class remarks), false otherwise.
    /// Not meaningful for α = 0.
    /// </summary>
    public bool TryAttempt(double normal, double uniform, out double value)
    {
        double cz = _c * normal;
        double w = 1.0 + cz;
        value = 0;
        if (!(w > 0)) return false;
        double v = w * w * w;
        double z2 = normal * normal;
        if (uniform < 1.0 - 0.0331 * (z2 * z2))
        {
            value = _d * v;
            return true;
        }
        // 1 − v + log v = 3·log1p(cz) − (v − 1), v − 1 = cz(3 + cz(3 + cz)).
        double vMinusOne = cz * (3.0 + cz * (3.0 + cz));
        double logTerm = 3.0 * LogOnePlus(cz) - vMinusOne;
        if (Math.Log(uniform) < 0.5 * z2 + _d * logTerm)
        {
            value = _d * v;
            return true;
        }
        return false;
    }

    /// <summary>
    /// The boost of an accepted attempt: value·u^{1/α} for 0 &lt; α &lt; 1 with an independent uniform u ∈ [0, 1);
    /// the value unchanged otherwise.
    /// </summary>
    public double Boost(double value, double uniform) => NeedsBoost ? value * Math.Pow(uniform, _inverseShape) : value;

    /// <summary>
    /// One exact Gamma(α, 1) draw from <paramref name="stream"/>: attempts read (<see cref="RandomStream.NextNormal"/>,
    /// <see cref="RandomStream.NextDouble"/>) until one is accepted, then one more uniform for the boost when α &lt; 1.
    /// α = 0 returns 0 without drawing.
    /// </summary>
    public double Sample(RandomStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (IsDegenerate) return 0;
        double value;
        while (!TryAttempt(stream.NextNormal(), stream.NextDouble(), out value))
        {
        }
        return NeedsBoost ? Boost(value, stream.NextDouble()) : value;
    }

    /// <summary>log(1 + x) to a few ulp for x &gt; −1 (Goldberg's correction: log(u)·x/(u − 1), u = 1 + x rounded).</summary>
    internal static double LogOnePlus(double x)
    {
        double u = 1.0 + x;
        double um1 = u - 1.0;
        return um1 == 0 ? x : Math.Log(u) * (x / um1);
    }
}
