using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models;

namespace TheoryCheck.Cli.Common;

/// <summary>
/// What a <c>run</c> computes: the claims, the profile, the engine, the overrides and the negative control. Stored in a
/// shard's results store (its manifest) so that <c>merge</c> re-assembles exactly the same run.
/// </summary>
/// <param name="Claims">Claim ids, in catalogue order.</param>
/// <param name="Profile">Profile name.</param>
/// <param name="Engine">Engine for every claim, or null for each claim's default.</param>
/// <param name="Overrides">The <c>--set</c> assignments.</param>
/// <param name="NegativeControl">Whether the negative controls are applied.</param>
/// <param name="ControlStrength">Their strength.</param>
public sealed record RunRequest(IReadOnlyList<string> Claims, string Profile, string? Engine, IReadOnlyList<string> Overrides,
    bool NegativeControl, double ControlStrength)
{
    /// <summary>The claim spec file whose claims the run may include (<c>--spec</c>), as a full path, or null.</summary>
    public string? Spec { get; init; }

    /// <summary>The claims the request can name: the catalogue's and the spec file's.</summary>
    public IReadOnlyList<Comparison.Claims.IClaim> Available() =>
        Spec is null ? Comparison.Catalog.ModelCatalog.Claims : [.. Comparison.Catalog.ModelCatalog.Claims, .. Comparison.Specs.ClaimSpecReader.Read(Spec)];

    /// <summary>The manifest document (with the shard count when the run is sharded).</summary>
    public JsonObject ToJson(Comparison.Store.ShardSpec? shard = null) => new()
    {
        ["claims"] = new JsonArray(Claims.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
        ["profile"] = Profile,
        ["engine"] = Engine,
        ["overrides"] = new JsonArray(Overrides.Select(o => (JsonNode?)JsonValue.Create(o)).ToArray()),
        ["negative_control"] = NegativeControl,
        ["control_strength"] = ControlStrength,
        ["spec"] = Spec,
        ["shards"] = shard?.Count,
        ["shard_index"] = shard?.Index,
    };

    /// <summary>The request of a manifest; a malformed one throws <see cref="InputException"/> naming <paramref name="where"/>.</summary>
    public static RunRequest FromJson(JsonObject manifest, string where)
    {
        try
        {
            return new RunRequest(
                manifest["claims"]!.AsArray().Select(c => c!.GetValue<string>()).ToList(),
                manifest["profile"]!.GetValue<string>(),
                manifest["engine"]?.GetValue<string>(),
                manifest["overrides"]!.AsArray().Select(o => o!.GetValue<string>()).ToList(),
                manifest["negative_control"]!.GetValue<bool>(),
                manifest["control_strength"]!.GetValue<double>())
            {
                Spec = manifest["spec"]?.GetValue<string>(),
            };
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new InputException($"{where}: the shard manifest is not readable ({e.Message})");
        }
    }

    /// <summary>True when two requests compute the same cells (same claims, profile, engine, overrides and control).</summary>
    public bool SameAs(RunRequest other) =>
        Claims.SequenceEqual(other.Claims) && Profile == other.Profile && Engine == other.Engine
        && Overrides.SequenceEqual(other.Overrides) && NegativeControl == other.NegativeControl
        && ControlStrength.Equals(other.ControlStrength) && Spec == other.Spec;

    /// <summary>One line for logs, e.g. "6 claims, profile full, engine subspace".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Claims.Count} claim{(Claims.Count == 1 ? "" : "s")}, profile {Profile}{(Engine is null ? "" : ", engine " + Engine)}{(Overrides.Count == 0 ? "" : ", " + string.Join(" ", Overrides))}{(NegativeControl ? $", negative control × {ControlStrength:G}" : "")}");
}
