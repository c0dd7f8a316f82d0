using TheoryCheck.Models;
using TheoryCheck.Models.Quadratic;

namespace TheoryCheck.Tests.Models.Quadratic;

public class QuadraticParametersTests
{
    [Fact]
    public void DefaultsAreTheBaseRunOfParametersMd()
    {
        var p = QuadraticParameters.FromValues(QuadraticModel.Descriptor.Defaults);
        Assert.Equal(QuadraticParameters.Base, p);
        Assert.Equal(2000, p.Dimension);
        Assert.Equal(20, p.DominantCount);
        Assert.Equal(1.0, p.LambdaDominant);
        Assert.Equal(0.001, p.LambdaBulk);
        Assert.Equal(0.5, p.StepSize);
        Assert.Equal(QuadraticNoise.Additive, p.Noise);
        Assert.Equal(1.0, p.NoiseVariance);
        Assert.Equal(1, p.Batch);
        Assert.Equal(100.0, p.InitScale);
        Assert.Equal(QuadraticMethod.Sgd, p.Method);
        Assert.Equal(0, p.SwitchAt);
        Assert.Null(p.Seed);
    }

    [Fact]
    public void AssignmentsAreParsedWithTheirNames()
    {
        var values = QuadraticModel.Descriptor.Parse(null,
            ["d=500", "k=5", "noise=streaming", "batch=8", "method=dom", "switch_at=100", "eta=0.05", "seed=7", "lambda_bulk=0.01"]);
        var p = QuadraticParameters.FromValues(values);
        Assert.Equal(500, p.Dimension);
        Assert.Equal(5, p.DominantCount);
        Assert.Equal(QuadraticNoise.Streaming, p.Noise);
        Assert.Equal(8, p.Batch);
        Assert.Equal(QuadraticMethod.Dom, p.Method);
        Assert.Equal(100, p.SwitchAt);
        Assert.Equal(7UL, p.Seed);
        Assert.Equal(0.01, p.LambdaBulk);
        Assert.Equal(QuadraticMethod.Sgd, p.MethodAt(99));
        Assert.Equal(QuadraticMethod.Dom, p.MethodAt(100));
        Assert.Equal("streaming", p.ToJson()["noise"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("eta=2", "eta")]
    [InlineData("eta=0", "eta")]
    [InlineData("k=2000", "k")]
    [InlineData("k=0", "k")]
    [InlineData("lambda_dom=0.001", "lambda_dom")]
    [InlineData("lambda_bulk=0", "lambda_bulk")]
    [InlineData("sigma2=-1", "sigma2")]
    [InlineData("batch=0", "batch")]
    [InlineData("init_scale=0", "init_scale")]
    [InlineData("noise=pink", "noise")]
    [InlineData("method=adam", "method")]
    [InlineData("d=1", "d")]
    public void BadValuesThrowOneLineNamingTheParameter(string assignment, string name)
    {
        var e = Assert.Throws<InputException>(() =>
            QuadraticParameters.FromValues(QuadraticModel.Descriptor.Parse(null, [assignment])));
        Assert.Contains($"'{name}'", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void EtaBoundFollowsLambdaDom()
    {
        // 2/λ_D = 0.5 for λ_D = 4: η = 0.5 is rejected, 0.49 accepted.
        Assert.Throws<InputException>(() => (QuadraticParameters.Base with { LambdaDominant = 4 }).Validate());
        (QuadraticParameters.Base with { LambdaDominant = 4, StepSize = 0.49 }).Validate();
    }

    [Fact]
    public void DescriptorListsTheDocumentedNames()
    {
        var d = QuadraticModel.Descriptor;
        Assert.Equal(["d", "k", "lambda_dom", "lambda_bulk", "eta", "noise", "sigma2", "batch", "init_scale", "method", "switch_at", "seed"],
            d.Parameters.Select(s => s.Name));
        Assert.Equal(["alignment", "loss", "eta_star", "eta_dom", "eta_bulk"], d.Observables.Select(o => o.Pattern));
    }
}
