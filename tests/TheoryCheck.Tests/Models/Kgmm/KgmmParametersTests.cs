using System.Text.Json.Nodes;
using TheoryCheck.Models;
using TheoryCheck.Models.Kgmm;

namespace TheoryCheck.Tests.Models.Kgmm;

public sealed class KgmmParametersTests
{
    [Fact]
    public void DefaultsMatchParametersMd()
    {
        var p = KgmmParameters.FromValues(KgmmModel.Descriptor.Defaults);
        Assert.Equal(3, p.K);
        Assert.Equal(10, p.Lambda);
        Assert.Equal(0.1, p.Beta);
        Assert.Equal(1, p.CDelta);
        Assert.True(p.IsUniform);
        Assert.All(p.P, x => Assert.Equal(1.0 / 3, x, 15));
        Assert.Equal(p, KgmmParameters.Default);
    }

    [Fact]
    public void ParsesAssignments()
    {
        var values = KgmmModel.Descriptor.Parse(null, ["k=2", "lambda=3", "beta=0", "cdelta=0.5", "p=0.25,0.75"]);
        var p = KgmmParameters.FromValues(values);
        Assert.Equal(2, p.K);
        Assert.Equal(3, p.Lambda);
        Assert.Equal(0, p.Beta);
        Assert.Equal(0.5, p.CDelta);
        Assert.Equal([0.25, 0.75], p.P);
        Assert.False(p.IsUniform);
    }

    [Theory]
    [InlineData("k=1", "'k'")]
    [InlineData("lambda=0", "'lambda'")]
    [InlineData("lambda=-1", "'lambda'")]
    [InlineData("beta=-0.1", "'beta'")]
    [InlineData("cdelta=0", "'cdelta'")]
    [InlineData("p=0.5,0.5", "'p'")]          // length 2 ≠ k = 3
    [InlineData("p=0.2,0.2,0.2", "'p'")]      // sum 0.6
    [InlineData("p=0,0.5,0.5", "'p'")]        // zero entry
    [InlineData("unknown=1", "unknown parameter")]
    public void BadInputThrowsInputExceptionNamingTheParameter(string assignment, string fragment)
    {
        var e = Assert.Throws<InputException>(() => KgmmParameters.FromValues(KgmmModel.Descriptor.Parse(null, [assignment])));
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void ConstructorValidatesLikeFromValues()
    {
        Assert.Throws<InputException>(() => new KgmmParameters(3, double.NaN, 0.1, 1));
        Assert.Throws<InputException>(() => new KgmmParameters(3, 1, double.PositiveInfinity, 1));
        Assert.Throws<InputException>(() => new KgmmParameters(2, 1, 0.1, 1, [0.5, 0.5 + 1e-6]));
        var ok = new KgmmParameters(2, 1, 0.1, 1, [0.5, 0.5 + 1e-12]);
        Assert.Equal(1.0, ok.P[0] + ok.P[1], 15);
    }

    [Fact]
    public void DimensionMustBeAtLeastTwiceK()
    {
        var p = new KgmmParameters(3, 1, 0.1, 1);
        Assert.Equal(6, p.ValidateDimension(6));
        var e = Assert.Throws<InputException>(() => p.ValidateDimension(5));
        Assert.Contains("'d'", e.Message);
    }

    [Fact]
    public void EqualityComparesProbabilities()
    {
        var a = new KgmmParameters(2, 1, 0.1, 1, [0.3, 0.7]);
        var b = new KgmmParameters(2, 1, 0.1, 1, [0.3, 0.7]);
        var c = new KgmmParameters(2, 1, 0.1, 1, [0.4, 0.6]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Equal(0.7, a.ToJson()["p"]![1]!.GetValue<double>());
    }

    [Fact]
    public void DescriptorListsParametersInDocumentationOrder()
    {
        Assert.Equal(["k", "lambda", "beta", "cdelta", "p", "d", "seed"], KgmmModel.Descriptor.Parameters.Select(s => s.Name));
        Assert.True(KgmmModel.Descriptor.Parameters.Single(s => s.Name == "d").SimulationOnly);
        Assert.True(KgmmModel.Descriptor.Parameters.Single(s => s.Name == "seed").SimulationOnly);
        Assert.Equal("uniform", KgmmModel.Descriptor.Parameters.Single(s => s.Name == "p").DefaultDisplay);
        // A scenario object is accepted too.
        var v = KgmmModel.Descriptor.Parse(JsonNode.Parse("""{"k": 4, "lambda": 100}""")!.AsObject(), []);
        Assert.Equal(4, KgmmParameters.FromValues(v).K);
    }
}
