using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Kgmm;
using TheoryCheck.Models;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Tests.Comparison.Kgmm;

public class KgmmBindingTests
{
    [Fact]
    public void CatalogFindsTheModel() => Assert.IsType<KgmmBinding>(ModelCatalog.Find("kgmm"));

    [Fact]
    public void TheoryAndSimulationPrintTheSameObservablesInTheSameOrder()
    {
        var binding = new KgmmBinding();
        var values = binding.Descriptor.Parse(null, ["lambda=3"]);
        var grid = TimeGrid.Uniform(1, 0.5);
        var theory = binding.SolveTheory(values, grid);
        var sgd = binding.Simulate(SimulationPoint.With(values, 60, 7), "full", grid);
        Assert.Equal(KgmmModel.ObservableNames(3), theory.Names);
        Assert.Equal(theory.Names, sgd.Names);
        Assert.Equal(theory.Times, sgd.Times);
        Assert.Equal("ode", theory.Engine);
        Assert.Equal("sgd", sgd.Engine);
        Assert.Equal(60, sgd.Dimension);
        // At t = 0 the theory starts from m = 0, R = I (kgmm.md §5.4).
        Assert.Equal(0.0, theory["m[1,1]"][0]);
        Assert.Equal(1.0, theory["R[2,2]"][0]);
        Assert.Equal(1.0 / 3, theory["accuracy"][0], 12);
    }

    [Fact]
    public void SimulationRejectsDimensionsBelowTwoK()
    {
        var binding = new KgmmBinding();
        var e = Assert.Throws<InputException>(() => binding.Simulate(SimulationPoint.With(binding.Descriptor.Defaults, 5, 1), "full", TimeGrid.Uniform(1, 0.5)));
        Assert.Contains("'d'", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void SpectrumDocumentJoinsTheEmpiricalBlockAndTheSection11Prediction()
    {
        // kgmm.md §11 table (k = 3, β = 0.25, λ = 30, t = 20, φ = 3, block 1, Hessian): outliers 0.0911, 0.0663, 0.0651,
        // edge 0.0168, err_pred 0.221. The prediction does not depend on d; a small d keeps the run cheap.
        var binding = new KgmmBinding();
        var values = binding.Descriptor.Parse(null, ["lambda=30", "beta=0.25"]);
        var document = binding.Spectrum(values, new SpectrumRequest(60, 5, 20, "hessian", "1", 3, 5));
        var prediction = document["prediction"]!;
        var outliers = prediction["outliers"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal([0.0911, 0.0663, 0.0651], outliers.Select(v => Math.Round(v, 4)));
        Assert.Equal(0.0168, prediction["edge"]!.GetValue<double>(), 4);
        Assert.Equal(0.221, prediction["err_pred"]!.GetValue<double>(), 3);
        var empirical = document["empirical"]!;
        Assert.Equal(5, empirical["values"]!.AsArray().Count);
        Assert.Equal(5, empirical["residual_norms"]!.AsArray().Count);
        Assert.Equal(180, empirical["samples"]!.GetValue<int>());
        Assert.Equal(1, document["block"]!.GetValue<int>());
        Assert.Contains("β excluded", document["conventions"]!["penalty"]!.GetValue<string>());
        Assert.Equal(3, document["alignment"]!["mean_span_cos2"]!.AsArray().Count);
    }

    [Fact]
    public void SpectrumOfTheFullMatrixReportsThePopulationSpectrum()
    {
        var binding = new KgmmBinding();
        var document = binding.Spectrum(binding.Descriptor.Defaults, new SpectrumRequest(30, 2, 1, "g", null, 2, 4));
        Assert.Null(document["block"]);
        Assert.Equal(90, document["empirical"]!["dimension"]!.GetValue<int>());
        Assert.Equal(4, document["empirical"]!["values"]!.AsArray().Count);
        Assert.Equal(4, document["prediction"]!["population"]!["top"]!.AsArray().Count);
        Assert.Equal(3, document["prediction"]!["population"]!["bulk_levels"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("4")]
    [InlineData("one")]
    public void SpectrumRejectsUnknownBlocks(string block)
    {
        var binding = new KgmmBinding();
        var e = Assert.Throws<InputException>(() => binding.Spectrum(binding.Descriptor.Defaults, new SpectrumRequest(30, 1, 1, "hessian", block, 3, 3)));
        Assert.Contains("--block", e.Message);
    }

    [Fact]
    public void SpectrumRejectsMoreEigenpairsThanTheDimension()
    {
        var binding = new KgmmBinding();
        Assert.Throws<InputException>(() => binding.Spectrum(binding.Descriptor.Defaults, new SpectrumRequest(30, 1, 1, "hessian", "2", 3, 31)));
    }
}
