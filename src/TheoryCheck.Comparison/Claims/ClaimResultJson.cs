using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Figures;

namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// The <c>result.json</c> document of a claim run: catalogue entry, verdict, checks, parameters, settings,
/// sizes, seeds (decimal strings: they are 64-bit), measurements, figures (as data), notes, timings, commit.
/// Non-finite numbers are written as null (JSON has no NaN).
/// </summary>
public static class ClaimResultJson
{
    /// <summary>Builds the document; <paramref name="includeTimings"/> = false drops the wall-clock timings (for reproducibility comparisons).</summary>
    public static JsonObject Write(ClaimResult result, bool includeTimings = true)
    {
        var checks = new JsonArray();
        foreach (var c in result.Checks)
            checks.Add(new JsonObject
            {
                ["name"] = c.Name,
                ["passed"] = c.Passed,
                ["measured"] = Number(c.Measured),
                ["requirement"] = c.Requirement,
                ["detail"] = c.Detail,
            });
        var document = new JsonObject
        {
            ["id"] = result.Info.Id,
            ["model"] = result.Info.Model,
            ["paper"] = result.Info.Paper,
            ["statement"] = result.Info.Statement,
            ["source"] = result.Info.Source,
            ["profile"] = result.Profile.ToString().ToLowerInvariant(),
            ["verdict"] = result.Verdict.ToString(),
            ["calibrated"] = result.Calibrated,
            ["divergence"] = result.Divergence,
            ["error"] = result.Error,
            ["checks"] = checks,
            ["parameters"] = result.Parameters.DeepClone(),
            ["settings"] = result.Settings.DeepClone(),
            ["sizes"] = new JsonArray(result.Sizes.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()),
            ["seeds"] = new JsonArray(result.Seeds.Select(s => (JsonNode?)JsonValue.Create(s.ToString(CultureInfo.InvariantCulture))).ToArray()),
            ["measurements"] = result.Measurements.DeepClone(),
            ["notes"] = new JsonArray(result.Notes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            ["figures"] = new JsonArray(result.Figures.Select(f => (JsonNode?)Figure(f)).ToArray()),
            ["git_commit"] = result.GitCommit,
        };
        if (includeTimings)
        {
            var timings = new JsonObject();
            foreach (var (phase, seconds) in result.Timings) timings[phase] = Number(seconds);
            document["timings"] = timings;
        }
        return document;
    }

    private static JsonObject Figure(FigureSpec figure)
    {
        var series = new JsonArray();
        foreach (var s in figure.Series)
            series.Add(new JsonObject
            {
                ["label"] = s.Label,
                ["kind"] = s.Kind.ToString(),
                ["x"] = Numbers(s.X),
                ["y"] = Numbers(s.Y),
                ["lower"] = s.Lower is null ? null : Numbers(s.Lower),
                ["upper"] = s.Upper is null ? null : Numbers(s.Upper),
                ["color"] = s.ColorIndex,
                ["dashed"] = s.Dashed,
            });
        var lines = new JsonArray();
        foreach (var l in figure.Lines)
            lines.Add(new JsonObject
            {
                ["position"] = Number(l.Position),
                ["label"] = l.Label,
                ["vertical"] = l.Vertical,
                ["color"] = l.ColorIndex,
                ["dashed"] = l.Dashed,
            });
        return new JsonObject
        {
            ["name"] = figure.Name,
            ["title"] = figure.Title,
            ["x_label"] = figure.XLabel,
            ["y_label"] = figure.YLabel,
            ["log_x"] = figure.LogX,
            ["log_y"] = figure.LogY,
            ["annotation"] = figure.Annotation,
            ["caption"] = figure.Caption,
            ["width"] = figure.Width.ToString(),
            ["series"] = series,
            ["lines"] = lines,
        };
    }

    /// <summary>A JSON number, or null when <paramref name="value"/> is null or non-finite.</summary>
    public static JsonNode? Number(double? value) => value is double v && double.IsFinite(v) ? JsonValue.Create(v) : null;

    /// <summary>A JSON array of numbers (null entries for non-finite values).</summary>
    public static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(v => Number(v)).ToArray());
}
