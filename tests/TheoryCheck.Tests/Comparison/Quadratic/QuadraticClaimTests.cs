using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Golden;
using TheoryCheck.Comparison.Quadratic;

namespace TheoryCheck.Tests.Comparison.Quadratic;

/// <summary>The quadratic claims under a changed d (their holds-and-golden contract is the catalogue test's).</summary>
public class QuadraticClaimTests
{
    public static TheoryData<string> Ids => new(new QuadraticBinding().Claims.Select(c => c.Info.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void RecordsTheDimensionItRanAtWhenDIsOverridden(string id)
    {
        var claim = new QuadraticBinding().Claims.Single(c => c.Info.Id == id);
        var result = claim.Run(new ClaimContext(id, Profile.Test, threads: 2) { Overrides = ClaimOverrides.Parse(["d=1200"]) });
        Assert.Equal([1200], result.Sizes);
        Assert.All(result.Figures.Where(f => f.Caption?.Contains("d = ") == true), f => Assert.Contains("d = 1200", f.Caption));
    }

    [Fact]
    public void ClaimIdsAreThoseOfTheCatalogue()
    {
        Assert.Equal(
            ["quadratic.alignment-trajectory", "quadratic.turning-time", "quadratic.initial-direction", "quadratic.self-correction",
             "quadratic.suspicious-interval", "quadratic.switch", "quadratic.streaming-plateau", "quadratic.fluctuations"],
            new QuadraticBinding().Claims.Select(c => c.Info.Id));
    }
}
