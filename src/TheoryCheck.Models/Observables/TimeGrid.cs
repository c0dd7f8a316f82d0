using System.Globalization;

namespace TheoryCheck.Models.Observables;

/// <summary>
/// The output grid on which both engines record observables: t ∈ {0, Δt, 2Δt, …, T} (claims.md §0), or an
/// explicit list of checkpoints. The last point is exactly T; a final partial interval is kept when T is not a
/// multiple of Δt.
/// </summary>
public sealed record TimeGrid
{
    private TimeGrid(double[] points, double step)
    {
        Times = points;
        Step = step;
    }

    /// <summary>Final time T.</summary>
    public double End => Times[^1];

    /// <summary>Spacing Δt (for checkpoint grids: the first spacing).</summary>
    public double Step { get; }

    /// <summary>The grid points, ascending.</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>The uniform grid 0, Δt, …, T. Bad values throw <see cref="InputException"/>.</summary>
    public static TimeGrid Uniform(double end, double step)
    {
        if (!double.IsFinite(end) || end < 0) throw new InputException($"--t-end must be a finite number ≥ 0 (got {end})");
        if (!double.IsFinite(step) || step <= 0) throw new InputException($"--t-step must be a finite number > 0 (got {step})");
        if (end / step > 10_000_000) throw new InputException($"the grid T/Δt = {end / step:G3} has too many points (limit 1e7)");
        long n = (long)Math.Floor(end / step + 1e-9);
        var points = new List<double>((int)n + 2);
        DecimalStep? exact = ExactDecimal(step);
        for (long i = 0; i <= n; i++) points.Add(Point(i, step, exact));
        if (Math.Abs(points[^1] - end) <= 1e-9 * Math.Max(1, end)) points[^1] = end;
        else points.Add(end);
        return new TimeGrid(points.ToArray(), step);
    }

    /// <summary>
    /// The grid point t_i = i·Δt computed from the integer index i and the decimal value of Δt (its shortest round-trip
    /// representation, e.g. 0.1), rounded once to the nearest double: 9 × 0.1 is 0.9, not 0.8999999999999999 or
    /// 0.9000000000000001 as the product of doubles can be, so grids print as the decimals a user typed. A Δt with no
    /// exact decimal form within <see cref="decimal"/>'s range falls back to the product i·Δt of doubles.
    /// </summary>
    public static double Point(long index, double step) => Point(index, step, ExactDecimal(step));

    /// <summary>Δt = <c>Mantissa</c> / 10^<c>Scale</c> exactly, with an integer mantissa below 2⁵³ and a scale ≤ 22.</summary>
    private readonly record struct DecimalStep(long Mantissa, int Scale);

    private static readonly double[] s_powersOfTen = Enumerable.Range(0, 23).Select(k => double.Parse("1e" + k.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToArray();

    private static double Point(long index, double step, DecimalStep? exact)
    {
        if (index == 0) return 0;
        if (exact is DecimalStep d)
        {
            // i·m is an integer below 2⁵³ and 10^k ≤ 10²² is exact: one IEEE division rounds the exact quotient once
            // (Clinger's fast path), so t_i is the double nearest to the decimal i·Δt.
            Int128 product = (Int128)index * d.Mantissa;
            if (product >= 0 && product <= (1L << 53))
                return d.Scale == 0 ? (double)(long)product : (long)product / s_powersOfTen[d.Scale];
            // Beyond the fast path: the decimal product, written out and read by the correctly rounding parser.
            try
            {
                decimal value = index * new decimal(d.Mantissa) / (decimal)Math.Pow(10, d.Scale);
                return double.Parse(value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            }
            catch (OverflowException)
            {
            }
        }
        return index * step;
    }

    /// <summary>The step as m/10^k (its shortest round-trip decimal form), or null when it has none with m &lt; 2⁵³, k ≤ 22.</summary>
    private static DecimalStep? ExactDecimal(double step)
    {
        string text = step.ToString("R", CultureInfo.InvariantCulture);
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal exact) || exact <= 0
            || double.Parse(exact.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) != step)
            return null;
        int[] bits = decimal.GetBits(exact);
        int scale = (bits[3] >> 16) & 0xFF;
        if (bits[2] != 0 || scale > 22) return null;
        long mantissa = ((long)(uint)bits[1] << 32) | (uint)bits[0];
        return mantissa > 0 && mantissa < (1L << 53) ? new DecimalStep(mantissa, scale) : null;
    }

    /// <summary>A grid of explicit checkpoints (finite, non-negative, strictly increasing).</summary>
    public static TimeGrid FromPoints(IReadOnlyList<double> points)
    {
        if (points.Count == 0) throw new ArgumentException("a time grid needs at least one point", nameof(points));
        for (int i = 0; i < points.Count; i++)
            if (!double.IsFinite(points[i]) || points[i] < 0 || (i > 0 && points[i] <= points[i - 1]))
                throw new ArgumentException("time points must be finite, non-negative and strictly increasing", nameof(points));
        return new TimeGrid(points.ToArray(), points.Count > 1 ? points[1] - points[0] : 0);
    }
}
