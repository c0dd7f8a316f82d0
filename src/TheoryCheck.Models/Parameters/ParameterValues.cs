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

    private ParameterValues(IReadOnlyList<ParameterSpec> specs, Dictionary<string, JsonNode> explicitValues)
    {
        _specs = specs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _explicit = explicitValues;
        Specs = specs;
    }

    /// <summary>The parameter specifications, in documentation order.</summary>
    public IReadOnlyList<ParameterSpec> Specs { get; }

    /// <summary>Names given explicitly (not defaults), in the order given.</summary>
    public IReadOnlyCollection<string> ExplicitNames => _explicit.Keys;

    /// <summary>Values with every parameter at its default.</summary>
    public static ParameterValues Defaults(IReadOnlyList<ParameterSpec> specs) => new(specs, new(StringComparer.Ordinal));

    /// <summary>
    /// Validates a scenario object (<c>{"name": value, …}</c>) and then <c>name=value</c> assignments (which win),
    /// against <paramref name="specs"/>. Unknown names and bad values throw <see cref="InputException"/>.
    /// </summary>
    public static ParameterValues Parse(string modelId, IReadOnlyList<ParameterSpec> specs, JsonObject? scenario, IEnumerable<string> assignments)
    {
        var values = Defaults(specs);
        if (scenario is not null)
            foreach (var (name, node) in scenario)
                values = values.With(modelId, name, node);
        foreach (string assignment in assignments)
        {
            int eq = assignment.IndexOf('=');
            if (eq <= 0) throw new InputException($"--set expects name=value (got '{assignment}')");
            string name = assignment[..eq].Trim();
            var spec = values.Spec(modelId, name);
            values = values.WithNode(name, spec.ParseText(assignment[(eq + 1)..]));
        }
        return values;
    }

    /// <summary>Returns a copy with <paramref name="name"/> set to the validated <paramref name="value"/>.</summary>
    public ParameterValues With(string modelId, string name, JsonNode? value) =>
        WithNode(name, Spec(modelId, name).Validate(value));

    /// <summary>Convenience overload: sets a number.</summary>
    public ParameterValues With(string modelId, string name, double value) => With(modelId, name, JsonValue.Create(value));

    /// <summary>Convenience overload: sets a name (choice parameter).</summary>
    public ParameterValues With(string modelId, string name, string value) => With(modelId, name, JsonValue.Create(value));

    private ParameterValues WithNode(string name, JsonNode node)
    {
        var copy = new Dictionary<string, JsonNode>(_explicit, StringComparer.Ordinal) { [name] = node };
        return new ParameterValues(Specs, copy);
    }

    private ParameterSpec Spec(string modelId, string name) =>
        _specs.TryGetValue(name, out var spec)
            ? spec
            : throw new InputException($"unknown parameter '{name}' for model '{modelId}' (known: {string.Join(", ", Specs.Select(s => s.Name))})");

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

    /// <summary>Reads a scenario file: a JSON object of parameters, or <c>{"model": id, "params": {…}}</c>.</summary>
    public static JsonObject ReadScenario(string path, string modelId)
    {
        if (!File.Exists(path)) throw new InputException($"scenario file '{path}' does not exist");
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InputException($"scenario file '{path}' is not valid JSON: {e.Message.Split('\n')[0]}");
        }
        if (root is not JsonObject obj) throw new InputException($"scenario file '{path}' must hold a JSON object");
        if (obj["params"] is JsonNode p)
        {
            if (obj["model"] is JsonNode m && m.GetValueKind() == JsonValueKind.String && m.GetValue<string>() != modelId)
                throw new InputException($"scenario file '{path}' is for model '{m.GetValue<string>()}', not '{modelId}'");
            return p as JsonObject ?? throw new InputException($"scenario file '{path}': \"params\" must be an object");
        }
        return obj;
    }
}
