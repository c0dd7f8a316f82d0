using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Numerics.Statistics;

namespace TheoryCheck.Comparison.Emergence;

/// <summary>
/// The checks, measurements and figures of an emergence claim (docs/theory/claims.md §0.10), shared by every model, each
/// block against its own prediction: (a) at every time decisive for a block the measured count equals the block's
/// predicted count in every seed; (b) the outlier cluster's location, seed mean per block; (c) at every time the seed
/// mean of each block's err is within the tolerance of its prediction. Model claims compute the <see cref="EmergenceTrace"/>.
/// </summary>
public static class EmergenceJudgement
{
    /// <summary>
    /// The checks of <paramref name="trace"/>, each block against its own prediction: count (every unit at every time decisive
    /// for its block), locations (when the trace has them; relative tolerance <paramref name="locationTolerance"/>, seed mean
    /// per block) and alignment (absolute err tolerance <paramref name="tolerance"/>, seed mean per block).
    /// </summary>
    public static IReadOnlyList<CheckResult> Checks(EmergenceTrace trace, double tolerance, double locationTolerance = 0.10)
    {
        int blocks = trace.Blocks.Length;
        int units = trace.Seeds * blocks;
        var checks = new List<CheckResult>();
        var countParts = new List<(string, double)>();
        for (int i = 0; i < trace.Times.Length; i++)
            for (int u = 0; u < units; u++)
            {
                int b = trace.BlockOf(u);
                if (trace.Decisive[b][i])
                    countParts.Add(($"t = {NumberText.Format(trace.Times[i], 4)}, {trace.Unit(u)}", Math.Abs(trace.MeasuredCounts[u][i] - trace.PredictedCounts[b][i])));
            }
        string prefix = trace.Label is null ? "" : trace.Label + ": ";
        string countName = $"{prefix}number of eigenvalues of {trace.Matrix} above the threshold = predicted, at every decisive time (every seed and block)";
        checks.Add(countParts.Count == 0
            ? new CheckResult(countName, CheckOutcome.Undecided, null, "at least one decisive time",
                "no time is decisive: a predicted eigenvalue lies in the edge window at every time") { Hint = "choose times or λ where the predicted outliers are clear of the edge" }
            : Claims.Checks.Worst(countName, countParts, atLeast: false, 0,
                "each block's own threshold and prediction; the measured number is |count − predicted| of the worst unit"));

        if (trace.PredictedLocations is { } located && trace.MeasuredValues is { } measured)
        {
            // The outlier cluster as a whole: mean of the top n measured eigenvalues against the mean of the n predicted
            // outliers. Individual eigenvalues of a (nearly) degenerate cluster repel at finite d by O(d^{-1/2}) (at t = 0
            // the k outliers coincide), which a per-eigenvalue tolerance would misread; the cluster mean cancels it to
            // first order (docs/theory/claims.md §1.7). Per block: the seed mean of the ratio.
            var locationParts = new List<(string, double)>();
            for (int i = 0; i < trace.Times.Length; i++)
                for (int b = 0; b < blocks; b++)
                {
                    var z = located[b][i];
                    if (z.Length == 0) continue;
                    double ratio = Enumerable.Range(0, trace.Seeds).Select(s => measured[s * blocks + b][i])
                        .Average(v => v.Length >= z.Length ? v.Take(z.Length).Average() / z.Average() : double.PositiveInfinity);
                    locationParts.Add(($"t = {NumberText.Format(trace.Times[i], 4)}, {trace.Blocks[b]}", Math.Abs(ratio - 1)));
                }
            if (locationParts.Count > 0)
                checks.Add(Claims.Checks.Worst($"{prefix}|mean θ_j / mean z_j − 1| ≤ {NumberText.Format(100 * locationTolerance)}% over the predicted outliers clear of the edge window, seed mean, at every time and block",
                    locationParts, atLeast: false, locationTolerance, "z_j = the block's predicted outliers at the ODE state of the same time, θ_j the same number of top eigenvalues"));
        }

        var errorParts = new List<(string, double)>();
        for (int i = 0; i < trace.Times.Length; i++)
            for (int b = 0; b < blocks; b++)
            {
                var summary = BlockError(trace, b, i);
                errorParts.Add(($"t = {NumberText.Format(trace.Times[i], 4)}, {trace.Blocks[b]} (mean {NumberText.Format(summary.Mean, 4)}, SE {NumberText.Format(summary.StandardError, 2)}, predicted {NumberText.Format(trace.PredictedError[b][i], 4)})",
                    Math.Abs(summary.Mean - trace.PredictedError[b][i])));
            }
        checks.Add(Claims.Checks.Worst($"{prefix}|err − err_pred| ≤ {NumberText.Format(tolerance)} at every time and block (seed mean of err(x, top space of {trace.Matrix}))",
            errorParts, atLeast: false, tolerance));
        return checks;
    }

    /// <summary>The seed ensemble of err of block <paramref name="block"/> at time index <paramref name="time"/>.</summary>
    private static EnsembleSummary BlockError(EmergenceTrace trace, int block, int time) =>
        EnsembleSummary.Of(Enumerable.Range(0, trace.Seeds).Select(s => trace.MeasuredError[s * trace.Blocks.Length + block][time]).ToArray());

