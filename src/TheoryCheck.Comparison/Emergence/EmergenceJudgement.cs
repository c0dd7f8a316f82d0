using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Numerics.Statistics;

namespace TheoryCheck.Comparison.Emergence;

/// <summary>
/// The checks, measurements and figures of an emergence claim (docs/theory/claims.md §0.10), shared by every model:
/// (a) at every decisive time the measured count equals the predicted count in every unit; (b) at every time the seed
/// mean of err is within the tolerance of the prediction. Model claims compute the <see cref="EmergenceTrace"/>.
/// </summary>
public static class EmergenceJudgement
{
    /// <summary>
    /// The checks of <paramref name="trace"/>: count, locations (when the trace has them; relative tolerance
    /// <paramref name="locationTolerance"/>) and alignment (absolute err tolerance <paramref name="tolerance"/>).
    /// </summary>
    public static IReadOnlyList<CheckResult> Checks(EmergenceTrace trace, double tolerance, double locationTolerance = 0.10)
    {
        var checks = new List<CheckResult>();
        var countParts = new List<(string, double)>();
        for (int i = 0; i < trace.Times.Length; i++)
        {
            if (!trace.Decisive[i]) continue;
            for (int u = 0; u < trace.Units.Length; u++)
                countParts.Add(($"t = {NumberText.Format(trace.Times[i], 4)}, {trace.Units[u]}", Math.Abs(trace.MeasuredCounts[u][i] - trace.PredictedCounts[i])));
        }
        string prefix = trace.Label is null ? "" : trace.Label + ": ";
        string countName = $"{prefix}number of eigenvalues of {trace.Matrix} above the threshold = predicted, at every decisive time (every seed and block)";
        checks.Add(countParts.Count == 0
            ? new CheckResult(countName, CheckOutcome.Undecided, null, "at least one decisive time",
                "no time is decisive: a predicted eigenvalue lies in the edge window at every time") { Hint = "choose times or λ where the predicted outliers are clear of the edge" }
            : Claims.Checks.Worst(countName, countParts, atLeast: false, 0, "the measured number is |count − predicted| of the worst unit"));

        if (trace.PredictedLocations is { } located && trace.MeasuredValues is { } measured)
        {
            // The outlier cluster as a whole: mean of the top n measured eigenvalues against the mean of the n predicted
            // outliers. Individual eigenvalues of a (nearly) degenerate cluster repel at finite d by O(d^{-1/2}) (at t = 0
            // the k outliers coincide), which a per-eigenvalue tolerance would misread; the cluster mean cancels it to
            // first order (docs/theory/claims.md §1.7).
            // per block: the seed mean of the ratio (units are seed-major, the same blocks in every seed)
            var locationParts = new List<(string, double)>();
            int perSeed = trace.Units.Length / trace.Seeds;
            for (int i = 0; i < trace.Times.Length; i++)
            {
                int n = located[i].Length;
                if (n == 0) continue;
                for (int block = 0; block < perSeed; block++)
                {
                    var ratios = Enumerable.Range(0, trace.Seeds).Select(s => measured[s * perSeed + block][i])
                        .Select(v => v.Length >= n ? v.Take(n).Average() / located[i].Average() : double.PositiveInfinity).ToArray();
                    locationParts.Add(($"t = {NumberText.Format(trace.Times[i], 4)}, {trace.Units[block].Split(", ").Last()}", Math.Abs(ratios.Average() - 1)));
                }
            }
            if (locationParts.Count > 0)
                checks.Add(Claims.Checks.Worst($"{prefix}|mean θ_j / mean z_j − 1| ≤ {NumberText.Format(100 * locationTolerance)}% over the predicted outliers clear of the edge window, seed mean, at every time and block",
                    locationParts, atLeast: false, locationTolerance, "z_j = predicted outliers at the ODE state of the same time, θ_j the same number of top eigenvalues"));
        }

        var bySeed = trace.ErrorBySeed();
        var errorParts = new List<(string, double)>();
        for (int i = 0; i < trace.Times.Length; i++)
        {
            var summary = EnsembleSummary.Of(bySeed.Select(s => s[i]).ToArray());
            errorParts.Add(($"t = {NumberText.Format(trace.Times[i], 4)} (mean {NumberText.Format(summary.Mean, 4)}, SE {NumberText.Format(summary.StandardError, 2)}, predicted {NumberText.Format(trace.PredictedError[i], 4)})",
                Math.Abs(summary.Mean - trace.PredictedError[i])));
        }
        checks.Add(Claims.Checks.Worst($"{prefix}|err − err_pred| ≤ {NumberText.Format(tolerance)} at every time (seed mean of err(x, top space of {trace.Matrix}))",
            errorParts, atLeast: false, tolerance));
        return checks;
    }

