using System.Text.Json.Nodes;
using TheoryCheck.Models;
using TheoryCheck.Models.Cws;

namespace TheoryCheck.Tests.Models.Cws;

public sealed class CwsParametersTests
{
    [Fact]
    public void DefaultsMatchParametersMd()
    {
        var p = CwsParameters.FromValues(CwsModel.Descriptor.Defaults);
        Assert.Equal(CwsLoss.Logistic, p.Loss);
        Assert.Equal(CwsCovariance.Isotropic, p.Covariance);
        Assert.Equal(1, p.Gamma);
        Assert.Equal(0.5, p.ZeroFraction);
        Assert.Equal(1.1, p.Alpha1);
        Assert.Equal(1.5, p.Alpha2);
        Assert.Equal(-0.25, p.MeanExponent);
        Assert.Equal(CwsMeanSupport.Clean, p.MeanOn);
        Assert.Equal(1, p.MeanNorm);
        Assert.Equal(1000, p.Dimension);
        Assert.Null(p.Seed);
        Assert.Equal(2, p.Classes);
        Assert.Equal([0.5, 0.5], p.Probabilities.ToArray());
        Assert.Equal([1.0, 0.0], p.Labels.ToArray());
        Assert.Equal([1.1, 1.5], p.ClassAlphas.ToArray());
        Assert.True(p.Schedule.IsConstant);
        Assert.Equal(p, CwsParameters.Default);
        Assert.Equal([1.0, -1.0], new CwsParameters(loss: CwsLoss.Squares).Labels.ToArray());
    }

    [Fact]
    public void DefaultLabelsAlternateAndAlphasInterpolateForManyClasses()
    {
        var p = new CwsParameters(loss: CwsLoss.Squares, covariance: CwsCovariance.PowerLaw, classes: 5, dimension: 40, alpha1: 1, alpha2: 2);
        Assert.Equal([1.0, -1, 1, -1, 1], p.Labels.ToArray());
        Assert.Equal([1.0, 1.25, 1.5, 1.75, 2], p.ClassAlphas.ToArray());
        Assert.Equal([1.0, 0, 1, 0], new CwsParameters(classes: 4, dimension: 16).Labels.ToArray());
    }

    public static TheoryData<string[]> RoundTripCases => new()
    {
        Array.Empty<string>(),
        new[] { "loss=squares", "cov=power-law", "alpha1=1.5", "alpha2=1.5", "mean_exponent=0.5", "d=250", "seed=7" },
        new[] { "cov=zero-one", "zero_fraction=0.25", "mean_on=both", "mean_norm=2", "gamma=0.5", "d=400" },
        new[] { "classes=3", "problem_seed=11", "p=0.2,0.3,0.5", "labels=1,0,0.5", "d=40", "schedule=power", "t0=10", "decay=0.5" },
        new[] { "cov=power-law", "classes=3", "alphas=1,2,3", "d=12", "schedule=piecewise", "steps=1,5", "step_gammas=0.5,0.25" },
        new[] { "classes=2", "d=3", "means=1,0,0.5,-1,0,-0.5" },
    };

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void FromValuesOfToValuesRoundTrips(string[] assignments)
    {
        var p = CwsParameters.FromValues(CwsModel.Descriptor.Parse(null, assignments));
        var again = CwsParameters.FromValues(p.ToValues());
        Assert.Equal(p, again);
        Assert.Equal(p.ToJson().ToJsonString(), again.ToJson().ToJsonString());
        // The JSON document parses back too (scenario-file path).
        Assert.Equal(p, CwsParameters.FromValues(CwsModel.Descriptor.Parse(p.ToJson(), [])));
    }

