using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Running;
using TheoryCheck.Models;

namespace TheoryCheck.Tests.Comparison.Running;

public class ClaimSelectorTests
{
    private static readonly IClaim[] s_all =
        [new FixedClaim("kgmm.ode-tracking"), new FixedClaim("kgmm.outliers"), new FixedClaim("xor.ode-tracking"), new FixedClaim("cws.stability")];

    private static string[] Ids(IEnumerable<IClaim> claims) => claims.Select(c => c.Info.Id).ToArray();

    [Fact]
    public void SelectsExactIdsAndGlobsInCatalogueOrderWithoutDuplicates()
    {
        Assert.Equal(["kgmm.outliers"], Ids(ClaimSelector.Select(s_all, ["kgmm.outliers"])));
        Assert.Equal(["kgmm.ode-tracking", "kgmm.outliers"], Ids(ClaimSelector.Select(s_all, ["kgmm.*"])));
        Assert.Equal(["kgmm.ode-tracking", "xor.ode-tracking"], Ids(ClaimSelector.Select(s_all, ["*.ode-tracking"])));
        Assert.Equal(["kgmm.ode-tracking", "kgmm.outliers", "xor.ode-tracking", "cws.stability"],
            Ids(ClaimSelector.Select(s_all, ["cws.stability", "*.ode-tracking", "kgmm.*"])));
    }

    [Fact]
    public void EmptyPatternListSelectsEverything() =>
        Assert.Equal(Ids(s_all), Ids(ClaimSelector.Select(s_all, [])));

    [Fact]
    public void UnknownPatternIsAnInputErrorListingTheKnownClaims()
    {
        var e = Assert.Throws<InputException>(() => ClaimSelector.Select(s_all, ["kgmm.*", "kgmm.nope"]));
        Assert.Equal("unknown claim 'kgmm.nope' (known: kgmm.ode-tracking, kgmm.outliers, xor.ode-tracking, cws.stability)", e.Message);
        Assert.Throws<InputException>(() => ClaimSelector.Select(s_all, ["quadratic.*"]));
    }

    [Fact]
    public void DuplicateIdsAreAProgrammingError() =>
        Assert.Throws<InvalidOperationException>(() => ClaimSelector.Select([new FixedClaim("a.b"), new FixedClaim("a.b")], []));
}