    /// <summary>The trace as result.json measurements.</summary>
    public static JsonObject Measurements(EmergenceTrace trace)
    {
        var bySeed = trace.ErrorBySeed();
        var rows = new JsonArray();
        for (int i = 0; i < trace.Times.Length; i++)
        {
            var summary = EnsembleSummary.Of(bySeed.Select(s => s[i]).ToArray());
            rows.Add((JsonNode)new JsonObject
            {
                ["t"] = trace.Times[i],
                ["predicted_count"] = trace.PredictedCounts[i],
                ["decisive"] = trace.Decisive[i],
                ["measured_counts"] = new JsonArray(trace.MeasuredCounts.Select(u => (JsonNode?)JsonValue.Create(u[i])).ToArray()),
                ["err_pred"] = ClaimResultJson.Number(trace.PredictedError[i]),
                ["err_mean"] = ClaimResultJson.Number(summary.Mean),
                ["err_se"] = ClaimResultJson.Number(summary.StandardError),
                ["err_by_seed"] = ClaimResultJson.Numbers(bySeed.Select(s => s[i])),
            });
        }
        return new JsonObject
        {
            ["label"] = trace.Label,
            ["matrix"] = trace.Matrix,
            ["units"] = new JsonArray(trace.Units.Select(u => (JsonNode?)JsonValue.Create(u)).ToArray()),
            ["trace"] = rows,
        };
    }

    /// <summary>
    /// Two figures: err(t) — the seed band (min–max over seeds, mean line) against the predicted err dashed — and the
    /// outlier count against t — predicted (dashed, with markers) against the measured mean with min–max bars.
    /// </summary>
    public static IReadOnlyList<FigureSpec> Figures(EmergenceTrace trace, string what, string caption)
    {
        var bySeed = trace.ErrorBySeed();
        double[] t = trace.Times;
        var mean = Enumerable.Range(0, t.Length).Select(i => bySeed.Average(s => s[i])).ToArray();
        var lo = Enumerable.Range(0, t.Length).Select(i => bySeed.Min(s => s[i])).ToArray();
        var hi = Enumerable.Range(0, t.Length).Select(i => bySeed.Max(s => s[i])).ToArray();
        var error = new FigureSpec("emergence-alignment" + trace.FileSuffix, $"Alignment vs t: {what}", "t", $"err(x, top space of {trace.Matrix})",
        [
            new SeriesSpec($"SGD, {trace.Seeds} seeds (mean, min–max)", t, mean, SeriesKind.Band) { Lower = lo, Upper = hi, ColorIndex = 0 },
            new SeriesSpec("prediction at the ODE state", t, trace.PredictedError, SeriesKind.LineMarkers) { ColorIndex = 0, Dashed = true },
        ])
        { Caption = caption };

        var counts = Enumerable.Range(0, t.Length).Select(i => trace.MeasuredCounts.Select(u => (double)u[i]).ToArray()).ToArray();
        string undecided = string.Join(", ", t.Where((_, i) => !trace.Decisive[i]).Select(x => NumberText.Format(x, 4)));
        string countText = " Counts above the threshold: predicted " + string.Join(", ", trace.PredictedCounts.Distinct()) + "; measured mean "
            + string.Join(", ", counts.Select(c => NumberText.Format(c.Average(), 3))) + " (times " + string.Join(", ", t.Select(x => NumberText.Format(x, 4))) + ")"
            + (undecided.Length > 0 ? "; not judged (a predicted eigenvalue in the edge window) at t = " + undecided : "") + ".";
        FigureSpec count;
        if (trace.PredictedLocations is { } located && trace.MeasuredValues is { } measured && located.Any(l => l.Length > 0))
        {
            // Outlier locations along training: predicted z_j (dashed) against the measured θ_j (mean, min–max over units), and the edge.
            int ranks = located.Max(l => l.Length);
            var series = new List<SeriesSpec>();
            for (int j = 0; j < ranks; j++)
            {
                var times = Enumerable.Range(0, t.Length).Where(i => located[i].Length > j).ToArray();
                var values = times.Select(i => measured.Where(u => u[i].Length > j).Select(u => u[i][j]).ToArray()).ToArray();
                series.Add(new SeriesSpec(j == 0 ? "measured θ_j (mean, min–max)" : null, times.Select(i => t[i]).ToArray(), values.Select(v => v.Average()).ToArray(), SeriesKind.ErrorBars)
                    { Lower = values.Select(v => v.Min()).ToArray(), Upper = values.Select(v => v.Max()).ToArray(), ColorIndex = j });
                series.Add(new SeriesSpec(j == 0 ? "predicted z_j" : null, times.Select(i => t[i]).ToArray(), times.Select(i => located[i][j]).ToArray(), SeriesKind.Line) { ColorIndex = j, Dashed = true });
            }
            if (trace.PredictedEdges is { } edges)
                series.Add(new SeriesSpec("predicted bulk edge z₊", t, edges, SeriesKind.Line) { ColorIndex = 7, Dashed = true });
            count = new FigureSpec("emergence-outliers" + trace.FileSuffix, $"Outliers vs t: {what}", "t", $"top eigenvalues of {trace.Matrix}", series)
                { Caption = caption + countText };
        }
        else
        {
            count = new FigureSpec("emergence-outliers" + trace.FileSuffix, $"Outlier count vs t: {what}", "t", "outliers above the threshold",
            [
                new SeriesSpec("measured (mean, min–max)", t, counts.Select(c => c.Average()).ToArray(), SeriesKind.ErrorBars)
                    { Lower = counts.Select(c => c.Min()).ToArray(), Upper = counts.Select(c => c.Max()).ToArray(), ColorIndex = 1 },
                new SeriesSpec("predicted", t, trace.PredictedCounts.Select(c => (double)c).ToArray(), SeriesKind.LineMarkers) { ColorIndex = 1, Dashed = true },
            ])
            { Caption = caption + countText };
        }
        return [error, count];
    }
}
