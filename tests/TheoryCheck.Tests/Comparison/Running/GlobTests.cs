using TheoryCheck.Comparison.Running;

namespace TheoryCheck.Tests.Comparison.Running;

public class GlobTests
{
    [Theory]
    [InlineData("kgmm.*", "kgmm.ode-tracking", true)]
    [InlineData("kgmm.*", "xor.ode-tracking", false)]
    [InlineData("*.ode-tracking", "cws.ode-tracking", true)]
    [InlineData("*.ode-tracking", "cws.squares-tracking", false)]
    [InlineData("kgmm.ode-tracking", "kgmm.ode-tracking", true)]
    [InlineData("kgmm.ode", "kgmm.ode-tracking", false)]
    [InlineData("*", "anything.at.all", true)]
    [InlineData("*", "", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("m[1,*]", "m[1,2]", true)]
    [InlineData("m[1,*]", "m[2,1]", false)]
    [InlineData("E_d[?]", "E_d[3]", true)]
    [InlineData("E_d[?]", "E_d[12]", false)]
    [InlineData("*a*b*c", "xxaxxbxxbxc", true)]
    [InlineData("*a*b*c", "xxaxxbxxbx", false)]
    [InlineData("a**b", "ab", true)]
    [InlineData("Kgmm.*", "kgmm.outliers", false)]
    public void MatchesWholeStrings(string pattern, string text, bool expected) =>
        Assert.Equal(expected, Glob.IsMatch(pattern, text));
}
