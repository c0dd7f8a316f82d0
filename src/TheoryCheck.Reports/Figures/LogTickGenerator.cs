using ScottPlot;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// Ticks for an axis whose coordinate is log₁₀ of the value. Two or more visible decades: major ticks at
/// integer k labelled 10ᵏ (every n-th decade when labels would crowd), minor ticks at log₁₀(m·10ᵏ), m = 2…9.
/// Less than two visible decades: labels at the densest of {1…9}, {1,2,3,4,5,6,8}, {1,2,3,5}, {1,2,5}, {1,3},
/// {1} × 10ᵏ whose neighbouring labels stay at least one label extent apart, minor ticks at the other multiples.
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
    /// <paramref name="length"/> points, labels needing <paramref name="extent"/> points each.
    /// </summary>
    public static Tick[] Generate(double lo, double hi, float length, float extent)
    {
        if (!double.IsFinite(lo) || !double.IsFinite(hi) || hi <= lo || hi - lo > 600 || length <= 0) return [];
        double pointsPerDecade = length / (hi - lo);
        var ticks = new List<Tick>();
        int first = (int)Math.Ceiling(lo - 1e-9), last = (int)Math.Floor(hi + 1e-9);
        if (last - first + 1 >= 2)
        {
            int step = Math.Max(1, (int)Math.Ceiling(extent / pointsPerDecade));
            bool minors = pointsPerDecade >= 12;
            for (int k = (int)Math.Floor(lo); k <= (int)Math.Ceiling(hi); k++)
            {
                if (k >= first && k <= last)
                    ticks.Add(((k % step) + step) % step == 0 ? Tick.Major(k, TickLabels.Power(k)) : Tick.Minor(k));
                if (!minors) continue;
                for (int m = 2; m <= 9; m++)
                {
                    double position = k + Math.Log10(m);
                    if (position >= lo && position <= hi) ticks.Add(Tick.Minor(position));
                }
            }
            return [.. ticks];
        }

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
                ticks.Add(chosen.Contains(m)
                    ? Tick.Major(position, TickLabels.LogValue(m * Math.Pow(10, k)))
                    : Tick.Minor(position));
            }
        }
        if (ticks.Count(t => t.IsMajor) < 2)
        {
            // A range narrower than one mantissa step: evenly spaced values instead.
            ticks.Clear();
            int count = Math.Clamp((int)(length / extent), 2, 5);
            for (int i = 0; i < count; i++)
            {
                double position = lo + (hi - lo) * (i + 0.5) / count;
                ticks.Add(Tick.Major(position, TickLabels.LogValue(Math.Pow(10, position))));
            }
        }
        return [.. ticks];
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
