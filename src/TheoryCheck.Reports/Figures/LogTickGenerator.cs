using ScottPlot;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// Ticks for an axis whose coordinate is log₁₀ of the value. Two or more visible decades: major ticks at
/// integer k labelled 10ᵏ (every n-th decade when they would crowd), minor ticks at log₁₀(m·10ᵏ), m = 2…9.
/// Less than two visible decades: labelled ticks at the densest of {1…9}, {1,2,3,4,5,6,8}, {1,2,3,5}, {1,2,5},
/// {1,3}, {1} × 10ᵏ that fits the axis, minor ticks at the other multiples.
/// </summary>
internal sealed class LogTickGenerator : ITickGenerator
{
    /// <summary>Approximate room one label needs along the axis, in points (font size × this factor).</summary>
    private readonly float labelExtent;

    public LogTickGenerator(float fontSize, bool horizontal)
    {
        labelExtent = horizontal ? fontSize * 3.2f : fontSize * 1.8f;
    }

    public Tick[] Ticks { get; set; } = [];

    public int MaxTickCount { get; set; } = 10_000;

    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        double lo = Math.Min(range.Min, range.Max), hi = Math.Max(range.Min, range.Max);
        Ticks = Generate(lo, hi, Math.Max(1, (int)(size.Length / labelExtent)));
    }

    /// <summary>The ticks for visible log₁₀ range [<paramref name="lo"/>, <paramref name="hi"/>] with room for <paramref name="maxLabels"/> labels.</summary>
    public static Tick[] Generate(double lo, double hi, int maxLabels)
    {
        if (!double.IsFinite(lo) || !double.IsFinite(hi) || hi <= lo || hi - lo > 600) return [];
        var ticks = new List<Tick>();
        int first = (int)Math.Ceiling(lo - 1e-9), last = (int)Math.Floor(hi + 1e-9);
        int decades = last - first + 1;
        if (decades >= 2)
        {
            int step = Math.Max(1, (int)Math.Ceiling(decades / (double)Math.Max(2, maxLabels)));
            for (int k = (int)Math.Floor(lo); k <= (int)Math.Ceiling(hi); k++)
            {
                if (k >= first && k <= last)
                {
                    bool labelled = ((k % step) + step) % step == 0;
                    ticks.Add(labelled ? Tick.Major(k, TickLabels.Power(k)) : Tick.Minor(k));
                }
                if (step == 1 || decades <= 12)
                {
                    for (int m = 2; m <= 9; m++)
                    {
                        double position = k + Math.Log10(m);
                        if (position >= lo && position <= hi) ticks.Add(Tick.Minor(position));
                    }
                }
            }
            return [.. ticks];
        }

        // Less than two decades visible: label the densest set of mantissas that fits, at least two if possible.
        int[] all = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        int[][] candidates = [all, [1, 2, 3, 4, 5, 6, 8], [1, 2, 3, 5], [1, 2, 5], [1, 3], [1]];
        int[] chosen = candidates[^1];
        foreach (int[] candidate in candidates)
        {
            if (CountIn(lo, hi, candidate) <= Math.Max(2, maxLabels))
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
                double value = m * Math.Pow(10, k);
                ticks.Add(chosen.Contains(m)
                    ? Tick.Major(position, TickLabels.LogValue(value))
                    : Tick.Minor(position));
            }
        }
        if (ticks.Count(t => t.IsMajor) < 2)
        {
            // Extremely narrow range (less than a factor 10/9): fall back to evenly spaced values.
            ticks.Clear();
            for (int i = 0; i <= 4; i++)
            {
                double position = lo + (hi - lo) * i / 4;
                ticks.Add(Tick.Major(position, TickLabels.LogValue(Math.Pow(10, position))));
            }
        }
        return [.. ticks];
    }

    private static int CountIn(double lo, double hi, int[] mantissas)
    {
        int count = 0;
        for (int k = (int)Math.Floor(lo) - 1; k <= (int)Math.Ceiling(hi); k++)
            foreach (int m in mantissas)
            {
                double position = k + Math.Log10(m);
                if (position >= lo - 1e-12 && position <= hi + 1e-12) count++;
            }
        return count;
    }
}
