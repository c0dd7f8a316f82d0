using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Tests.Comparison.Claims;

public class ClaimContextTests
{
    private static readonly ParameterSpec[] s_specs =
    [
        new("lambda", "ℓ2 penalty", ParameterKind.Real, JsonValue.Create(3.0)) { Minimum = 0, MinimumInclusive = false },
        new("k", "classes", ParameterKind.Integer, JsonValue.Create(3L)) { Minimum = 2 },
    ];

    [Fact]
    public void OverridesApplyToModelParametersAndSkipClaimKnobs()
    {
        var context = new ClaimContext("toy.x", Profile.Quick) { Overrides = ["lambda=5", "T=12", "lambda = 7"] };
        Assert.True(context.HasOverrides);
        Assert.Equal("7", context.OverrideMap()["lambda"]);
        Assert.Equal("12", context.OverrideMap()["T"]);
        var values = context.ApplyOverrides("toy", ParameterValues.Defaults(s_specs), "T");
        Assert.Equal(7, values.Real("lambda"));
        Assert.Equal(3, values.Integer("k"));
    }

    [Fact]
    public void BadOverridesAreInputErrors()
    {
        var defaults = ParameterValues.Defaults(s_specs);
        var unknown = new ClaimContext("toy.x", Profile.Quick) { Overrides = ["mu=1"] };
        Assert.Equal("unknown parameter 'mu' for claim 'toy.x' (known: lambda, k, T)",
            Assert.Throws<InputException>(() => unknown.ApplyOverrides("toy", defaults, "T")).Message);
        var invalid = new ClaimContext("toy.x", Profile.Quick) { Overrides = ["lambda=-1"] };
        Assert.Throws<InputException>(() => invalid.ApplyOverrides("toy", defaults));
        var malformed = new ClaimContext("toy.x", Profile.Quick) { Overrides = ["lambda"] };
        Assert.Throws<InputException>(() => malformed.OverrideMap());
    }

    [Fact]
    public void ReplicateSeedsAreTheKeyedSeedsOfReplicatesZeroToCount()
    {
        var context = new ClaimContext("toy.x", Profile.Quick);
        var seeds = context.ReplicateSeeds(400, 5, "lambda=30");
        Assert.Equal(5, seeds.Length);
        for (int s = 0; s < seeds.Length; s++)
            Assert.Equal(StableSeed.Of("toy.x", "lambda=30", 400, s), seeds[s]);
        Assert.Equal(5, seeds.Distinct().Count());
        Assert.Equal(context.ReplicateSeeds(400, 3), context.ReplicateSeeds(400, 5).Take(3));
        Assert.NotEqual(context.ReplicateSeeds(400, 1)[0], seeds[0]); // the label separates the streams
        Assert.Empty(context.ReplicateSeeds(400, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => context.ReplicateSeeds(400, -1));
    }

    [Fact]
    public void ResultJsonWritesSeedsAsStringsAndNonFiniteAsNamedLiterals()
    {
        var result = FixedClaim.Passing(new ClaimInfo("toy.x", "toy", "p", "s", "src"), Profile.Quick) with
        {
            Seeds = [ulong.MaxValue],
            Checks = [Checks.AtMost("e", double.NaN, 1)],
            Timings = new Dictionary<string, double> { ["total"] = 1.5 },
        };
        var json = result.ToJson();
        Assert.Equal("18446744073709551615", json["seeds"]![0]!.GetValue<string>());
        Assert.Equal("NaN", json["checks"]![0]!["measured"]!.GetValue<string>());
        Assert.Equal("fails", json["verdict"]!.GetValue<string>());
        Assert.Equal("quick", json["profile"]!.GetValue<string>());
        Assert.Equal(1.5, json["timings"]!["total"]!.GetValue<double>());
        Assert.Null(result.ToJson(includeTimings: false)["timings"]);
        _ = json.ToJsonString(); // serialisable: no NaN left
    }
}
