using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Running;

namespace TheoryCheck.Tests.Comparison.Running;

/// <summary>
/// Wall-clock durations nested in a result's settings (a solver's diagnostics) move to the timings, so that a resumed run
/// writes the same result.json apart from its timings — found by a kill -9 / resume comparison of cws.ode-tracking at the
/// full profile, whose settings.theory.seconds differed (0.31 vs 0.92) while every number agreed.
/// </summary>
public sealed class DurationSeparationTests
{
    [Fact]
    public void Nested_durations_move_to_the_timings_and_nothing_else_does()
    {
        var settings = JsonNode.Parse("""
            {"theory": {"solver": "DormandPrince54", "seconds": 0.31, "rhs_evaluations": 452, "build_seconds": 0.5},
             "runs": [{"step_seconds": 2.5, "steps": 10}], "seconds_per_step": 3, "grid": {"T": 4}}
            """)!.AsObject();
        var timings = new Dictionary<string, double>();
        ClaimRunner.MoveDurations(settings, "settings", timings);
        Assert.Equal(new Dictionary<string, double>
        {
            ["settings/theory/seconds"] = 0.31,
            ["settings/theory/build_seconds"] = 0.5,
            ["settings/runs[0]/step_seconds"] = 2.5,
        }, timings);
        Assert.Equal("""{"theory":{"solver":"DormandPrince54","rhs_evaluations":452},"runs":[{"steps":10}],"seconds_per_step":3,"grid":{"T":4}}""",
            settings.ToJsonString());
    }
}