    [Theory]
    [InlineData("gamma=0", "'gamma'")]
    [InlineData("loss=hinge", "'loss'")]
    [InlineData("zero_fraction=1", "'zero_fraction'")]
    [InlineData("mean_exponent=-0.5", "'mean_exponent'")]
    [InlineData("d=1", "'d'")]
    [InlineData("classes=1", "'classes'")]
    [InlineData("classes=300", "'classes'")]               // > d/4 = 250
    [InlineData("p=0.5,0.25", "'p'")]                       // sum 0.75
    [InlineData("p=0.2,0.3,0.5", "'p'")]                    // length 3 ≠ C
    [InlineData("labels=1,2", "'labels'")]                  // logistic label outside [0, 1]
    [InlineData("labels=1,1", "'labels'")]                  // no signal
    [InlineData("means=1,2,3", "'means'")]                  // not C·d numbers
    [InlineData("alphas=1,2", "'alphas'")]                  // not power-law
    [InlineData("t0=5", "'t0'")]                            // not the power schedule
    [InlineData("steps=1", "'steps'")]                      // not the piecewise schedule
    [InlineData("unknown=1", "unknown parameter")]
    public void BadInputThrowsInputExceptionNamingTheParameter(string assignment, string fragment)
    {
        var e = Assert.Throws<InputException>(() => CwsParameters.FromValues(CwsModel.Descriptor.Parse(null, [assignment])));
        Assert.Contains(fragment, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData(new[] { "cov=zero-one", "zero_fraction=0.001", "d=500" }, "'zero_fraction'")] // mean_on = clean needs a clean mode
    [InlineData(new[] { "schedule=piecewise" }, "'steps'")]
    [InlineData(new[] { "schedule=piecewise", "steps=2,1", "step_gammas=1,1" }, "'steps'")]
    [InlineData(new[] { "schedule=piecewise", "steps=1,2", "step_gammas=1" }, "'step_gammas'")]
    [InlineData(new[] { "classes=3", "d=40", "p=0.5,0.5" }, "'p'")]
    public void InconsistentCombinationsAreRejected(string[] assignments, string fragment)
    {
        var e = Assert.Throws<InputException>(() => CwsParameters.FromValues(CwsModel.Descriptor.Parse(null, assignments)));
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void SchedulesGiveTheDocumentedRates()
    {
        var power = CwsSchedule.Power(2, 10, 0.5);
        Assert.Equal(2, power.Rate(0));
        Assert.Equal(2 / Math.Sqrt(2), power.Rate(10), 14);
        var piecewise = CwsSchedule.Piecewise(1, [1, 3], [0.5, 0.25]);
        Assert.Equal(1, piecewise.Rate(0.999));
        Assert.Equal(0.5, piecewise.Rate(1));
        Assert.Equal(0.25, piecewise.Rate(10));
        Assert.Equal(1, piecewise.MaxRate);
        // SGD step ℓ uses γ((ℓ − 1)/d): at d = 10 step 11 is the first at t ≥ 1.
        Assert.Equal(1, piecewise.RateAtStep(10, 10));
        Assert.Equal(0.5, piecewise.RateAtStep(11, 10));
        Assert.True(CwsSchedule.Power(1, 1, 0).IsConstant);
    }

    [Fact]
    public void WithDimensionKeepsEverythingElse()
    {
        var p = new CwsParameters(loss: CwsLoss.Squares, covariance: CwsCovariance.PowerLaw, classes: 3, dimension: 40, seed: 3,
            probabilities: [0.2, 0.3, 0.5], schedule: CwsScheduleKind.Power, t0: 2, decay: 0.5);
        var q = p.WithDimension(80);
        Assert.Equal(80, q.Dimension);
        Assert.Equal(p with { }, p);
        Assert.Equal(p.WithDimension(40), p);
        Assert.Equal(p.Schedule, q.Schedule);
        Assert.Equal(p.Probabilities.ToArray(), q.Probabilities.ToArray());
        Assert.Null(p.WithSeed(null).Seed);
        var given = new CwsParameters(dimension: 2, means: [1, 0, -1, 0]);
        Assert.Throws<InputException>(() => given.WithDimension(3));
    }

    [Fact]
    public void ObservableNamesHaveTheFixedOrder()
    {
        Assert.Equal(["risk", "overlap", "norm2", "cosine", "clean_share", "error"], CwsModel.ObservableNames(2));
        var names = CwsModel.ObservableNames(3);
        Assert.Equal(6 + 9, names.Count);
        Assert.Equal(["risk[1]", "risk[2]", "risk[3]", "overlap[1]", "overlap[2]", "overlap[3]", "error[1]", "error[2]", "error[3]"], names.Skip(6));
        Assert.Contains(CwsModel.Descriptor.Parameters, s => s.Name == "d" && !s.SimulationOnly);
        Assert.Contains(CwsModel.Descriptor.Parameters, s => s.Name == "seed" && s.SimulationOnly);
        Assert.Equal(JsonValue.Create(1000L).ToJsonString(), CwsModel.Descriptor.Defaults.Get("d")!.ToJsonString());
    }
}
