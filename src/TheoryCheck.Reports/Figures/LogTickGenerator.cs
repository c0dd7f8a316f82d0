using ScottPlot;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// Ticks for an axis whose coordinate is log₁₀ of the value. Three or more visible decades: major ticks at
/// integer k (every n-th decade when labels would crowd), minor ticks at log₁₀(m·10ᵏ), m = 2…9. Fewer than three
/// visible decades: labels at the densest of {1…9}, {1,2,3,4,5,6,8}, {1,2,3,5}, {1,2,5}, {1,3}, {1} × 10ᵏ whose
/// neighbouring labels stay at least one label extent apart, minor ticks at the other multiples. Label text:
/// <see cref="TickLabels.Axis"/>.
/// </summary>
internal sealed class LogTickGenerator : ITickGenerator
{
    private readonly float labelExtent;

    /// <param name="fontSize">Tick label size in points.</param>
    /// <param name="horizontal">True for the x axis (labels side by side: width matters), false for y (height matters).</param>
    public LogTickGenerator(float fontSize, bool horizontal)
    {
        labelExtent = horizontal ? fontSize * 3.6f : fontSize * 1.7f;
    }

    public Tick[] Ticks { get; set; } = [];

    public int MaxTickCount { get; set; } = 10_000;

    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        double lo = Math.Min(range.Min, range.Max), hi = Math.Max(range.Min, range.Max);
        Ticks = Generate(lo, hi, size.Length, labelExtent);
    }

    /// <summary>
    /// The ticks for the visible log₁₀ range [<paramref name="lo"/>, <paramref name="hi"/>] drawn over
    /// <paramref name="length"/> points, labels needing <paramref name="extent"/> points each. Labels follow
    /// <see cref="TickLabels.Axis"/> (plain decimals inside [10⁻³, 10⁵), else 10ᵏ / a×10ᵏ).
    /// </summary>
    public static Tick[] Generate(double lo, double hi, float length, float extent)
    {
        if (!double.IsFinite(lo) || !double.IsFinite(hi) || hi <= lo || hi - lo > 600 || length <= 0) return [];
        double pointsPerDecade = length / (hi - lo);
        var ticks = new List<Tick>();
        int first = (int)Math.Ceiling(lo - 1e-9), last = (int)Math.Floor(hi + 1e-9);
        if (last - first + 1 >= 3)
        {
            int step = Math.Max(1, (int)Math.Ceiling(extent / pointsPerDecade));
            bool minors = pointsPerDecade >= 12;
            for (int k = (int)Math.Floor(lo); k <= (int)Math.Ceiling(hi); k++)
            {
                if (k >= first && k <= last)
                    ticks.Add(((k % step) + step) % step == 0 ? Tick.Major(k, "") : Tick.Minor(k));
                if (!minors) continue;
                for (int m = 2; m <= 9; m++)
                {
                    double position = k + Math.Log10(m);
                    if (position >= lo && position <= hi) ticks.Add(Tick.Minor(position));
                }
            }
            return Labelled(ticks);
        }

        // Fewer than three decades: label mantissas, the densest set whose neighbouring labels stay apart.
        int[] all = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        int[][] candidates = [all, [1, 2, 3, 4, 5, 6, 8], [1, 2, 3, 5], [1, 2, 5], [1, 3], [1]];
        int[] chosen = candidates[^1];
        foreach (int[] candidate in candidates)
        {
            double[] positions = Positions(lo, hi, candidate);
            bool fits = true;
            for (int i = 1; i < positions.Length && fits; i++)
                fits = (positions[i] - positions[i - 1]) * pointsPerDecade >= extent;
            if (fits && positions.Length >= 2)
            {
                chosen = candidate;
                break;
            }
        }
        for (int k = (int)Math.Floor(lo) - 1; k <= (int)Math.Ceiling(hi); k++)
        {
            foreach (int m in all)
            {
                double position = k + Math.Log10(m);
                if (position < lo - 1e-12 || position > hi + 1e-12) continue;
                ticks.Add(chosen.Contains(m) ? Tick.Major(position, "") : Tick.Minor(position));
            }
        }
        if (ticks.Count(t => t.IsMajor) < 2)
        {
            // A range narrower than one mantissa step: evenly spaced values, rounded to 3 significant digits.
            ticks.Clear();
            int count = Math.Clamp((int)(length / extent), 2, 5);
            for (int i = 0; i < count; i++)
            {
                double value = Math.Pow(10, lo + (hi - lo) * (i + 0.5) / count);
                double rounded = RoundSignificant(value, 3);
                ticks.Add(Tick.Major(Math.Log10(rounded), ""));
            }
        }
        return Labelled(ticks);
    }

    /// <summary>Labels the major ticks (at log₁₀ v) of one axis together.</summary>
    private static Tick[] Labelled(List<Tick> ticks)
    {
        var majors = ticks.Where(t => t.IsMajor).ToArray();
        string[] labels = TickLabels.Axis(majors.Select(t => RoundSignificant(Math.Pow(10, t.Position), 12)).ToArray(), logarithmic: true);
        var result = new Tick[ticks.Count];
        for (int i = 0, j = 0; i < ticks.Count; i++)
            result[i] = ticks[i].IsMajor ? Tick.Major(ticks[i].Position, labels[j++]) : ticks[i];
        return result;
    }

    private static double RoundSignificant(double value, int digits)
    {
        if (value == 0 || !double.IsFinite(value)) return value;
        double scale = Math.Pow(10, digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value))));
        return Math.Round(value * scale) / scale;
    }

    private static double[] Positions(double lo, double hi, int[] mantissas)
    {
        var positions = new List<double>();
        for (int k = (int)Math.Floor(lo) - 1; k <= (int)Math.Ceiling(hi); k++)
            foreach (int m in mantissas)
            {
                double position = k + Math.Log10(m);
                if (position >= lo - 1e-12 && position <= hi + 1e-12) positions.Add(position);
            }
        positions.Sort();
        return [.. positions];
    }
}
