using System.Globalization;
using TheoryCheck.Comparison.Figures;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// A <see cref="FigureSpec"/> validated and mapped to plot coordinates: on a logarithmic axis a value v is
/// plotted at log₁₀ v (ScottPlot 5 has no native log axes; the tick generator labels 10ᵏ). Points with a
/// non-finite coordinate are dropped; a non-positive finite value on a log axis is an error.
/// </summary>
internal sealed class FigureData
{
    private FigureData(FigureSpec spec, IReadOnlyList<PlotSeries> series, IReadOnlyList<PlotLine> lines, IReadOnlyList<PlotTick>? yTicks)
    {
        Spec = spec;
        Series = series;
        Lines = lines;
        YTicks = yTicks;
    }

    public FigureSpec Spec { get; }
    public IReadOnlyList<PlotSeries> Series { get; }
    public IReadOnlyList<PlotLine> Lines { get; }

    /// <summary>Explicit vertical-axis ticks in plot coordinates (null: automatic).</summary>
    public IReadOnlyList<PlotTick>? YTicks { get; }

    /// <summary>An explicit tick in plot coordinates.</summary>
    public sealed record PlotTick(double Position, string Label);

    /// <summary>A series in plot coordinates; <see cref="Lower"/>/<see cref="Upper"/> are set for bands and error bars.</summary>
    public sealed record PlotSeries(SeriesSpec Spec, int ColorIndex, double[] X, double[] Y, double[]? Lower, double[]? Upper);

    /// <summary>A reference line in plot coordinates.</summary>
    public sealed record PlotLine(MarkerLine Spec, double Position);

    /// <summary>Validates <paramref name="spec"/> (throws <see cref="ArgumentException"/> naming figure, series and index) and maps it.</summary>
    public static FigureData From(FigureSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ValidateName(spec.Name);
        if (spec.Series is null) throw new ArgumentException($"figure '{spec.Name}': Series is null", nameof(spec));

        var used = new HashSet<int>(spec.Series.Where(s => s?.ColorIndex is not null).Select(s => s!.ColorIndex!.Value));
        int nextAuto = 0;
        var series = new List<PlotSeries>(spec.Series.Count);
        for (int s = 0; s < spec.Series.Count; s++)
        {
            SeriesSpec item = spec.Series[s] ?? throw new ArgumentException($"figure '{spec.Name}': series {s} is null", nameof(spec));
            string where = $"figure '{spec.Name}', series {s} ('{item.Label ?? "unlabelled"}')";
            if (item.X is null || item.Y is null) throw new ArgumentException($"{where}: X and Y are required", nameof(spec));
            if (item.X.Length != item.Y.Length)
                throw new ArgumentException($"{where}: X has {item.X.Length} values but Y has {item.Y.Length}", nameof(spec));
            if (item.ColorIndex is < 0) throw new ArgumentException($"{where}: ColorIndex must be ≥ 0", nameof(spec));
            bool needsRange = item.Kind is SeriesKind.Band or SeriesKind.ErrorBars;
            if (needsRange)
            {
                if (item.Lower is null || item.Upper is null)
                    throw new ArgumentException($"{where}: {item.Kind} needs Lower and Upper", nameof(spec));
                if (item.Lower.Length != item.X.Length || item.Upper.Length != item.X.Length)
                    throw new ArgumentException(
                        $"{where}: Lower/Upper have {item.Lower.Length}/{item.Upper.Length} values, X has {item.X.Length}", nameof(spec));
            }

            int color = item.ColorIndex ?? NextFree(used, ref nextAuto);
            var x = new List<double>(item.X.Length);
            var y = new List<double>(item.X.Length);
            var lower = needsRange ? new List<double>(item.X.Length) : null;
            var upper = needsRange ? new List<double>(item.X.Length) : null;
            for (int i = 0; i < item.X.Length; i++)
            {
                bool finite = double.IsFinite(item.X[i]) && double.IsFinite(item.Y[i])
                    && (!needsRange || (double.IsFinite(item.Lower![i]) && double.IsFinite(item.Upper![i])));
                if (!finite) continue;
                x.Add(Map(item.X[i], spec.LogX, where, "X", i));
                y.Add(Map(item.Y[i], spec.LogY, where, "Y", i));
                lower?.Add(Map(item.Lower![i], spec.LogY, where, "Lower", i));
                upper?.Add(Map(item.Upper![i], spec.LogY, where, "Upper", i));
            }
            series.Add(new PlotSeries(item, color, [.. x], [.. y], lower?.ToArray(), upper?.ToArray()));
        }

        var lines = new List<PlotLine>();
        foreach (MarkerLine line in spec.Lines ?? [])
        {
            if (line is null) throw new ArgumentException($"figure '{spec.Name}': a reference line is null", nameof(spec));
            if (!double.IsFinite(line.Position))
                throw new ArgumentException($"figure '{spec.Name}': reference line '{line.Label}' has position {line.Position}", nameof(spec));
            if (line.ColorIndex is < 0) throw new ArgumentException($"figure '{spec.Name}': reference line ColorIndex must be ≥ 0", nameof(spec));
            bool log = line.Vertical ? spec.LogX : spec.LogY;
            lines.Add(new PlotLine(line, Map(line.Position, log, $"figure '{spec.Name}', reference line '{line.Label}'", "Position", 0)));
        }
        List<PlotTick>? yTicks = null;
        if (spec.YTicks is not null)
        {
            yTicks = [];
            for (int i = 0; i < spec.YTicks.Count; i++)
            {
                AxisTick tick = spec.YTicks[i] ?? throw new ArgumentException($"figure '{spec.Name}': YTicks[{i}] is null", nameof(spec));
                if (!double.IsFinite(tick.Position))
                    throw new ArgumentException($"figure '{spec.Name}': YTicks[{i}] ('{tick.Label}') has position {tick.Position}", nameof(spec));
                if (tick.Label is null) throw new ArgumentException($"figure '{spec.Name}': YTicks[{i}] has no label", nameof(spec));
                yTicks.Add(new PlotTick(Map(tick.Position, spec.LogY, $"figure '{spec.Name}', YTicks", "Position", i), tick.Label));
            }
        }
        return new FigureData(spec, series, lines, yTicks);
    }

    private static int NextFree(HashSet<int> used, ref int next)
    {
        while (used.Contains(next)) next++;
        used.Add(next);
        return next++;
    }

    private static double Map(double value, bool log, string where, string field, int index)
    {
        if (!log) return value;
        if (value <= 0)
            throw new ArgumentException(
                $"{where}: a logarithmic axis needs positive values, but {field}[{index}] = {value.ToString("R", CultureInfo.InvariantCulture)}");
        return Math.Log10(value);
    }

    /// <summary>Figure names are file stems: letters, digits, '-', '_' and '.', not starting with '.'.</summary>
    internal static void ValidateName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name[0] == '.' || name.Length > 120
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ArgumentException(
                $"figure name '{name}' is not a safe file stem (letters, digits, '-', '_', '.'; not starting with '.')");
    }
}
