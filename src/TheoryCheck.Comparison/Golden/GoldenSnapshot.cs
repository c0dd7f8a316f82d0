using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace TheoryCheck.Comparison.Golden;

/// <summary>
/// A claim's measurements flattened into field paths → leaf values, in document order: object keys joined
/// with '.', array elements as [i] (0-based), e.g. <c>E_d[2]</c>, <c>fit.slope</c>, <c>ode.m[1,1][3]</c>.
/// Empty objects and arrays produce no field. The file form is one JSON object with one field per line and
/// numbers in round-trip form ("R"), so text diffs are readable and every double survives exactly.
/// </summary>
public sealed class GoldenSnapshot
{
    private static readonly JsonSerializerOptions s_namedFloats = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private GoldenSnapshot(IReadOnlyList<KeyValuePair<string, GoldenValue>> fields)
    {
        var index = new Dictionary<string, GoldenValue>(StringComparer.Ordinal);
        foreach (var (path, value) in fields)
            if (!index.TryAdd(path, value))
                throw new ArgumentException($"golden field path '{path}' occurs twice (a key that looks like an array index?)");
        Fields = fields;
        Index = index;
    }

    /// <summary>The fields in document order.</summary>
    public IReadOnlyList<KeyValuePair<string, GoldenValue>> Fields { get; }

    /// <summary>The fields by path.</summary>
    public IReadOnlyDictionary<string, GoldenValue> Index { get; }

    /// <summary>Flattens a measurements document (doubles stored in nodes, NaN/∞ included).</summary>
    public static GoldenSnapshot Flatten(JsonNode measurements)
    {
        // Serialise once (doubles are written in shortest round-trip form) and walk the parsed elements, so
        // values of every CLR type behind a JsonValue are read uniformly.
        using var document = JsonDocument.Parse(measurements.ToJsonString(s_namedFloats));
        var fields = new List<KeyValuePair<string, GoldenValue>>();
        Walk(document.RootElement, "", fields);
        return new GoldenSnapshot(fields);
    }

    /// <summary>Parses the file form written by <see cref="ToText"/>.</summary>
    public static GoldenSnapshot Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("a golden file must hold one JSON object");
        var fields = new List<KeyValuePair<string, GoldenValue>>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                throw new FormatException($"golden field '{property.Name}' must be a number, string, boolean or null");
            fields.Add(new(property.Name, Leaf(property.Value)));
        }
        return new GoldenSnapshot(fields);
    }

    /// <summary>The file form: <c>{ "path": value, … }</c>, two-space indent, one field per line, numbers "R".</summary>
    public string ToText()
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var (path, value) in Fields)
            {
                writer.WritePropertyName(path);
                switch (value.Kind)
                {
                    case GoldenValueKind.Number when double.IsFinite(value.Number):
                        writer.WriteRawValue(GoldenValue.Format(value.Number));
                        break;
                    case GoldenValueKind.Number:
                        writer.WriteStringValue(GoldenValue.Format(value.Number));
                        break;
                    case GoldenValueKind.String:
                        writer.WriteStringValue(value.Text);
                        break;
                    case GoldenValueKind.Boolean:
                        writer.WriteBooleanValue(value.Text == "true");
                        break;
                    default:
                        writer.WriteNullValue();
                        break;
                }
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>
    /// The fields of this (obtained) snapshot that fail against <paramref name="expected"/>: numbers outside
    /// their tolerance (<see cref="GoldenTolerance.For"/> over <paramref name="tolerances"/>; NaN equals NaN,
    /// ±∞ equal themselves), strings/booleans/null not exactly equal, different kinds, missing fields (in expected
    /// only, in expected order) and new fields (obtained only, at the end).
    /// </summary>
    public IReadOnlyList<GoldenMismatch> Compare(GoldenSnapshot expected, IReadOnlyList<GoldenTolerance> tolerances)
    {
        var mismatches = new List<GoldenMismatch>();
        foreach (var (path, want) in expected.Fields)
        {
            if (!Index.TryGetValue(path, out var got))
            {
                mismatches.Add(new GoldenMismatch(path, want, null, null, null));
                continue;
            }
            if (want.Kind != got.Kind)
            {
                mismatches.Add(new GoldenMismatch(path, want, got, null, null));
                continue;
            }
            if (want.Kind == GoldenValueKind.Number)
            {
                double e = want.Number, o = got.Number;
                if ((double.IsNaN(e) && double.IsNaN(o)) || (double.IsInfinity(e) && e == o)) continue;
                double difference = Math.Abs(o - e);
                double allowed = double.IsFinite(e) ? GoldenTolerance.For(path, tolerances).Allowed(e) : 0;
                if (!(difference <= allowed))
                    mismatches.Add(new GoldenMismatch(path, want, got, double.IsNaN(difference) ? double.PositiveInfinity : difference, allowed));
            }
            else if (want.Text != got.Text)
            {
                mismatches.Add(new GoldenMismatch(path, want, got, null, null));
            }
        }
        foreach (var (path, got) in Fields)
            if (!expected.Index.ContainsKey(path)) mismatches.Add(new GoldenMismatch(path, null, got, null, null));
        return mismatches;
    }

    private static void Walk(JsonElement element, string path, List<KeyValuePair<string, GoldenValue>> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    Walk(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, fields);
                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in element.EnumerateArray())
                    Walk(item, path + "[" + (i++).ToString(CultureInfo.InvariantCulture) + "]", fields);
                break;
            default:
                fields.Add(new(path.Length == 0 ? "$" : path, Leaf(element)));
                break;
        }
    }

    private static GoldenValue Leaf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => GoldenValue.Of(double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)),
        JsonValueKind.String => element.GetString() switch
        {
            "NaN" => GoldenValue.Of(double.NaN),
            "Infinity" => GoldenValue.Of(double.PositiveInfinity),
            "-Infinity" => GoldenValue.Of(double.NegativeInfinity),
            var s => GoldenValue.Of(s!),
        },
        JsonValueKind.True => GoldenValue.Of(true),
        JsonValueKind.False => GoldenValue.Of(false),
        _ => GoldenValue.Null,
    };
}
