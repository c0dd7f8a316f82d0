using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Quadratic;
using TheoryCheck.Models;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Quadratic;
using TheoryCheck.Theory.Quadratic;

namespace TheoryCheck.Tests.Comparison.Quadratic;

public class QuadraticBindingTests
{
    [Fact]
    public void CatalogFindsTheModel() => Assert.IsType<QuadraticBinding>(ModelCatalog.Find("quadratic"));

    [Fact]
    public void TheoryTrajectoryHasTheFiveObservablesOfTheRecursion()
    {
        var binding = new QuadraticBinding();
        var values = binding.Descriptor.Parse(null, ["eta=0.25"]);
        var trajectory = binding.SolveTheory(values, TimeGrid.Uniform(100, 10));
        Assert.Equal(["alignment", "loss", "eta_star", "eta_dom", "eta_bulk"], trajectory.Names);
        var direct = QuadraticTheory.Solve(QuadraticParameters.Base with { StepSize = 0.25 }, 100);
        Assert.Equal(direct.Alignment(30), trajectory["alignment"][3]);
        Assert.Equal(direct.EtaBulk(100), trajectory["eta_bulk"][^1]);
        Assert.Equal("ode", trajectory.Engine);
    }

    [Fact]
    public void SimulationTrajectoryRecordsAlignmentAndLoss()
    {
        var binding = new QuadraticBinding();
        var trajectory = binding.Simulate(SimulationPoint.With(binding.Descriptor.Defaults, 300, 4), "full", TimeGrid.Uniform(20, 5));
        Assert.Equal(["alignment", "loss"], trajectory.Names);
        Assert.Equal(300, trajectory.Dimension);
        Assert.Equal([0.0, 5, 10, 15, 20], trajectory.Times);
        Assert.False(trajectory.Status.Diverged);
    }

    [Fact]
    public void SpectrumIsRejectedWithOneLine()
    {
        var binding = new QuadraticBinding();
        var e = Assert.Throws<InputException>(() => binding.Spectrum(binding.Descriptor.Defaults, new SpectrumRequest(100, 1, 1, "hessian", null, 3, 5)));
        Assert.Contains("no empirical Hessian", e.Message);
    }
}
