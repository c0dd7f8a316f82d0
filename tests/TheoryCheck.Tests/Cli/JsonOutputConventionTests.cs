using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TheoryCheck.Comparison.Catalog;

namespace TheoryCheck.Tests.Cli;

/// <summary>
/// One naming convention in every JSON document the command line prints (docs/design-notes.md, "Output conventions"):
/// every object key is snake_case — except the keys that are data, not field names: observable names (paper notation,
/// <c>m[1,2]</c>) under <c>observables</c>, which must be the model's, and parameter names under <c>params</c>, which
/// must be the model's parameters — and every <c>seed</c> is a JSON number (an unsigned 64-bit integer). Iterates over
/// the catalogue, so a model added later (xor) is covered by the same test.
/// </summary>
public sealed class JsonOutputConventionTests
{
    private static readonly Regex s_snake = new("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", RegexOptions.CultureInvariant);

    public static TheoryData<string> ModelIds => new(ModelCatalog.All.Select(b => b.Descriptor.Id));

    /// <summary>Collects "path: key" for every key that breaks the convention.</summary>
    internal static List<string> Violations(JsonNode? node, IReadOnlySet<string> parameterNames, string path = "$")
    {
        var found = new List<string>();
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    string here = $"{path}.{key}";
                    if (key == "seed" && value is not null && !(value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out ulong _)))
                        found.Add($"{here}: seed is not an unsigned integer number ({value.ToJsonString()})");
                    if (key == "observables" && value is JsonObject)
                        continue; // data keys: observable names, checked against the model below
                    if (key == "params" && value is JsonObject parameters)
                    {
                        foreach (var (name, parameter) in parameters)
                        {
                            if (!parameterNames.Contains(name)) found.Add($"{here}.{name}: not a parameter of the model");
                            found.AddRange(Violations(parameter, parameterNames, $"{here}.{name}"));
                            if (name == "seed" && parameter is not null && !(parameter is JsonValue pv && pv.GetValueKind() == JsonValueKind.Number))
                                found.Add($"{here}.seed: seed is not a number");
                        }
                        continue;
                    }
                    if (!s_snake.IsMatch(key)) found.Add($"{here}: key is not snake_case");
                    found.AddRange(Violations(value, parameterNames, here));
                }
                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++) found.AddRange(Violations(a[i], parameterNames, $"{path}[{i}]"));
                break;
        }
        return found;
    }

    private static JsonNode Document(params string[] args)
    {
        var (exit, output, error) = CliRunner.RunWith(HostileInputTests.Defaults, args);
        Assert.True(exit == 0, $"{string.Join(' ', args)}: exit {exit}: {error}");
        return JsonNode.Parse(output)!;
    }

    private static void AssertConvention(JsonNode document, IModelBinding binding, string what)
    {
        var names = binding.Descriptor.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var violations = Violations(document, names);
        Assert.True(violations.Count == 0, $"{what}:\n{string.Join("\n", violations)}");
        if (document["observables"] is JsonObject observables)
        {
            var theory = binding.SolveTheory(Point(binding, withSeed: false), binding.Grid(Point(binding, withSeed: false), 1, 1)).Names.ToHashSet();
            Assert.All(observables.Select(p => p.Key), name => Assert.Contains(name, theory));
        }
    }

    private static TheoryCheck.Models.Parameters.ParameterValues Point(IModelBinding binding, bool withSeed)
    {
        var defaults = binding.Descriptor.Defaults;
        var point = binding.TheoryUsesDimension || withSeed ? defaults.With("d", 60L) : defaults;
        return withSeed ? point.With("seed", 7L) : point;
    }

    [Theory]
    [MemberData(nameof(ModelIds))]
    public void Every_key_of_ode_sgd_and_spectrum_is_snake_case_and_every_seed_a_number(string model)
    {
        var binding = ModelCatalog.Find(model);
        string[] dimension = binding.TheoryUsesDimension ? ["--d", "60"] : [];
        AssertConvention(Document(["ode", model, .. dimension, "--t-end", "1", "--t-step", "1"]), binding, $"ode {model}");
        foreach (string engine in binding.Engines)
        {
            var sgd = Document("sgd", model, "--d", "60", "--seed", "18446744073709551615", "--engine", engine, "--t-end", "1", "--t-step", "1");
            AssertConvention(sgd, binding, $"sgd {model} --engine {engine}");
            Assert.Equal(ulong.MaxValue, sgd["seed"]!.GetValue<ulong>());
        }
        var ensemble = Document("sgd", model, "--d", "60", "--seeds", "1..3", "--t-end", "1", "--t-step", "1");
        AssertConvention(ensemble, binding, $"sgd {model} --seeds 1..3");
        Assert.Equal([1UL, 2UL, 3UL], ensemble["seeds"]!.AsArray().Select(s => s!.GetValue<ulong>()));
        // Every matrix, the full one and the usual block names (a model that needs a block, or has no empirical
        // matrices, refuses the others with one line and exit 2).
        var errors = new List<string>();
        int documents = 0;
        foreach (string matrix in new[] { "hessian", "g" })
        foreach (string? block in new[] { null, "1", "W1", "v" })
        {
            string[] blockOption = block is null ? [] : ["--block", block];
            var (exit, output, error) = CliRunner.RunWith(HostileInputTests.Defaults,
                ["spectrum", model, "--d", "60", "--seed", "3", "--t", "0.5", "--matrix", matrix, .. blockOption, "--top", "3", "--samples-ratio", "2"]);
            if (exit == 2) { errors.Add(error); continue; }
            Assert.True(exit == 0, $"spectrum {model} --matrix {matrix} {block}: exit {exit}: {error}");
            var spectrum = JsonNode.Parse(output)!;
            AssertConvention(spectrum, binding, $"spectrum {model} --matrix {matrix} --block {block}");
            Assert.Equal(3UL, spectrum["seed"]!.GetValue<ulong>());
            documents++;
        }
        Assert.True(documents > 0 || errors.All(e => e.Contains("no empirical", StringComparison.Ordinal)), $"spectrum {model}: no document and {string.Join(" | ", errors.Distinct())}");
    }

    [Fact]
    public void At_least_one_model_prints_a_spectrum_document_and_it_is_checked()
    {
        var kgmm = ModelCatalog.Find("kgmm");
        var spectrum = Document("spectrum", "kgmm", "--d", "40", "--seed", "5", "--t", "0.5", "--matrix", "hessian", "--block", "1", "--top", "2");
        AssertConvention(spectrum, kgmm, "spectrum kgmm --block 1");
        Assert.Equal(JsonValueKind.Number, spectrum["seed"]!.GetValueKind());
    }

    [Fact]
    public void The_catalogue_listings_are_snake_case()
    {
        var none = new HashSet<string>();
        foreach (string verb in new[] { "models", "claims" })
        {
            var violations = Violations(Document(verb, "--format", "json"), none);
            Assert.True(violations.Count == 0, $"{verb}:\n{string.Join("\n", violations)}");
        }
    }

    /// <summary>The checker itself finds what it must (so the tests above cannot pass vacuously).</summary>
    [Fact]
    public void The_checker_rejects_camel_case_keys_string_seeds_and_unknown_parameters()
    {
        var names = new HashSet<string> { "k" };
        var bad = JsonNode.Parse("""{"model":"x","diagnostics":{"stepsPerSecond":1,"ok_key":2},"seed":"7","params":{"k":1,"lambdaX":2},"observables":{"m[1,1]":[0]}}""");
        var found = Violations(bad, names);
        Assert.Contains(found, f => f.StartsWith("$.diagnostics.stepsPerSecond", StringComparison.Ordinal));
        Assert.Contains(found, f => f.StartsWith("$.seed", StringComparison.Ordinal));
        Assert.Contains(found, f => f.StartsWith("$.params.lambdaX", StringComparison.Ordinal));
        Assert.Equal(3, found.Count);
        Assert.Empty(Violations(JsonNode.Parse("""{"seed":18446744073709551615,"max_variance_s":1,"r2":[{"a_b":null}]}"""), names));
    }
}
