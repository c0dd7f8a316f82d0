using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Xor;
using TheoryCheck.Models;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;

namespace TheoryCheck.Tests.Comparison.Xor;

/// <summary>
/// The xor binding's own rules (the shared contract is the catalogue test's): one engine (full), the warm start on both
/// sides, the covered count at every grid time, no ODE from a random start, δ-grids, and the spectrum document with the
/// predictions of xor.md §9.2–§9.3 (reference values of the specification's prototypes, not of this code).
/// </summary>
public class XorBindingTests
{
    [Fact]
    public void TheCatalogueFindsTheModelWithTheFullAndSubspaceEngines()
    {
        var binding = Assert.IsType<XorBinding>(ModelCatalog.Find("xor"));
        Assert.Equal(["full", "subspace"], binding.Engines);
        Assert.False(binding.TheoryUsesDimension);
    }

    [Fact]
    public void TheoryAndSimulationStartFromTheSameWarmStatisticsAndPrintTheSameObservables()
    {
        var binding = new XorBinding();
        var values = XorParameters.Default.ToValues();
        var grid = TimeGrid.Uniform(0.5, 0.25);
        var theory = binding.SolveTheory(values, grid);
        var run = binding.Simulate(SimulationPoint.With(values, 80, 3), "full", grid);
        Assert.Equal(XorModel.ObservableNames(4), theory.Names);
        Assert.Equal(theory.Names, run.Names);
        Assert.Equal(theory.Times, run.Times);
        Assert.Equal("full", run.SimulationEngine);
        // xor.md §3: the warm start puts the statistics exactly at (v0, mmu0, mnu0, rperp0·I) at every d ≥ K + 2.
        double[] v0 = [0.8, 0.7, -0.8, -0.7], mmu0 = [0.3, -0.3, 0.05, -0.05];
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(v0[i], theory[$"v[{i + 1}]"][0]);
            Assert.Equal(v0[i], run[$"v[{i + 1}]"][0], 12);
            Assert.Equal(mmu0[i], run[$"mmu[{i + 1}]"][0], 12);
            Assert.Equal(1.0, run[$"Rperp[{i + 1},{i + 1}]"][0], 12);
        }
        Assert.Equal(0.0, run["Rperp[1,2]"][0], 12);
    }

    [Fact]
    public void CoveredIsReportedAtEveryGridTimeByBothSides()
    {
        // Default warm start: s(±μ) = 0.8·0.3 − 0.8·0.05 = 0.20 and 0.7·0.3 − 0.7·0.05 = 0.175 > τ; s(±ν) = −0.20, −0.175 < −τ:
        // four clusters covered. Bad start of claims.md §2.5 (mmu0 = (0.3, 0.25, 0.05, −0.05)): s(−μ) = −0.7·0.05 = −0.035 ≤ τ,
        // so −μ is uncovered: three.
        var binding = new XorBinding();
        var grid = TimeGrid.Uniform(1, 0.25);
        var good = XorParameters.Default.ToValues();
        var bad = new XorParameters(mmu0: [0.3, 0.25, 0.05, -0.05]).ToValues();
        foreach (var (values, expected) in new[] { (good, 4.0), (bad, 3.0) })
        {
            var run = binding.Simulate(SimulationPoint.With(values, 60, 1), "full", grid);
            Assert.Equal(grid.Times.Count, run["covered"].Length);
            Assert.Equal(expected, run["covered"][0]);
            Assert.Equal(expected, binding.SolveTheory(values, grid)["covered"][0]);
        }
    }

    [Fact]
    public void TheOdeOfARandomStartAndGridsFinerThanOneStepAreRefusedInOneLine()
    {
        var binding = new XorBinding();
        var random = binding.Descriptor.Parse(null, ["init=random"]);
        var error = Assert.Throws<InputException>(() => binding.SolveTheory(random, TimeGrid.Uniform(1, 0.5)));
        Assert.Contains("'init'", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        var values = SimulationPoint.With(XorParameters.Default.ToValues(), 100, 1);
        error = Assert.Throws<InputException>(() => binding.Grid(values, 1, 0.005));
        Assert.Contains("δ = cdelta/d = 0.01", error.Message);
        Assert.Equal(11, binding.Grid(values, 1, 0.1).Times.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("W0")]
    [InlineData("W5")]
    [InlineData("1")]
    [InlineData("w1")]
    [InlineData("V")]
    public void SpectrumBlocksOtherThanW1ToWKOrVAreRefusedInOneLine(string? block)
    {
        var binding = new XorBinding();
        var error = Assert.Throws<InputException>(() => binding.Spectrum(XorParameters.Default.ToValues(), new SpectrumRequest(40, 1, 1, "hessian", block, 3, 4)));
        Assert.Contains("--block", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void FirstLayerSpectrumDocumentCarriesTheSection92Prediction()
    {
        // xor.md §9.2 table (K = 4, λ = 50, β = 0.05, t = 30, φ = 3, neuron 1, Hessian): outliers 0.0601, 0.0597, edge 0.0076,
        // err_pred 0.235 — values of the specification's independent prototype. The prediction does not depend on d.
        var binding = new XorBinding();
        var values = binding.Descriptor.Parse(null, ["lambda=50"]);
        var document = binding.Spectrum(values, new SpectrumRequest(120, 5, 30, "hessian", "W1", 3, 4));
        var prediction = document["prediction"]!;
        var outliers = prediction["outliers"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.InRange(outliers[0], 0.0601 - 2e-4, 0.0601 + 2e-4);
        Assert.InRange(outliers[1], 0.0597 - 2e-4, 0.0597 + 2e-4);
        Assert.InRange(prediction["edge"]!.GetValue<double>(), 0.0076 - 1e-4, 0.0076 + 1e-4);
        Assert.InRange(prediction["err_pred"]!.GetValue<double>(), 0.235 - 2e-3, 0.235 + 2e-3);
        var empirical = document["empirical"]!;
        Assert.Equal(4, empirical["values"]!.AsArray().Count);
        Assert.Equal(360, empirical["sample_count"]!.GetValue<int>());
        Assert.Equal("W1", document["block"]!.GetValue<string>());
        Assert.Empty(document["faults"]!.AsArray());
    }

    [Fact]
    public void SecondLayerSpectrumDocumentCarriesTheSection93Prediction()
    {
        // xor.md §9.3 (λ = 50, t = 30, good K = 4 start): predicted H_vv − βI eigenvalues 0.0711, 0.0578, 0.0577, 0.0445.
        var binding = new XorBinding();
        var values = binding.Descriptor.Parse(null, ["lambda=50"]);
        var document = binding.Spectrum(values, new SpectrumRequest(120, 5, 30, "hessian", "v", 3, 10));
        var predicted = document["prediction"]!["eigenvalues"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        double[] reference = [0.0711, 0.0578, 0.0577, 0.0445];
        for (int j = 0; j < 4; j++) Assert.InRange(predicted[j], reference[j] - 3e-4, reference[j] + 3e-4);
        Assert.Equal(4, document["prediction"]!["outlier_count"]!.GetValue<int>());
        Assert.Equal(4, document["empirical"]!["values"]!.AsArray().Count);
        Assert.Equal("v", document["block"]!.GetValue<string>());
    }
}
