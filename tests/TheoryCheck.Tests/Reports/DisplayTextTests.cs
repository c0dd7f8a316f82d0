using TheoryCheck.Comparison.Claims;
using TheoryCheck.Reports.Pages;

namespace TheoryCheck.Tests.Reports;

/// <summary>How one check reads in the verdict table: no repeated requirement, no "= x = x", outcome symbols.</summary>
public sealed class DisplayTextTests
{
    [Fact]
    public void A_requirement_the_name_already_states_is_not_repeated()
    {
        var check = Checks.All("|mean χ² − E[χ²]| ≤ 4 SE at every checkpoint", "every checkpoint", [Checks.AtMost("t = 1", 0, 1)]);
        Assert.Equal("✓ |mean χ² − E[χ²]| ≤ 4 SE at every checkpoint", DisplayText.Check(check));
    }

    [Fact]
    public void Measured_and_requirement_are_separated()
    {
        var check = Checks.That("argmin of χ²_RE = first t with η*_t < η", true, "= 32", 32);
        Assert.Equal("✓ argmin of χ²_RE = first t with η*_t < η: 32 (= 32)", DisplayText.Check(check));
        var undecided = new CheckResult("exponent", CheckOutcome.Undecided, -0.3, "95% CI ∋ −0.5, ∌ 0");
        Assert.StartsWith("? exponent: −0.3", DisplayText.Check(undecided));
    }
}
