using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Figures;

namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// The <c>result.json</c> document of a claim run: catalogue entry, verdict, checks, parameters, settings,
/// sizes, seeds (decimal strings: they are 64-bit), measurements, figures (as data), notes, timings, commit.
/// Numbers are written in the shortest round-trip form; JSON has no NaN, so a non-finite number is written as the
/// string "NaN", "Infinity" or "-Infinity" (never as a number). One format for every writer (reports, goldens).
/// </summary>
public static class ClaimResultJson
{
    private static readonly JsonSerializerOptions TextOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Verdict name in JSON: holds, fails, inconclusive, diverged.</summary>
    public static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.Fails => "fails",
        Verdict.Inconclusive => "inconclusive",
        Verdict.Diverged => "diverged",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "unknown verdict"),
    };

    /// <summary>Check outcome name in JSON: passed, failed, undecided.</summary>
    public static string OutcomeName(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "passed",
        CheckOutcome.Failed => "failed",
        CheckOutcome.Undecided => "undecided",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown outcome"),
    };

    /// <summary>Profile name in JSON and file names: test, quick, full.</summary>
    public static string ProfileName(Profile profile) => profile.ToString().ToLowerInvariant();

    /// <summary>The document as indented UTF-8 JSON text with a trailing newline (Greek letters kept readable).</summary>
    public static string ToText(ClaimResult result, bool includeTimings = true) =>
        Write(result, includeTimings).ToJsonString(TextOptions) + "\n";

    /// <summary>Writes <see cref="ToText"/> to <paramref name="output"/> (UTF-8, no byte-order mark).</summary>
    public static void Write(ClaimResult result, Stream output)
    {
        byte[] bytes = new UTF8Encoding(false).GetBytes(ToText(result));
        output.Write(bytes);
    }

    /// <summary>Builds the document; <paramref name="includeTimings"/> = false drops the wall-clock timings (for reproducibility comparisons).</summary>
    public static JsonObject Write(ClaimResult result, bool includeTimings = true)
    {
        var checks = new JsonArray();
        foreach (var c in result.Checks)
            checks.Add((JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["outcome"] = OutcomeName(c.Outcome),
                ["passed"] = c.Passed,
                ["measured"] = Number(c.Measured),
                ["requirement"] = c.Requirement,
                ["detail"] = c.Detail,
                ["hint"] = c.Hint,
            });
        var document = new JsonObject
        {
            ["id"] = result.Info.Id,
            ["model"] = result.Info.Model,
            ["paper"] = result.Info.Paper,
            ["statement"] = result.Info.Statement,
            ["source"] = result.Info.Source,
            ["profile"] = ProfileName(result.Profile),
            ["verdict"] = VerdictName(result.Verdict),
            ["engine"] = result.Engine,
            ["parameters_changed"] = result.ParametersChanged,
            ["overrides"] = new JsonArray(result.Overrides.Select(o => (JsonNode?)JsonValue.Create(o)).ToArray()),
            ["control"] = result.DocumentedControl is { } documented ? new JsonObject { ["name"] = documented.Name, ["description"] = documented.Description, ["resolution"] = documented.Resolution } : null,
            ["negative_control"] = result.Control is { } control ? new JsonObject { ["name"] = control.Name, ["description"] = control.Description, ["strength"] = control.Strength, ["detected"] = result.Verdict != Verdict.Holds } : null,
            ["divergence"] = result.Divergence,
            ["faults"] = new JsonArray(result.Faults.Select(f => (JsonNode?)f.ToJson()).ToArray()),
            ["error"] = result.Error,
            ["checks"] = checks,
            ["parameters"] = Sanitize(result.Parameters),
            ["settings"] = Sanitize(result.Settings),
            ["sizes"] = new JsonArray(result.Sizes.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()),
            ["seeds"] = new JsonArray(result.Seeds.Select(s => (JsonNode?)JsonValue.Create(s.ToString(CultureInfo.InvariantCulture))).ToArray()),
            ["measurements"] = Sanitize(result.Measurements),
            ["notes"] = new JsonArray(result.Notes.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
            ["figures"] = new JsonArray(result.Figures.Select(f => (JsonNode?)Figure(f)).ToArray()),
            ["git_commit"] = result.GitCommit,
            ["golden_tolerances"] = new JsonArray(result.GoldenTolerances.Select(t => (JsonNode?)new JsonObject
            {
                ["path"] = t.Path, ["absolute"] = t.Absolute, ["relative"] = t.Relative,
            }).ToArray()),
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
            series.Add((JsonNode)new JsonObject
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
            lines.Add((JsonNode)new JsonObject
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
            ["y_ticks"] = figure.YTicks is null ? null : new JsonArray(figure.YTicks.Select(t => (JsonNode?)new JsonObject { ["position"] = Number(t.Position), ["label"] = t.Label }).ToArray()),
            ["series"] = series,
            ["lines"] = lines,
        };
    }

    /// <summary>A JSON number; null when <paramref name="value"/> is null; "NaN" / "Infinity" / "-Infinity" when non-finite.</summary>
    public static JsonNode? Number(double? value) => value switch
    {
        null => null,
        double v when double.IsFinite(v) => JsonValue.Create(v),
        double v => JsonValue.Create(double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity"),
    };

    /// <summary>A deep copy of <paramref name="node"/> with every non-finite number replaced as in <see cref="Number"/>.</summary>
    public static JsonNode? Sanitize(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Sanitize(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sanitize).ToArray()),
        JsonValue v when v.TryGetValue(out double d) && !double.IsFinite(d) => Number(d),
        JsonValue v when v.TryGetValue(out float f) && !float.IsFinite(f) => Number(f),
        _ => node.DeepClone(),
    };

    /// <summary>A JSON array of numbers (non-finite values as in <see cref="Number"/>).</summary>
    public static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(v => Number(v)).ToArray());
}
