using System.Text.Json;
using Json.Schema;
using TheoryCheck.Comparison.Golden;

namespace TheoryCheck.Tests.Comparison.Specs;

/// <summary>Validates JSON documents against the schemas published in docs/schema (JsonSchema.Net).</summary>
internal static class SchemaValidation
{
    private static readonly Lazy<JsonSchema> s_spec = new(() => Load("claim-spec.schema.json"));
    private static readonly Lazy<JsonSchema> s_result = new(() => Load("result.schema.json"));

    public static JsonSchema Spec => s_spec.Value;

    public static JsonSchema Result => s_result.Value;

    private static JsonSchema Load(string name) =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "schema", name)));

    /// <summary>Null when <paramref name="json"/> is valid, else the first errors as text.</summary>
    public static string? Problems(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return null;
        var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(8);
        return string.Join("; ", errors);
    }
}
