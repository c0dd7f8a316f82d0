using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Sweeps;
using TheoryCheck.Models;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Comparison.Specs;

/// <summary>
/// Reads a claim spec file (docs/specs.md, docs/schema/claim-spec.schema.json) into claims. Every error is one line
/// naming the file and the field by its JSON path, e.g. <c>spec 'my.json': claims[1].comparison.exponent must be a
/// number</c>; nothing runs until the whole file is valid.
/// </summary>
public static class ClaimSpecReader
{
    private static readonly string[] TopKeys = ["$schema", "title", "claims"];
    private static readonly string[] ClaimKeys = ["id", "model", "statement", "paper", "parameters", "engine", "observables", "grid", "sizes", "seeds", "comparison", "negative_control"];

    /// <summary>The claims of the spec file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<IClaim> Read(string path) => Parse(path).Select(Claim).ToList();

    /// <summary>The parsed specs of <paramref name="path"/> (validated; see the class summary).</summary>
    public static IReadOnlyList<ClaimSpec> Parse(string path)
    {
        if (!File.Exists(path)) throw new InputException($"spec file '{path}' does not exist");
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InputException($"spec '{path}' is not valid JSON: {e.Message.Split('\n')[0]}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"spec '{path}' cannot be read: {e.Message}");
        }
        var ctx = new Cursor(path);
        var top = ctx.Object(root, "");
        ctx.OnlyKeys(top, "", TopKeys);
        var claims = ctx.Array(top["claims"], "claims");
        if (claims.Count == 0) throw ctx.Error("claims", "must list at least one claim");
        var specs = new List<ClaimSpec>();
        for (int i = 0; i < claims.Count; i++) specs.Add(ParseClaim(ctx, ctx.Object(claims[i], $"claims[{i}]"), $"claims[{i}]"));
        var duplicate = specs.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw ctx.Error("claims", $"id '{duplicate.Key}' is used twice");
        foreach (var spec in specs)
            if (ModelCatalog.Claims.Any(c => c.Info.Id == spec.Id))
                throw ctx.Error($"claims[{specs.IndexOf(spec)}].id", $"'{spec.Id}' is a catalogue claim: choose another id");
        return specs;
    }

    /// <summary>The claim a spec defines.</summary>
    public static IClaim Claim(ClaimSpec spec) => spec.Comparison switch
    {
        RateComparison => new SpecRateClaim(spec),
        ValueComparison => new SpecValueClaim(spec),
        SpectrumComparison => new SpecSpectrumClaim(spec),
        _ => throw new InvalidOperationException("unknown comparison"),
    };

