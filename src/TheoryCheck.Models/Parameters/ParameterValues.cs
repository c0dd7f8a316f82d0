using System.Text.Json;
using System.Text.Json.Nodes;

namespace TheoryCheck.Models.Parameters;

/// <summary>
/// Parameter values for one model, each checked against its <see cref="ParameterSpec"/>: explicit values
/// (from <c>--set name=value</c> or a scenario file) over the documented defaults. Immutable.
/// </summary>
public sealed class ParameterValues
{
    private readonly Dictionary<string, ParameterSpec> _specs;
    private readonly Dictionary<string, JsonNode> _explicit;

    private ParameterValues(string modelId, IReadOnlyList<ParameterSpec> specs, Dictionary<string, JsonNode> explicitValues)
    {
        ModelId = modelId;
        _specs = specs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _explicit = explicitValues;
        Specs = specs;
    }

    /// <summary>Id of the model these values belong to (named in error messages).</summary>
    public string ModelId { get; }

    /// <summary>The parameter specifications, in documentation order.</summary>
    public IReadOnlyList<ParameterSpec> Specs { get; }

    /// <summary>Names given explicitly (not defaults), in the order given.</summary>
    public IReadOnlyCollection<string> ExplicitNames => _explicit.Keys;

    /// <summary>Values with every parameter at its default.</summary>
    public static ParameterValues Defaults(string modelId, IReadOnlyList<ParameterSpec> specs) => new(modelId, specs, new(StringComparer.Ordinal));

