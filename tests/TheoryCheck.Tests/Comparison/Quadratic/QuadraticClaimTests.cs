using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Golden;
using TheoryCheck.Comparison.Quadratic;

namespace TheoryCheck.Tests.Comparison.Quadratic;

/// <summary>Every quadratic claim at the Test profile: the verdict holds and the measurements match the golden snapshot.</summary>
public class QuadraticClaimTests
{
    public static TheoryData<string> Ids => new(new QuadraticBinding().Claims.Select(c => c.Info.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void HoldsAtTheTestProfileAndMatchesItsGolden(string id)
    {
        var claim = new QuadraticBinding().Claims.Single(c => c.Info.Id == id);
        var result = claim.Run(new ClaimContext(id, Profile.Test, threads: 2));
        var failing = result.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Measured} {c.Requirement} ({c.Detail})");
        Assert.True(result.Verdict == Verdict.Holds, $"{id}: {result.Verdict}; failing: {string.Join(" | ", failing)}");
        Assert.NotEmpty(result.Figures);
        Assert.NotEmpty(result.Seeds);
        var outcome = new GoldenStore(RepositoryRoot.GoldenDirectory()).Verify(result);
        Assert.True(outcome.Passed, outcome.Report);
    }

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