    /// <summary>The trace as result.json measurements: per time, the per-block predictions and seed means, the per-unit counts.</summary>
    public static JsonObject Measurements(EmergenceTrace trace)
    {
        var bySeed = trace.ErrorBySeed();
        int blocks = trace.Blocks.Length;
        var rows = new JsonArray();
        for (int i = 0; i < trace.Times.Length; i++)
        {
            var summaries = Enumerable.Range(0, blocks).Select(b => BlockError(trace, b, i)).ToArray();
            rows.Add((JsonNode)new JsonObject
            {
                ["t"] = trace.Times[i],
                ["predicted_count"] = new JsonArray(trace.PredictedCounts.Select(b => (JsonNode?)JsonValue.Create(b[i])).ToArray()),
                ["decisive"] = new JsonArray(trace.Decisive.Select(b => (JsonNode?)JsonValue.Create(b[i])).ToArray()),
                ["measured_counts"] = new JsonArray(trace.MeasuredCounts.Select(u => (JsonNode?)JsonValue.Create(u[i])).ToArray()),
                ["err_pred"] = ClaimResultJson.Numbers(trace.PredictedError.Select(b => b[i])),
                ["err_mean"] = ClaimResultJson.Numbers(summaries.Select(x => x.Mean)),
                ["err_se"] = ClaimResultJson.Numbers(summaries.Select(x => x.StandardError)),
                ["err_by_seed"] = ClaimResultJson.Numbers(bySeed.Select(s => s[i])),
            });
        }
        return new JsonObject
        {
            ["label"] = trace.Label,
            ["matrix"] = trace.Matrix,
            ["blocks"] = new JsonArray(trace.Blocks.Select(b => (JsonNode?)JsonValue.Create(b)).ToArray()),
            ["units"] = new JsonArray(Enumerable.Range(0, trace.Seeds * blocks).Select(u => (JsonNode?)JsonValue.Create(trace.Unit(u))).ToArray()),
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
        int blocks = trace.Blocks.Length;
        // The count and location figure follows block 1 and every block whose prediction is block 1's (all of them when
        // the blocks are symmetric, e.g. kgmm with uniform p).
        var alike = Enumerable.Range(0, trace.Seeds * blocks).Where(u => SamePrediction(trace, trace.BlockOf(u), 0)).ToArray();
        var mean = Enumerable.Range(0, t.Length).Select(i => bySeed.Average(s => s[i])).ToArray();
        var lo = Enumerable.Range(0, t.Length).Select(i => bySeed.Min(s => s[i])).ToArray();
        var hi = Enumerable.Range(0, t.Length).Select(i => bySeed.Max(s => s[i])).ToArray();
        var error = new FigureSpec("emergence-alignment" + trace.FileSuffix, $"Alignment vs t: {what}", "t", $"err(x, top space of {trace.Matrix})",
        [
            new SeriesSpec($"SGD, {trace.Seeds} seeds (mean, min–max)", t, mean, SeriesKind.Band) { Lower = lo, Upper = hi, ColorIndex = 0 },
            new SeriesSpec(blocks == 1 ? "prediction at the ODE state" : "prediction at the ODE state (block mean)", t, trace.MeanPredictedError(), SeriesKind.LineMarkers) { ColorIndex = 0, Dashed = true },
        ])
        { Caption = caption };

        var counts = Enumerable.Range(0, t.Length).Select(i => alike.Select(u => (double)trace.MeasuredCounts[u][i]).ToArray()).ToArray();
        string undecided = string.Join(", ", t.Where((_, i) => !trace.Decisive[0][i]).Select(x => NumberText.Format(x, 4)));
        string countText = " Counts above the threshold: predicted " + string.Join(", ", trace.PredictedCounts[0].Distinct()) + "; measured mean "
            + string.Join(", ", counts.Select(c => NumberText.Format(c.Average(), 3))) + " (times " + string.Join(", ", t.Select(x => NumberText.Format(x, 4))) + ")"
            + (undecided.Length > 0 ? "; not judged (a predicted eigenvalue in the edge window) at t = " + undecided : "") + ".";
        FigureSpec count;
        if (trace.PredictedLocations is { } locatedByBlock && trace.MeasuredValues is { } measuredByUnit && locatedByBlock[0].Any(l => l.Length > 0))
        {
            var located = locatedByBlock[0];
            var measured = alike.Select(u => measuredByUnit[u]).ToArray();
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
                series.Add(new SeriesSpec("predicted bulk edge z₊", t, edges[0], SeriesKind.Line) { ColorIndex = 7, Dashed = true });
            count = new FigureSpec("emergence-outliers" + trace.FileSuffix, $"Outliers vs t: {what}", "t", $"top eigenvalues of {trace.Matrix}", series)
                { Caption = caption + countText };
        }
        else
        {
            count = new FigureSpec("emergence-outliers" + trace.FileSuffix, $"Outlier count vs t: {what}", "t", "outliers above the threshold",
            [
                new SeriesSpec("measured (mean, min–max)", t, counts.Select(c => c.Average()).ToArray(), SeriesKind.ErrorBars)
                    { Lower = counts.Select(c => c.Min()).ToArray(), Upper = counts.Select(c => c.Max()).ToArray(), ColorIndex = 1 },
                new SeriesSpec("predicted", t, trace.PredictedCounts[0].Select(c => (double)c).ToArray(), SeriesKind.LineMarkers) { ColorIndex = 1, Dashed = true },
            ])
            { Caption = caption + countText };
        }
        return [error, count];
    }

    /// <summary>Whether blocks <paramref name="a"/> and <paramref name="b"/> have the same predictions at every time (counts, decisiveness, locations, edges).</summary>
    private static bool SamePrediction(EmergenceTrace trace, int a, int b) =>
        trace.PredictedCounts[a].SequenceEqual(trace.PredictedCounts[b]) && trace.Decisive[a].SequenceEqual(trace.Decisive[b])
        && (trace.PredictedLocations is not { } z || z[a].Zip(z[b]).All(p => p.First.SequenceEqual(p.Second)))
        && (trace.PredictedEdges is not { } e || e[a].SequenceEqual(e[b]));
}