    /// <summary>
    /// Validates a scenario object (<c>{"name": value, …}</c>) and then <c>name=value</c> assignments (which win over
    /// the scenario), against <paramref name="specs"/>. Unknown names, bad values and a name assigned twice with
    /// different values throw <see cref="InputException"/>.
    /// </summary>
    public static ParameterValues Parse(string modelId, IReadOnlyList<ParameterSpec> specs, JsonObject? scenario, IEnumerable<string> assignments)
    {
        var values = Defaults(modelId, specs);
        if (scenario is not null)
            foreach (var (name, node) in scenario)
                values = values.With(name, node);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string assignment in assignments)
        {
            int eq = assignment.IndexOf('=');
            if (eq <= 0) throw new InputException($"--set expects name=value (got '{assignment}')");
            string name = assignment[..eq].Trim(), text = assignment[(eq + 1)..].Trim();
            var spec = values.Spec(name);
            var node = spec.ParseText(text);
            if (given.TryGetValue(name, out string? earlier) && earlier != node.ToJsonString())
                throw new InputException($"parameter '{name}' is set twice with different values ({earlier} and {node.ToJsonString()})");
            given[name] = node.ToJsonString();
            values = values.WithNode(name, node);
        }
        return values;
    }

    /// <summary>Returns a copy with <paramref name="name"/> set to the validated <paramref name="value"/>.</summary>
    public ParameterValues With(string name, JsonNode? value) => WithNode(name, Spec(name).Validate(value));

    /// <summary>Convenience overload: sets a number.</summary>
    public ParameterValues With(string name, double value) => With(name, JsonValue.Create(value));

    /// <summary>Convenience overload: sets a whole number.</summary>
    public ParameterValues With(string name, long value) => With(name, JsonValue.Create(value));

    /// <summary>Convenience overload: sets a name (choice parameter).</summary>
    public ParameterValues With(string name, string value) => With(name, JsonValue.Create(value));

    /// <summary>Convenience overload: sets a list of numbers.</summary>
    public ParameterValues With(string name, IEnumerable<double> values) =>
        With(name, new JsonArray(values.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()));

    /// <summary>A copy without the explicit value of <paramref name="name"/> (back to its default).</summary>
    public ParameterValues Without(string name)
    {
        Spec(name);
        var copy = new Dictionary<string, JsonNode>(_explicit, StringComparer.Ordinal);
        copy.Remove(name);
        return new ParameterValues(ModelId, Specs, copy);
    }

    private ParameterValues WithNode(string name, JsonNode node)
    {
        var copy = new Dictionary<string, JsonNode>(_explicit, StringComparer.Ordinal) { [name] = node };
        return new ParameterValues(ModelId, Specs, copy);
    }

    /// <summary>The specification of <paramref name="name"/>; unknown names throw <see cref="InputException"/>.</summary>
    public ParameterSpec Spec(string name) =>
        _specs.TryGetValue(name, out var spec)
            ? spec
            : throw new InputException($"unknown parameter '{name}' for model '{ModelId}' (known: {string.Join(", ", Specs.Select(s => s.Name))})");

    /// <summary>True when the model has a parameter named <paramref name="name"/>.</summary>
    public bool Has(string name) => _specs.ContainsKey(name);

    /// <summary>True when <paramref name="name"/> was given explicitly.</summary>
    public bool IsExplicit(string name) => _explicit.ContainsKey(name);

    /// <summary>The value (explicit or default) or null when neither exists.</summary>
    public JsonNode? Get(string name)
    {
        if (_explicit.TryGetValue(name, out var node)) return node;
        if (!_specs.TryGetValue(name, out var spec)) throw new ArgumentException($"no parameter '{name}'", nameof(name));
        // Defaults pass the same validation as given values, which also normalises their JSON type
        // (an int-backed default reads back as long, a whole-number real as double).
        return spec.Default is null ? null : spec.Validate(spec.Default);
    }

    /// <summary>An integer parameter (throws <see cref="InputException"/> when it has no value).</summary>
    public long Integer(string name) => Required(name).GetValue<long>();

    /// <summary>A real parameter (throws <see cref="InputException"/> when it has no value).</summary>
    public double Real(string name) => Required(name).GetValue<double>();

    /// <summary>A choice parameter.</summary>
    public string Choice(string name) => Required(name).GetValue<string>();

    /// <summary>A list parameter, or null when it has neither value nor default (a derived default).</summary>
    public double[]? RealList(string name) => Get(name) is JsonArray a ? a.Select(n => n!.GetValue<double>()).ToArray() : null;

    private JsonNode Required(string name) => Get(name) ?? throw new InputException($"parameter '{name}' is required");

    /// <summary>All parameters with a value (explicit or default) as a JSON object, in documentation order.</summary>
    public JsonObject ToJson(bool includeSimulationOnly = false)
    {
        var o = new JsonObject();
        foreach (var spec in Specs)
        {
            if (spec.SimulationOnly && !includeSimulationOnly && !IsExplicit(spec.Name)) continue;
            if (Get(spec.Name) is JsonNode node) o[spec.Name] = node.DeepClone();
        }
        return o;
    }

    /// <summary>
    /// Reads a scenario file: a JSON object of parameters, or <c>{"model": id, "params": {…}}</c> (no other top-level
    /// keys). A missing or unreadable file, invalid JSON, a key given twice in one object, or a wrapped file for another
    /// model throws <see cref="InputException"/> with one line naming the problem.
    /// </summary>
    public static JsonObject ReadScenario(string path, string modelId)
    {
        if (Directory.Exists(path)) throw new InputException($"scenario file '{path}' is a directory");
        if (!File.Exists(path)) throw new InputException($"scenario file '{path}' does not exist");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"scenario file '{path}' cannot be read: {e.Message}");
        }
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        JsonNode? root;
        try
        {
            using (var document = JsonDocument.Parse(text, options))
                if (FirstDuplicateKey(document.RootElement, "") is string duplicate)
                    throw new InputException($"scenario file '{path}': key '{duplicate}' is given twice");
            root = JsonNode.Parse(text, documentOptions: options);
        }
        catch (JsonException e)
        {
            throw new InputException($"scenario file '{path}' is not valid JSON: {e.Message.Split('\n')[0]}");
        }
        if (root is not JsonObject obj) throw new InputException($"scenario file '{path}' must hold a JSON object");
        if (obj.ContainsKey("params"))
        {
            if (obj.Select(p => p.Key).FirstOrDefault(k => k is not ("model" or "params")) is string extra)
                throw new InputException($"scenario file '{path}': unknown top-level key '{extra}' (a wrapped scenario has only \"model\" and \"params\")");
            if (obj["model"] is JsonNode m && (m.GetValueKind() != JsonValueKind.String || m.GetValue<string>() != modelId))
                throw new InputException($"scenario file '{path}' is for model {(m.GetValueKind() == JsonValueKind.String ? $"'{m.GetValue<string>()}'" : m.ToJsonString())}, not '{modelId}'");
            return obj["params"] as JsonObject ?? throw new InputException($"scenario file '{path}': \"params\" must be an object");
        }
        return obj;
    }

    /// <summary>The path of the first key that occurs twice in one object of <paramref name="element"/>, or null.</summary>
    private static string? FirstDuplicateKey(JsonElement element, string prefix)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    string path = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
                    if (!seen.Add(property.Name)) return path;
                    if (FirstDuplicateKey(property.Value, path) is string inner) return inner;
                }
                return null;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in element.EnumerateArray())
                    if (FirstDuplicateKey(item, $"{prefix}[{i++}]") is string inner) return inner;
                return null;
            default:
                return null;
        }
    }
}
