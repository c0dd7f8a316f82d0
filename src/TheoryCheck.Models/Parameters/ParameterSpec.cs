using System.Globalization;
using System.Text.Json.Nodes;

namespace TheoryCheck.Models.Parameters;

/// <summary>
/// One named model parameter as documented in shared/theory/parameters.md: its JSON name, meaning, shape,
/// default and the per-value range check. Cross-parameter checks (e.g. length of <c>p</c> equals <c>k</c>)
/// belong to the model's parameter record.
/// </summary>
/// <param name="Name">JSON / command-line name, e.g. <c>lambda</c>.</param>
/// <param name="Meaning">One-line meaning, printed by <c>theorycheck models</c>.</param>
/// <param name="Kind">JSON shape.</param>
/// <param name="Default">Default value, or null when the default is derived (documented in <see cref="DefaultText"/>) or absent.</param>
public sealed record ParameterSpec(string Name, string Meaning, ParameterKind Kind, JsonNode? Default)
{
    /// <summary>How the default is shown when <see cref="Default"/> is null (e.g. "uniform", "—").</summary>
    public string? DefaultText { get; init; }

    /// <summary>Lower bound on the value (each element for lists), or null.</summary>
    public double? Minimum { get; init; }

    /// <summary>Whether <see cref="Minimum"/> itself is allowed.</summary>
    public bool MinimumInclusive { get; init; } = true;

    /// <summary>Upper bound on the value (each element for lists), or null.</summary>
    public double? Maximum { get; init; }

    /// <summary>Whether <see cref="Maximum"/> itself is allowed.</summary>
    public bool MaximumInclusive { get; init; } = true;

    /// <summary>The allowed names of a <see cref="ParameterKind.Choice"/> parameter.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>
    /// A rule the range alone cannot state because it depends on other parameters (e.g. kgmm's d: "≥ 2k and ≤
    /// ⌊(2³¹ − 1)/k⌋"), checked by the model's parameter record and shown after the range by <see cref="ValidText"/>.
    /// </summary>
    public string? Rule { get; init; }

    /// <summary>True for parameters only the finite-d simulation uses (<c>d</c>, <c>seed</c>).</summary>
    public bool SimulationOnly { get; init; }

    /// <summary>Human-readable validity rule, e.g. "&gt; 0", "integer ≥ 2".</summary>
    public string ValidText => Kind switch
    {
        ParameterKind.Choice => string.Join(" | ", Choices),
        _ => Rule is null ? RangeText() : RangeText() + "; " + Rule,
    };

    /// <summary>
    /// The smallest normal double, 2.2250738585072014e-308: a non-zero real parameter must be at least this large in
    /// magnitude (a subnormal value has lost precision and its reciprocal overflows).
    /// </summary>
    public const double SmallestNormal = 2.2250738585072014e-308;

    /// <summary>The default as shown to users.</summary>
    public string DefaultDisplay => Default is null ? DefaultText ?? "—" : Default.ToJsonString();

    private string RangeText()
    {
        var parts = new List<string>();
        if (Kind == ParameterKind.Integer) parts.Add("integer");
        if (Kind == ParameterKind.RealList) parts.Add("list");
        if (Minimum is double lo) parts.Add((MinimumInclusive ? "≥ " : "> ") + Format(lo));
        if (Maximum is double hi) parts.Add((MaximumInclusive ? "≤ " : "< ") + Format(hi));
        return parts.Count == 0 ? "any" : string.Join(" ", parts);
    }

    private static string Format(double x) => x.ToString("G", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a command-line text value (<c>--set name=text</c>) into this parameter's JSON shape and checks
    /// its range. Throws <see cref="InputException"/> with one clear line on failure.
    /// </summary>
    public JsonNode ParseText(string text)
    {
        text = text.Trim();
        JsonNode node = Kind switch
        {
            ParameterKind.Integer => JsonValue.Create(ParseInteger(text)),
            ParameterKind.Real => JsonValue.Create(ParseReal(text)),
            ParameterKind.RealList => ParseList(text),
            ParameterKind.Choice => JsonValue.Create(text),
            _ => throw new InvalidOperationException(),
        };
        return Validate(node);
    }

    /// <summary>Checks a JSON value (from a scenario file or <see cref="ParseText"/>) and returns a normalised copy.</summary>
    public JsonNode Validate(JsonNode? node)
    {
        if (node is null) throw Error("must not be null");
        switch (Kind)
        {
            case ParameterKind.Integer:
                {
                    long v = ReadInteger(node);
                    CheckRange(v);
                    return JsonValue.Create(v);
                }
            case ParameterKind.Real:
                {
                    double v = ReadReal(node);
                    CheckRange(v);
                    return JsonValue.Create(v);
                }
            case ParameterKind.RealList:
                {
                    if (node is not JsonArray array) throw Error("must be a list of numbers");
                    if (array.Count == 0) throw Error("must not be an empty list");
                    var copy = new JsonArray();
                    foreach (var element in array)
                    {
                        double v = ReadReal(element ?? throw Error("must not contain null"));
                        CheckRange(v);
                        copy.Add((JsonNode?)(v));
                    }
                    return copy;
                }
            case ParameterKind.Choice:
                {
                    string? s = node is JsonValue value && value.TryGetValue(out string? str) ? str : null;
                    if (s is null || !Choices.Contains(s))
                        throw Error($"must be one of {string.Join(", ", Choices)} (got {node.ToJsonString()})");
                    return JsonValue.Create(s);
                }
            default:
                throw new InvalidOperationException();
        }
    }

    private long ParseInteger(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v)
            ? v
            : throw Error($"must be an integer (got '{text}')");

    private double ParseReal(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw Error($"must be a finite number (got '{text}')");
        return Normal(v);
    }

    private double Normal(double v) =>
        v != 0 && Math.Abs(v) < SmallestNormal
            ? throw Error($"must be 0 or at least {SmallestNormal.ToString("R", CultureInfo.InvariantCulture)} in magnitude (got {v.ToString("R", CultureInfo.InvariantCulture)}, a subnormal number)")
            : v;

    private JsonArray ParseList(string text)
    {
        var array = new JsonArray();
        foreach (string part in text.Trim('[', ']').Split(',', StringSplitOptions.TrimEntries))
            array.Add((JsonNode?)(ParseReal(part)));
        return array;
    }

    private long ReadInteger(JsonNode node)
    {
        // Any numeric JSON value (int-, long- or double-backed, or parsed text) is read through its JSON text.
        if (node.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            string text = node.ToJsonString();
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l)) return l;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
                && double.IsFinite(d) && Math.Floor(d) == d && Math.Abs(d) < 9e15) return (long)d;
        }
        throw Error($"must be an integer (got {node.ToJsonString()})");
    }

    private double ReadReal(JsonNode node)
    {
        if (node.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && double.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
            return Normal(d);
        throw Error($"must be a finite number (got {node.ToJsonString()})");
    }

    private void CheckRange(double v)
    {
        if (Minimum is double lo && (MinimumInclusive ? v < lo : v <= lo))
            throw Error($"must be {(MinimumInclusive ? "≥" : ">")} {Format(lo)} (got {Format(v)})");
        if (Maximum is double hi && (MaximumInclusive ? v > hi : v >= hi))
            throw Error($"must be {(MaximumInclusive ? "≤" : "<")} {Format(hi)} (got {Format(v)})");
    }

    private InputException Error(string what) => new($"parameter '{Name}' {what}");
}
