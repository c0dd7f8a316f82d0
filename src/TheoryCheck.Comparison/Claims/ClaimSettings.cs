using System.Text.Json.Nodes;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Comparison.Claims;

/// <summary>Constructors of the common <see cref="ClaimSetting"/> kinds and the settings most claims share.</summary>
public static class ClaimSettings
{
    /// <summary>A real setting &gt; <paramref name="minimum"/> (or ≥ when <paramref name="inclusive"/>).</summary>
    public static ClaimSetting<double> Real(string name, string meaning, double minimum = 0, bool inclusive = false) =>
        new(new ParameterSpec(name, meaning, ParameterKind.Real, null) { Minimum = minimum, MinimumInclusive = inclusive }, n => n.GetValue<double>());

    /// <summary>An integer setting ≥ <paramref name="minimum"/>.</summary>
    public static ClaimSetting<int> Integer(string name, string meaning, int minimum = 1, int maximum = int.MaxValue) =>
        new(new ParameterSpec(name, meaning, ParameterKind.Integer, null) { Minimum = minimum, Maximum = maximum }, n => checked((int)n.GetValue<long>()));

    /// <summary>A list of distinct positive reals with at least <paramref name="minimumCount"/> entries, sweeping <paramref name="sweeps"/>.</summary>
    public static ClaimSetting<double[]> List(string name, string meaning, int minimumCount = 1, string? sweeps = null) =>
        new(new ParameterSpec(name, meaning, ParameterKind.RealList, null) { Minimum = 0, MinimumInclusive = false },
            n => n.AsArray().Select(x => x!.GetValue<double>()).ToArray())
        {
            Sweeps = sweeps,
            Rule = values => values.Length < minimumCount || values.Distinct().Count() != values.Length
                ? $"needs at least {minimumCount} distinct values (got {values.Length}{(values.Distinct().Count() != values.Length ? ", with repeats" : "")})"
                : null,
        };

    /// <summary><c>T</c>: the final time of the claim's runs.</summary>
    public static ClaimSetting<double> End { get; } = Real("T", "final time T of the claim's runs");

    /// <summary><c>seeds</c>: replicates per size.</summary>
    public static ClaimSetting<int> Seeds { get; } = Integer("seeds", "replicates (seeds) per size");

    /// <summary><c>d</c>: the dimension of a claim that runs at one size.</summary>
    public static ClaimSetting<int> Dimension { get; } = Integer("d", "dimension d of the claim's runs", 2);

    /// <summary><c>phi</c>: the samples ratio φ (M = ⌈φ·d⌉ fresh test samples).</summary>
    public static ClaimSetting<double> SamplesRatio { get; } = Real("phi", "samples ratio φ: M = ⌈φ·d⌉ test samples");

    internal static JsonNode Parse(ClaimSetting setting, string text)
    {
        var node = setting.Spec.ParseText(text);
        setting.Check(node);
        return node;
    }
}