    private static ClaimSpec ParseClaim(Cursor ctx, JsonObject o, string at)
    {
        ctx.OnlyKeys(o, at, ClaimKeys);
        string id = ctx.Text(o["id"], $"{at}.id");
        if (id.Length == 0 || id.Length > 120 || id[0] is '.' or '-' || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            throw ctx.Error($"{at}.id", $"must be letters, digits, '.', '-', '_' (not starting with '.' or '-'; got '{id}')");
        string modelId = ctx.Text(o["model"], $"{at}.model");
        var binding = ModelCatalog.All.FirstOrDefault(b => b.Descriptor.Id == modelId)
            ?? throw ctx.Error($"{at}.model", $"unknown model '{modelId}' (models: {string.Join(", ", ModelCatalog.All.Select(b => b.Descriptor.Id))})");
        string statement = o["statement"] is null ? $"user claim {id}" : ctx.Text(o["statement"], $"{at}.statement");
        string paper = o["paper"] is null ? "user spec" : ctx.Text(o["paper"], $"{at}.paper");

        var parametersNode = o["parameters"] is null ? new JsonObject() : ctx.Object(o["parameters"], $"{at}.parameters");
        foreach (string simulationOnly in new[] { "d", "seed" })
            if (parametersNode.ContainsKey(simulationOnly))
                throw ctx.Error($"{at}.parameters.{simulationOnly}", simulationOnly == "d" ? "sizes are given by \"sizes\"" : "seeds are keyed by (claim, d, replicate); give their number in \"seeds\"");
        Models.Parameters.ParameterValues parameters;
        try
        {
            parameters = binding.Descriptor.Parse(parametersNode, []);
        }
        catch (InputException e)
        {
            // "parameter 'lambda' must be > 0 (got -1)" → "claims[0].parameters.lambda must be > 0 (got -1)"
            var named = System.Text.RegularExpressions.Regex.Match(e.Message, "^parameter '([^']+)' (.*)$");
            throw named.Success ? ctx.Error($"{at}.parameters.{named.Groups[1].Value}", named.Groups[2].Value) : ctx.Error($"{at}.parameters", e.Message);
        }

        string? engine = o["engine"] is null ? null : ctx.Text(o["engine"], $"{at}.engine");
        if (engine is not null && !binding.Engines.Contains(engine))
            throw ctx.Error($"{at}.engine", $"model '{modelId}' has no engine '{engine}' (engines: {string.Join(", ", binding.Engines)})");
        if (engine is not null && binding.EngineRefusal(parameters, engine) is string refusal)
            throw ctx.Error($"{at}.engine", refusal);

        var grid = ctx.Object(o["grid"], $"{at}.grid");
        ctx.OnlyKeys(grid, $"{at}.grid", ["T", "step"]);
        double end = ctx.Number(grid["T"], $"{at}.grid.T", positive: true);
        double step = ctx.Number(grid["step"], $"{at}.grid.step", positive: true);
        try
        {
            binding.Grid(parameters, end, step);
        }
        catch (InputException e)
        {
            throw ctx.Error($"{at}.grid", e.Message);
        }

        var sizes = ctx.PerProfile(o["sizes"], $"{at}.sizes", (node, where) =>
        {
            var list = ctx.Array(node, where).Select((n, k) => (int)ctx.Integer(n, $"{where}[{k}]", 2, int.MaxValue)).ToArray();
            if (list.Length == 0) throw ctx.Error(where, "must list at least one size");
            if (list.Distinct().Count() != list.Length) throw ctx.Error(where, "sizes must be distinct");
            return list;
        });
        var seeds = ctx.PerProfile(o["seeds"], $"{at}.seeds", (node, where) => (int)ctx.Integer(node, where, 1, 100_000));

        var comparisonNode = ctx.Object(o["comparison"], $"{at}.comparison");
        string kind = ctx.Text(comparisonNode["kind"], $"{at}.comparison.kind");
        var theoryNames = binding.SolveTheory(binding.TheoryUsesDimension ? parameters.With("d", (long)sizes[Profile.Quick][0]) : parameters, TimeGrid.FromPoints([0])).Names.ToList();
        IReadOnlyList<string> observables;
        SpecComparison comparison;
        double controlDefault;
        switch (kind)
        {
            case "rate":
                ctx.OnlyKeys(comparisonNode, $"{at}.comparison", ["kind", "exponent", "bound"]);
                comparison = new RateComparison(ctx.Number(comparisonNode["exponent"], $"{at}.comparison.exponent"),
                    ctx.Number(comparisonNode["bound"], $"{at}.comparison.bound", positive: true));
                var list = ctx.Array(o["observables"], $"{at}.observables");
                if (list.Count == 0) throw ctx.Error($"{at}.observables", "must list at least one observable");
                observables = list.Select((n, k) => ctx.Observable(n, $"{at}.observables[{k}]", theoryNames)).ToList();
                foreach (var (profile, d) in sizes)
                    if (d.Length < 3) throw ctx.Error($"{at}.sizes", $"a rate needs at least three sizes for its interval ({ProfileText(profile)} has {d.Length})");
                controlDefault = 1.1;
                break;
            case "value":
                ctx.OnlyKeys(comparisonNode, $"{at}.comparison", ["kind", "observable", "t", "tolerance"]);
                string observable = ctx.Observable(comparisonNode["observable"], $"{at}.comparison.observable", theoryNames);
                if (observable.Contains('*')) throw ctx.Error($"{at}.comparison.observable", "must name one observable, not a pattern");
                double time = comparisonNode["t"] is null ? end : ctx.Number(comparisonNode["t"], $"{at}.comparison.t");
                if (time < 0 || time > end) throw ctx.Error($"{at}.comparison.t", $"must lie in [0, T = {end.ToString(CultureInfo.InvariantCulture)}]");
                comparison = new ValueComparison(observable, time, ctx.Number(comparisonNode["tolerance"], $"{at}.comparison.tolerance", positive: true));
                observables = [observable];
                controlDefault = 1.1;
                break;
            case "spectrum":
                ctx.OnlyKeys(comparisonNode, $"{at}.comparison", ["kind", "matrix", "block", "t", "samples_ratio", "outliers", "location_tolerance"]);
                string matrix = ctx.Text(comparisonNode["matrix"], $"{at}.comparison.matrix");
                if (matrix is not ("hessian" or "g")) throw ctx.Error($"{at}.comparison.matrix", $"must be hessian or g (got '{matrix}')");
                comparison = new SpectrumComparison(matrix,
                    comparisonNode["block"] is null ? null : ctx.Text(comparisonNode["block"], $"{at}.comparison.block"),
                    comparisonNode["t"] is null ? end : ctx.Number(comparisonNode["t"], $"{at}.comparison.t"),
                    comparisonNode["samples_ratio"] is null ? 3 : ctx.Number(comparisonNode["samples_ratio"], $"{at}.comparison.samples_ratio", positive: true),
                    (int)ctx.Integer(comparisonNode["outliers"], $"{at}.comparison.outliers", 0, 10_000),
                    comparisonNode["location_tolerance"] is null ? null : ctx.Number(comparisonNode["location_tolerance"], $"{at}.comparison.location_tolerance", positive: true));
                observables = [];
                controlDefault = 1.15;
                break;
            default:
                throw ctx.Error($"{at}.comparison.kind", $"must be rate, value or spectrum (got '{kind}')");
        }

        double control = controlDefault;
        if (o["negative_control"] is JsonNode nc)
        {
            var ncObject = ctx.Object(nc, $"{at}.negative_control");
            ctx.OnlyKeys(ncObject, $"{at}.negative_control", ["factor"]);
            control = ctx.Number(ncObject["factor"], $"{at}.negative_control.factor", positive: true);
            if (control == 1) throw ctx.Error($"{at}.negative_control.factor", "must differ from 1 (1 changes nothing)");
        }
        return new ClaimSpec
        {
            Id = id, Model = modelId, Statement = statement, Paper = paper, Parameters = parameters, Engine = engine,
            Observables = observables, Grid = (end, step), Sizes = sizes, Seeds = seeds, Comparison = comparison,
            ControlFactor = control, Source = Path.GetFullPath(ctx.File),
        };
    }

    private static string ProfileText(Profile p) => ClaimResultJson.ProfileName(p);

    /// <summary>Reads values with errors naming the file and the JSON path.</summary>
    private sealed class Cursor(string file)
    {
        public string File { get; } = file;

        public InputException Error(string at, string what) => new($"spec '{File}': {(at.Length == 0 ? "the document" : at)} {what}");

        public JsonObject Object(JsonNode? node, string at) => node as JsonObject ?? throw Error(at, node is null ? "is missing (an object is required)" : "must be an object");

        public JsonArray Array(JsonNode? node, string at) => node as JsonArray ?? throw Error(at, node is null ? "is missing (a list is required)" : "must be a list");

        public string Text(JsonNode? node, string at) =>
            node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>().Trim() : throw Error(at, node is null ? "is missing" : "must be a string");

        public double Number(JsonNode? node, string at, bool positive = false)
        {
            if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) throw Error(at, node is null ? "is missing (a number is required)" : "must be a number");
            double x = v.GetValue<double>();
            if (!double.IsFinite(x)) throw Error(at, "must be finite");
            if (positive && x <= 0) throw Error(at, $"must be > 0 (got {x.ToString(CultureInfo.InvariantCulture)})");
            return x;
        }

        public long Integer(JsonNode? node, string at, long minimum, long maximum)
        {
            double x = Number(node, at);
            if (Math.Floor(x) != x) throw Error(at, $"must be a whole number (got {x.ToString(CultureInfo.InvariantCulture)})");
            if (x < minimum || x > maximum) throw Error(at, $"must lie in [{minimum}, {maximum}] (got {x.ToString(CultureInfo.InvariantCulture)})");
            return (long)x;
        }

        public string Observable(JsonNode? node, string at, IReadOnlyList<string> names)
        {
            string pattern = Text(node, at);
            if (!names.Any(n => Running.Glob.IsMatch(pattern, n)))
                throw Error(at, $"matches no observable of the model (observables: {string.Join(", ", names.Take(12))}{(names.Count > 12 ? ", …" : "")})");
            return pattern;
        }

        public void OnlyKeys(JsonObject o, string at, IReadOnlyCollection<string> allowed)
        {
            foreach (var (key, _) in o)
                if (!allowed.Contains(key)) throw Error(at.Length == 0 ? key : $"{at}.{key}", $"is not a known field (known: {string.Join(", ", allowed)})");
        }

        /// <summary>A value for every profile: one value for all, or {"test": …, "quick": …, "full": …} (quick required; test and full default to quick).</summary>
        public IReadOnlyDictionary<Profile, T> PerProfile<T>(JsonNode? node, string at, Func<JsonNode?, string, T> read)
        {
            if (node is JsonObject o && !(o.Count == 0))
            {
                OnlyKeys(o, at, ["test", "quick", "full"]);
                var quick = read(o["quick"], $"{at}.quick");
                return new Dictionary<Profile, T>
                {
                    [Profile.Quick] = quick,
                    [Profile.Test] = o["test"] is null ? quick : read(o["test"], $"{at}.test"),
                    [Profile.Full] = o["full"] is null ? quick : read(o["full"], $"{at}.full"),
                };
            }
            var all = read(node, at);
            return new Dictionary<Profile, T> { [Profile.Test] = all, [Profile.Quick] = all, [Profile.Full] = all };
        }
    }
}
