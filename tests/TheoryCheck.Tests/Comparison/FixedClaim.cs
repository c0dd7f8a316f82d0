using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;

namespace TheoryCheck.Tests.Comparison;

/// <summary>Small claims for runner and selector tests.</summary>
internal sealed class FixedClaim(string id, Func<ClaimContext, ClaimResult>? run = null) : IClaim
{
    public ClaimInfo Info { get; } = new(id, id.Split('.')[0], "test paper", "test statement", "test source");

    /// <summary>The model of every fixed claim: one parameter <c>lambda</c> &gt; 0.</summary>
    public static TheoryCheck.Models.ModelDescriptor Model { get; } = new("a", "test model", "none", "t",
        [new TheoryCheck.Models.Parameters.ParameterSpec("lambda", "a rate", TheoryCheck.Models.Parameters.ParameterKind.Real, 1.0) { Minimum = 0, MinimumInclusive = false }], []);

    public IReadOnlyList<string> Engines { get; init; } = [];

    public IReadOnlyList<ClaimSetting> Settings { get; init; } = [];

    public NegativeControl Control { get; } = new("none", "test claim");

    public ClaimResult Run(ClaimContext context) => run is null ? Passing(Info, context.Profile) : run(context);

    public static ClaimResult Passing(ClaimInfo info, Profile profile) => new()
    {
        Info = info,
        Profile = profile,
        Checks = [Checks.AtMost("value", 1, 2)],
        Parameters = new JsonObject { ["a"] = 1 },
        Measurements = new JsonObject { ["value"] = 1.0 },
    };
}
