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

    private static readonly ModelDescriptor s_model = new("toy", "toy", "none", "t", s_specs.Append(
        new ParameterSpec("seed", "seed", ParameterKind.Integer, null) { SimulationOnly = true }).ToList(), []);

    private static readonly ClaimSetting<double[]> s_lambdas = ClaimSettings.List("lambdas", "λ swept", 2, sweeps: "lambda");

    private static readonly FixedClaim s_claim = new("toy.x") { Settings = [ClaimSettings.End, s_lambdas] };

    [Fact]
    public void OverridesApplyToModelParametersAndSettingsAreReadTyped()
    {
        var context = new ClaimContext("toy.x", Profile.Quick) { Overrides = ClaimOverrides.Parse(["k=5", "T=12", " k = 5"]) };
        Assert.True(context.HasOverrides);
        Assert.Equal(["k=5", "T=12"], context.Overrides.Texts);
        var values = context.Apply(ParameterValues.Defaults("toy", s_specs));
        Assert.Equal(5, values.Integer("k"));
        Assert.Equal(3, values.Real("lambda"));
        Assert.Equal(12, context.Setting(ClaimSettings.End, 8.0));
        Assert.Equal([1.0, 2.0], context.Setting(s_lambdas, [1.0, 2.0]));
    }

    [Fact]
    public void BadOverridesAreInputErrorsBeforeAnyWork()
    {
        void Bad(string assignment, string message) => Assert.Equal(message,
            Assert.Throws<InputException>(() => ClaimOverrides.Parse([assignment]).Validate(s_claim, s_model)).Message);
        Bad("mu=1", "unknown parameter 'mu' for claim 'toy.x' (model parameters: lambda, k; claim settings: T, lambdas)");
        Bad("lambda=5", "claim 'toy.x' sweeps 'lambda': set the list with 'lambdas=a,b,…' instead");
        Bad("seed=3", "claim 'toy.x' keys its seeds by (claim, d, replicate)");
        Bad("lambdas=3,3", "parameter 'lambdas' needs at least 2 distinct values (got 2, with repeats)");
        Assert.Throws<InputException>(() => ClaimOverrides.Parse(["k=-1"]).Validate(s_claim, s_model));
        Assert.Throws<InputException>(() => ClaimOverrides.Parse(["T=0"]).Validate(s_claim, s_model));
        Assert.Throws<InputException>(() => ClaimOverrides.Parse(["lambda"]));
        Assert.Equal("--set k is given twice with different values ('4' and '5')",
            Assert.Throws<InputException>(() => ClaimOverrides.Parse(["k=4", "k=5"])).Message);
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
