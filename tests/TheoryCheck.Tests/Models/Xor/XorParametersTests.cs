using TheoryCheck.Models;
using TheoryCheck.Models.Xor;

namespace TheoryCheck.Tests.Models.Xor;

public sealed class XorParametersTests
{
    [Fact]
    public void DefaultsMatchParametersMd()
    {
        var p = XorParameters.FromValues(XorModel.Descriptor.Defaults);
        Assert.Equal(4, p.Width);
        Assert.Equal(20, p.Lambda);
        Assert.Equal(0.05, p.Beta);
        Assert.Equal(1, p.CDelta);
        Assert.Equal([0.8, 0.7, -0.8, -0.7], p.V0);
        Assert.Equal([0.3, -0.3, 0.05, -0.05], p.Mmu0);
        Assert.Equal([0.05, -0.05, 0.3, -0.3], p.Mnu0);
        Assert.Equal(1, p.Rperp0);
        Assert.Equal(XorInitialisation.Warm, p.Init);
        Assert.Equal(XorParameters.Default, p);
    }

    /// <summary>The lead's contract: FromValues(p.ToValues()) == p, also for explicit lists, K ≠ 4 and init = random.</summary>
    [Fact]
    public void ParametersRoundTripThroughValues()
    {
        XorParameters[] cases =
        [
            XorParameters.Default,
            new(6, 50, 0.05, 1, [0.8, 0.7, -0.8, -0.7, 0.6, -0.6], [0.3, -0.3, 0.05, -0.05, 0.2, 0.05], [0.05, -0.05, 0.3, -0.3, 0.05, 0.2]),
            new(8, 1000, 0.05, 2, rperp0: 0, init: XorInitialisation.Random),
            new(1, 0.5, 0, 0.25, [-1.5], [0.1], [2.0], 3),
        ];
        foreach (var p in cases)
        {
            var values = p.ToValues();
            Assert.Equal(p, XorParameters.FromValues(values));
            Assert.Equal(p.GetHashCode(), XorParameters.FromValues(values).GetHashCode());
            Assert.False(values.IsExplicit("d"));
            // The values are also a valid scenario: the JSON document parses back to the same parameters.
            Assert.Equal(p, XorParameters.FromValues(XorModel.Descriptor.Parse(values.ToJson(), [])));
        }
    }

    [Fact]
    public void WarmStartListsDefaultCyclicallyForOtherWidths()
    {
        var p = new XorParameters(6);
        Assert.Equal([0.8, 0.7, -0.8, -0.7, 0.8, 0.7], p.V0);
        Assert.Equal([0.3, -0.3, 0.05, -0.05, 0.3, -0.3], p.Mmu0);
        Assert.Equal([0.05, -0.05, 0.3, -0.3, 0.05, -0.05], p.Mnu0);
        var q = XorParameters.FromValues(XorModel.Descriptor.Parse(null, ["width=3"]));
        Assert.Equal([0.8, 0.7, -0.8], q.V0);
    }

    [Theory]
    [InlineData("width=0", "'width'")]
    [InlineData("width=65", "'width'")]
    [InlineData("lambda=0", "'lambda'")]
    [InlineData("beta=-0.1", "'beta'")]
    [InlineData("cdelta=0", "'cdelta'")]
    [InlineData("rperp0=-1", "'rperp0'")]
    [InlineData("init=cold", "'init'")]
    [InlineData("v0=1,2,3", "'v0'")]            // length 3 ≠ width 4
    [InlineData("mmu0=1,2,3,4,5", "'mmu0'")]
    [InlineData("unknown=1", "unknown parameter")]
    public void BadInputThrowsOneLineNamingTheParameter(string assignment, string fragment)
    {
        var e = Assert.Throws<InputException>(() => XorParameters.FromValues(XorModel.Descriptor.Parse(null, [assignment])));
        Assert.Contains(fragment, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void WidthAndListsAreCheckedTogether()
    {
        var e = Assert.Throws<InputException>(() => XorParameters.FromValues(XorModel.Descriptor.Parse(null, ["width=6", "mnu0=1,2,3,4"])));
        Assert.Contains("'mnu0'", e.Message);
        Assert.Throws<InputException>(() => new XorParameters(4, double.NaN));
        Assert.Throws<InputException>(() => new XorParameters(4, 1, 0.1, 1, [1, 2, double.NaN, 4]));
    }

    [Fact]
    public void DimensionMustLeaveRoomForTheWarmStartFrame()
    {
        var p = new XorParameters(6);
        Assert.Equal(8, p.ValidateDimension(8));
        var e = Assert.Throws<InputException>(() => p.ValidateDimension(7));
        Assert.Contains("'d'", e.Message);
        Assert.Contains("K + 2 = 8", e.Message);
    }
}
