using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Comparison.Golden;

namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// Reads a <c>result.json</c> document (<see cref="ClaimResultJson.Write(ClaimResult, bool)"/>) back into a <see cref="ClaimResult"/>, so
/// reports can be built from a results store and shard stores can be merged. Write → Read → Write reproduces the
/// document exactly (numbers are stored in their shortest round-trip form; non-finite ones as named strings).
/// </summary>
public static class ClaimResultReader
{
    /// <summary>The claim result of <paramref name="document"/>; a malformed document throws <see cref="FormatException"/>.</summary>
    public static ClaimResult Read(JsonObject document)
    {
        try
        {
            var info = new ClaimInfo(Text(document, "id")!, Text(document, "model")!, Text(document, "paper")!, Text(document, "statement")!, Text(document, "source")!);
            var control = document["negative_control"] is JsonObject c
                ? new NegativeControl(Text(c, "name")!, Text(c, "description")!) { Strength = Real(c["strength"]) ?? 1 }
                : null;
            var documented = document["control"] is JsonObject d
                ? new NegativeControl(Text(d, "name")!, Text(d, "description")!) { Resolution = Text(d, "resolution") }
                : null;
            return new ClaimResult
            {
                Info = info,
                Profile = ParseProfile(Text(document, "profile")!),
                Checks = Array(document, "checks").Select(n => ReadCheck(n!.AsObject())).ToList(),
                Parameters = document["parameters"]?.DeepClone().AsObject() ?? new JsonObject(),
                Measurements = document["measurements"]?.DeepClone().AsObject() ?? new JsonObject(),
                Settings = document["settings"]?.DeepClone().AsObject() ?? new JsonObject(),
                Sizes = Array(document, "sizes").Select(n => n!.GetValue<int>()).ToList(),
                Seeds = Array(document, "seeds").Select(n => ulong.Parse(n!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList(),
                Figures = Array(document, "figures").Select(n => ReadFigure(n!.AsObject())).ToList(),
                Notes = Array(document, "notes").Select(n => n!.GetValue<string>()).ToList(),
                Overrides = Array(document, "overrides").Select(n => n!.GetValue<string>()).ToList(),
                Engine = Text(document, "engine"),
                Control = control,
                DocumentedControl = documented,
                Divergence = Text(document, "divergence"),
                Faults = Array(document, "faults").Select(n => Models.Observables.NumericalFault.FromJson(n!)).ToList(),
                Error = Text(document, "error"),
                GitCommit = Text(document, "git_commit") ?? "unknown",
                GoldenTolerances = Array(document, "golden_tolerances")
                    .Select(n => new GoldenTolerance(Text(n!.AsObject(), "path")!, Real(n!["absolute"])!.Value, Real(n["relative"])!.Value)).ToList(),
                Timings = document["timings"] is JsonObject t ? t.ToDictionary(p => p.Key, p => Real(p.Value) ?? double.NaN) : new Dictionary<string, double>(),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or ArgumentException or OverflowException or KeyNotFoundException)
        {
            throw new FormatException($"not a result.json document: {e.Message}", e);
        }
    }

    private static CheckResult ReadCheck(JsonObject o) => new(Text(o, "name")!, ParseOutcome(Text(o, "outcome") ?? (o["passed"]!.GetValue<bool>() ? "passed" : "failed")),
        Real(o["measured"]), Text(o, "requirement") ?? "", Text(o, "detail"))
    {
        Hint = Text(o, "hint"),
    };

    private static FigureSpec ReadFigure(JsonObject o) => new(Text(o, "name")!, Text(o, "title")!, Text(o, "x_label")!, Text(o, "y_label")!,
        Array(o, "series").Select(n =>
        {
            var s = n!.AsObject();
            return new SeriesSpec(Text(s, "label"), Reals(s["x"])!, Reals(s["y"])!, Enum.Parse<SeriesKind>(Text(s, "kind")!))
            {
                Lower = Reals(s["lower"]),
                Upper = Reals(s["upper"]),
                ColorIndex = s["color"]?.GetValue<int>(),
                Dashed = s["dashed"]?.GetValue<bool>() ?? false,
            };
        }).ToList())
    {
        LogX = o["log_x"]?.GetValue<bool>() ?? false,
        LogY = o["log_y"]?.GetValue<bool>() ?? false,
        Annotation = Text(o, "annotation"),
        Caption = Text(o, "caption"),
        Width = Enum.Parse<FigureWidth>(Text(o, "width") ?? nameof(FigureWidth.Single)),
        YTicks = o["y_ticks"] is JsonArray ticks ? ticks.Select(t => new AxisTick(Real(t!["position"])!.Value, Text(t.AsObject(), "label")!)).ToList() : null,
        Lines = Array(o, "lines").Select(n =>
        {
            var l = n!.AsObject();
            return new MarkerLine(Real(l["position"])!.Value, Text(l, "label"), l["vertical"]?.GetValue<bool>() ?? true)
            {
                ColorIndex = l["color"]?.GetValue<int>(),
                Dashed = l["dashed"]?.GetValue<bool>() ?? true,
            };
        }).ToList(),
    };

    private static string? Text(JsonObject o, string key) => o[key] is JsonValue v ? v.GetValue<string>() : null;

    private static JsonArray Array(JsonObject o, string key) => o[key] as JsonArray ?? [];

    /// <summary>A number written by <see cref="ClaimResultJson.Number"/> (named strings for non-finite values).</summary>
    private static double? Real(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out string? text) => text switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => throw new FormatException($"not a number: '{text}'"),
        },
        _ => node.GetValue<double>(),
    };

    private static double[]? Reals(JsonNode? node) => node is JsonArray a ? a.Select(n => Real(n) ?? double.NaN).ToArray() : null;

    private static Profile ParseProfile(string name) => name switch
    {
        "test" => Profile.Test,
        "quick" => Profile.Quick,
        "full" => Profile.Full,
        _ => throw new FormatException($"unknown profile '{name}'"),
    };

    private static CheckOutcome ParseOutcome(string name) => name switch
    {
        "passed" => CheckOutcome.Passed,
        "failed" => CheckOutcome.Failed,
        "undecided" => CheckOutcome.Undecided,
        _ => throw new FormatException($"unknown check outcome '{name}'"),
    };
}
