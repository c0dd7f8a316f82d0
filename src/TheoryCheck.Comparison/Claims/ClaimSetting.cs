using System.Text.Json.Nodes;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// A claim-level setting that <c>--set name=value</c> may change (final time <c>T</c>, <c>seeds</c>, a swept list
/// such as <c>lambdas</c>), declared once by the claim with its name, meaning and validity (a
/// <see cref="ParameterSpec"/>, so parsing and range checks are the model parameters' own). Read typed through
/// <see cref="ClaimContext.Setting{T}"/>.
/// </summary>
public abstract record ClaimSetting(ParameterSpec Spec)
{
    /// <summary>The setting's name on the command line.</summary>
    public string Name => Spec.Name;

    /// <summary>
    /// The model parameter this setting sweeps (e.g. <c>lambda</c> for <c>lambdas</c>): overriding that parameter
    /// directly is refused with a hint to this setting.
    /// </summary>
    public string? Sweeps { get; init; }

    /// <summary>Extra validation of a parsed value (e.g. distinct list entries); throws InputException.</summary>
    internal abstract void Check(JsonNode value);
}

/// <summary>A typed <see cref="ClaimSetting"/>.</summary>
/// <typeparam name="T">The value type (double, int, double[]).</typeparam>
public sealed record ClaimSetting<T>(ParameterSpec Spec, Func<JsonNode, T> Read) : ClaimSetting(Spec)
{
    /// <summary>Extra rule on the typed value; returns an error text or null.</summary>
    public Func<T, string?>? Rule { get; init; }

    internal override void Check(JsonNode value)
    {
        if (Rule?.Invoke(Read(value)) is string problem)
            throw new Models.InputException($"parameter '{Name}' {problem}");
    }
}
