using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Cws;
using TheoryCheck.Models;
using TheoryCheck.Models.Cws;

namespace TheoryCheck.Tests.Comparison.Cws;

/// <summary>The cws binding's own rules (the shared contract is the catalogue test's): t = ℓ/d grids, theory at d, no spectrum verb.</summary>
public class CwsBindingTests
{
    [Fact]
    public void AGridFinerThanOneSgdStepIsRefusedInOneLine()
    {
        var binding = new CwsBinding();
        var values = new CwsParameters(dimension: 100).ToValues();
        var error = Assert.Throws<InputException>(() => binding.Grid(values, 1, 0.005));
        Assert.Contains("1/d = 0.01", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(11, binding.Grid(values, 1, 0.1).Times.Count);
    }

    [Fact]
    public void TheoryIsSolvedAtTheDimensionOfTheParametersAndMatchesTheSimulationsObservables()
    {
        var binding = new CwsBinding();
        Assert.True(binding.TheoryUsesDimension);
        var values = new CwsParameters(CwsLoss.Squares, CwsCovariance.PowerLaw, dimension: 64).ToValues();
        var grid = binding.Grid(values, 2, 0.5);
        var theory = binding.SolveTheory(values, grid);
        Assert.Equal(64, theory.Dimension);
        var run = binding.Simulate(SimulationPoint.With(values, 64, 3), "full", grid);
        Assert.Equal(theory.Names, run.Names);
        Assert.Equal("full", run.SimulationEngine);
    }

    [Fact]
    public void TheSpectrumVerbIsRefusedInOneLine()
    {
        var error = Assert.Throws<InputException>(() => new CwsBinding().Spectrum(new CwsParameters().ToValues(), new SpectrumRequest(100, 1, 1, "hessian", null, 3, 5)));
        Assert.DoesNotContain('\n', error.Message);
    }
}
