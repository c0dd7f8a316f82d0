using ScottPlot;
using ScottPlot.TickGenerators;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// ScottPlot's automatic linear ticks (spacing chosen from measured label sizes), relabelled as one axis by
/// <see cref="TickLabels.Axis"/> so that every label on the axis has the same style.
/// </summary>
internal sealed class LinearTickGenerator : ITickGenerator
{
    private readonly NumericAutomatic automatic = new() { LabelFormatter = TickLabels.Linear };

    public Tick[] Ticks { get; set; } = [];

    public int MaxTickCount
    {
        get => automatic.MaxTickCount;
        set => automatic.MaxTickCount = value;
    }

    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        automatic.Regenerate(range, edge, size, paint, labelStyle);
        Ticks = Relabel(automatic.Ticks);
    }

    /// <summary>Major ticks relabelled together; minor ticks unchanged.</summary>
    internal static Tick[] Relabel(Tick[] ticks)
    {
        var majors = ticks.Where(t => t.IsMajor).ToArray();
        string[] labels = TickLabels.Axis(majors.Select(t => t.Position).ToArray());
        var result = new Tick[ticks.Length];
        for (int i = 0, j = 0; i < ticks.Length; i++)
            result[i] = ticks[i].IsMajor ? Tick.Major(ticks[i].Position, labels[j++]) : ticks[i];
        return result;
    }
}
