using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Sweeps;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Statistics;

namespace TheoryCheck.Comparison.Figures;

/// <summary>
/// Builds the "theory vs simulation" figure of one observable group: for every listed observable the d → ∞
/// theory curve (dashed) and, per d, the simulation mean over seeds as a line with a shaded band
/// (± 1 SD or min–max, <see cref="TrajectoryBand"/>). Colours: one per observable when a single d is shown,
/// one per d otherwise (then theory curves are neutral).
/// </summary>
public static class TrajectoryFigure
{
    /// <summary>
    /// The figure for <paramref name="observables"/> (names or globs, resolved on the theory trajectory) from
    /// completed simulation runs grouped by <see cref="Trajectory.Dimension"/> (ascending d). Runs of one d must
    /// share their time grid and record every listed observable.
    /// </summary>
    public static FigureSpec Build(string name, string title, Trajectory theory, IReadOnlyList<Trajectory> simulations,
        IReadOnlyList<string> observables, TrajectoryBand band = TrajectoryBand.StandardDeviation, string? yLabel = null, string xLabel = "t")
    {
        if (simulations.Count == 0) throw new ArgumentException("a trajectory figure needs at least one simulation run", nameof(simulations));
        foreach (var run in simulations)
            if (run.Status.Diverged) throw new ArgumentException($"cannot plot a diverged run (d = {run.Dimension}, seed = {run.Seed}): {run.Status}");
        var names = SupError.Resolve(theory, observables);
        var groups = simulations.GroupBy(s => s.Dimension ?? 0).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        bool colourByObservable = groups.Count == 1;
        var series = new List<SeriesSpec>();
        var theoryTimes = theory.Times.ToArray();
        for (int j = 0; j < names.Count; j++)
            series.Add(new SeriesSpec(j == 0 || colourByObservable ? (colourByObservable ? $"{names[j]} theory" : "theory (d → ∞)") : null,
                theoryTimes, theory[names[j]].ToArray(), SeriesKind.Line)
            {
                Dashed = true,
                ColorIndex = colourByObservable ? j : null,
            });
        for (int g = 0; g < groups.Count; g++)
        {
            var runs = groups[g];
            var times = runs[0].Times.ToArray();
            foreach (var run in runs)
                if (run.Times.Count != times.Length || run.Times.Where((t, i) => t != times[i]).Any())
                    throw new ArgumentException($"simulation runs at d = {groups[g][0].Dimension} have different time grids");
            for (int j = 0; j < names.Count; j++)
            {
                var mean = new double[times.Length];
                var lower = new double[times.Length];
                var upper = new double[times.Length];
                var column = new double[runs.Count];
                for (int i = 0; i < times.Length; i++)
                {
                    for (int s = 0; s < runs.Count; s++)
                    {
                        if (!runs[s].Has(names[j])) throw new ArgumentException($"observable '{names[j]}' is missing from a simulation run at d = {runs[s].Dimension}");
                        column[s] = runs[s][names[j]][i];
                    }
                    var summary = EnsembleSummary.Of(column);
                    mean[i] = summary.Mean;
                    double sd = double.IsFinite(summary.StandardDeviation) ? summary.StandardDeviation : 0;
                    (lower[i], upper[i]) = band == TrajectoryBand.MinMax ? (summary.Min, summary.Max) : (mean[i] - sd, mean[i] + sd);
                }
                string dText = runs[0].Dimension is int d ? $"d = {d}" : "simulation";
                string? label = colourByObservable ? $"{names[j]} {dText}" : j == 0 ? dText : null;
                series.Add(new SeriesSpec(label, times, mean, SeriesKind.Band)
                {
                    Lower = lower,
                    Upper = upper,
                    ColorIndex = colourByObservable ? j : g,
                });
            }
        }
        int seeds = groups.Min(g => g.Count);
        string spread = band == TrajectoryBand.MinMax ? "min–max over seeds" : "± 1 standard deviation over seeds";
        return new FigureSpec(name, title, xLabel, yLabel ?? (names.Count == 1 ? names[0] : string.Join(", ", names)), series)
        {
            Caption = $"Dashed: d → ∞ theory. Solid line and band: simulation mean over {seeds}{(groups.Any(g => g.Count != seeds) ? "+" : "")} " +
                      $"seed{(seeds == 1 ? "" : "s")} and {spread}" + (colourByObservable ? "." : "; colour = d."),
            Width = names.Count > 4 ? FigureWidth.Double : FigureWidth.Single,
        };
    }
}
