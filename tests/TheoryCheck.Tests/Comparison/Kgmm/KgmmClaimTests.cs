using TheoryCheck.Comparison.Running;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Golden;
using TheoryCheck.Comparison.Kgmm;

namespace TheoryCheck.Tests.Comparison.Kgmm;

/// <summary>
/// Every kgmm claim at the Test profile: the verdict holds, the result records its provenance and the measurements
/// match the golden snapshot; plus known answers of kgmm.md / claims.md read back from the measurements, and the verdict
/// logic recomputed independently from the stored numbers.
/// </summary>
public class KgmmClaimTests
{
    public static TheoryData<string> Ids => new(new KgmmBinding().Claims.Select(c => c.Info.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void RecordsItsSizesAndTheSgdConventions(string id)
    {
        var result = KgmmTestResults.Of(id);
        Assert.NotEmpty(result.Sizes);
        Assert.True(result.Settings.ContainsKey("sgd"), $"{id}: settings lack the SGD conventions");
    }

    [Fact]
    public void ClaimIdsAreThoseOfTheCatalogue() =>
        Assert.Equal(["kgmm.ode-tracking", "kgmm.corrector", "kgmm.large-lambda", "kgmm.block-alignment", "kgmm.outliers", "kgmm.full-structure", "kgmm.emergence", "kgmm.train-data"],
            new KgmmBinding().Claims.Select(c => c.Info.Id));

    [Fact]
    public void TrackingReportsTheReferenceOdeStateAtT()
    {
        // kgmm.md §5.5 / claims.md §1.1: ODE at t = 8 (k = 3, λ = 3, β = 0.1, c_δ = 1): m11 = 0.6752, R⊥11 = 0.2095, loss 0.7943.
        var result = KgmmTestResults.Of(KgmmOdeTrackingClaim.Id);
        Assert.Equal(0.6752, KgmmTestResults.Number(result, "theory_at_T", "m[1,1]"), 4);
        Assert.Equal(0.2095, KgmmTestResults.Number(result, "theory_at_T", "Rperp[1,1]"), 4);
        Assert.Equal(0.7943, KgmmTestResults.Number(result, "theory_at_T", "loss"), 4);
        var compared = result.Settings["observables"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        Assert.Equal(9 + 6, compared.Length); // every m[c,a] and R[c,e], c ≤ e; no Rperp, loss or accuracy
        Assert.All(compared, name => Assert.True(name.StartsWith("m[") || name.StartsWith("R["), name));
    }

    [Fact]
    public void TrackingResultIsReproducibleApartFromItsTimings()
    {
        // A second run of the same claim gives the same result.json once the timings are dropped: run wall-clock
        // figures (step seconds, steps per second) go to timings, not settings.
        var first = KgmmTestResults.Of(KgmmOdeTrackingClaim.Id);
        var again = new ClaimRunner(Profile.Test, threads: 1) { GitCommit = "test" }
            .RunOne(new KgmmBinding().Claims.Single(c => c.Info.Id == KgmmOdeTrackingClaim.Id));
        Assert.Equal(first.ToJson(includeTimings: false).ToJsonString(), again.ToJson(includeTimings: false).ToJsonString());
        Assert.Contains("first_run_step_seconds", again.Timings.Keys);
        Assert.DoesNotContain(again.Timings.Keys, k => k.EndsWith("_per_second", StringComparison.Ordinal)); // a rate is not a duration
    }

    [Fact]
    public void CorrectorValuesAreThoseOfTheReferenceTable()
    {
        // kgmm.md §5.5: R⊥11(8) with corrector 0.1518, 0.2095, 0.3307 (c_δ = 0.5, 1, 2); without 0.0961; stationary/c_δ 0.102, 0.1037, 0.1073.
        var result = KgmmTestResults.Of(KgmmCorrectorClaim.Id);
        double[] with = [0.1518, 0.2095, 0.3307];
        double[] stationary = [0.0510 / 0.5, 0.1037, 0.2146 / 2];
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(with[i], KgmmTestResults.Number(result, "cases", i, "W"), 4);
            Assert.Equal(0.0961, KgmmTestResults.Number(result, "cases", i, "W0"), 4);
            Assert.Equal(stationary[i], KgmmTestResults.Number(result, "cases", i, "stationary_Rperp_t60_over_cdelta"), 3);
        }
    }

    [Fact]
    public void LargeLambdaUsesTheFixedPointOfTheReferenceTable()
    {
        // kgmm.md §8.2 (k = 3, β = 0.25): α = 0.59864, q = 0.55102, r = 0.22449; §8.3: c_δḠ_∞,cc/(2β) = 0.2016;
        // claims.md §1.3: |m_cc(30) − α| = 0.01373, 0.00418, 0.00140, 0.00043 for λ = 30, 100, 300, 1000.
        var result = KgmmTestResults.Of(KgmmLargeLambdaClaim.Id);
        Assert.Equal(0.59864, KgmmTestResults.Number(result, "alpha"), 5);
        Assert.Equal(0.55102, KgmmTestResults.Number(result, "q"), 5);
        Assert.Equal(0.22449, KgmmTestResults.Number(result, "r"), 5);
        Assert.Equal(0.2016, KgmmTestResults.Number(result, "perp_limit", 0), 4);
        double[] deviations = [0.01373, 0.00418, 0.00140, 0.00043];
        for (int i = 0; i < 4; i++)
            Assert.Equal(deviations[i], KgmmTestResults.Number(result, "ode", i, "abs_m_cc_minus_alpha"), 5);
    }

    [Fact]
    public void BlockAlignmentPredictionsAreThoseOfTheReferenceTable()
    {
        // kgmm.md §11 (k = 3, β = 0.25, t = 20, φ = 3): err_pred H 0.410, 0.221, 0.119 and G 0.754, 0.246, 0.122 (λ = 10, 30, 100).
        var result = KgmmTestResults.Of(KgmmBlockAlignmentClaim.Id);
        double[] h = [0.410, 0.221, 0.119], g = [0.754, 0.246, 0.122];
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(h[i], KgmmTestResults.Number(result, "lambdas", i, "err_H_pred"), 3);
            Assert.Equal(g[i], KgmmTestResults.Number(result, "lambdas", i, "err_G_pred"), 3);
        }
    }

    [Fact]
    public void BlockAlignmentVerdictMatchesAnIndependentRecomputation()
    {
        var result = KgmmTestResults.Of(KgmmBlockAlignmentClaim.Id);
        var rows = result.Measurements["lambdas"]!.AsArray();
        double worst = 0;
        foreach (var row in rows)
        {
            double lambda = row!["lambda"]!.GetValue<double>();
            var h = row["err_H"]!.AsArray().Select(x => x!.GetValue<double>()).ToArray();
            Assert.Equal(h.Average(), row["err_H_mean"]!.GetValue<double>(), 12);
            worst = Math.Max(worst, Math.Abs(h.Average() - row["err_H_pred"]!.GetValue<double>()));
            if (lambda >= 30) worst = Math.Max(worst, Math.Abs(row["err_G_mean"]!.GetValue<double>() - row["err_G_pred"]!.GetValue<double>()));
        }
        var check = result.Checks.Single(c => c.Name.StartsWith("(c)"));
        Assert.Equal(worst, check.Measured!.Value, 12);
        Assert.Equal(worst <= 0.05, check.Passed);

        // (a): the OLS slope of log(mean err_H) on log λ, recomputed by hand.
        var x = rows.Select(r => Math.Log(r!["lambda"]!.GetValue<double>())).ToArray();
        var y = rows.Select(r => Math.Log(r!["err_H_mean"]!.GetValue<double>())).ToArray();
        double mx = x.Average(), my = y.Average();
        double slope = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
        Assert.Equal(slope, result.Checks.Single(c => c.Name.StartsWith("(a)")).Measured!.Value, 10);
    }

    [Fact]
    public void OutlierVerdictMatchesAnIndependentRecomputation()
    {
        var result = KgmmTestResults.Of(KgmmOutliersClaim.Id);
        const int k = 3;
        foreach (var table in result.Measurements["spectra"]!.AsArray())
        {
            string matrix = table!["matrix"]!.GetValue<string>() == "hessian" ? "H" : "G";
            double lambda = table["lambda"]!.GetValue<double>();
            double gap = double.PositiveInfinity, bulk = 0, location = 0, overlap = double.PositiveInfinity;
            foreach (var block in table["blocks"]!.AsArray())
            {
                var values = block!["eigenvalues"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
                var predicted = block["predicted_outliers"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
                var overlaps = block["predicted_squared_overlaps"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
                var cos2 = block["cos2"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
                double edge = block["predicted_edge"]!.GetValue<double>();
                Assert.Equal(k + 3, values.Length);
                Assert.Equal(k, cos2.Length);
                // Support-boundary edges (G blocks): the gap is measured against the empirical bulk top (docs/kgmm-notes.md §7.2).
                bool boundary = block["edge_kind"]!.GetValue<string>() == "SupportBoundary";
                gap = Math.Min(gap, values[k - 1] / (boundary ? values[k] : edge));
                bulk = Math.Max(bulk, values[k] / edge);
                for (int j = 0; j < k; j++) location = Math.Max(location, Math.Abs(values[j] - predicted[j]) / predicted[j]);
                overlap = Math.Min(overlap, cos2.Min() - overlaps.Take(k).Min());
            }
            string prefix = $"{matrix}, λ = {lambda}:";
            var checks = result.Checks.Where(c => c.Name.StartsWith(prefix)).ToArray();
            Assert.Equal(4, checks.Length);
            Assert.Equal(gap, checks[0].Measured!.Value, 12);
            Assert.Equal(gap >= 1.3, checks[0].Passed);
            Assert.Equal(bulk, checks[1].Measured!.Value, 12);
            Assert.Equal(bulk <= 1.15, checks[1].Passed);
            Assert.Equal(location, checks[2].Measured!.Value, 12);
            Assert.Equal(location <= 0.10, checks[2].Passed);
            Assert.Equal(overlap, checks[3].Measured!.Value, 12);
            Assert.Equal(overlap >= -0.03, checks[3].Passed);
        }
        // H at every λ, G only at λ ≥ 30 (claims.md §1.5).
        Assert.Equal(5 * 4, result.Checks.Count);
    }

    [Fact]
    public void FullStructurePopulationValuesAreThoseOfTheCatalogue()
    {
        // claims.md §1.6 (k = 4, λ = 100, β = 0.25, t = 20): outliers 0.0838 (×3), 0.0827; minibulk 0.0502–0.0508 (×8);
        // G outliers 0.1138 (×3), 0.1116; λ = ∞: 0.0812, 0.0484, 0.1123.
        var result = KgmmTestResults.Of(KgmmFullStructureClaim.Id);
        var h = result.Measurements["population_H"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var g = result.Measurements["population_G"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.All(h.Take(3), v => Assert.Equal(0.0838, v, 4));
        Assert.Equal(0.0827, h[3], 4);
        Assert.All(h.Skip(4).Take(8), v => Assert.InRange(v, 0.05015, 0.05085));
        Assert.All(g.Take(3), v => Assert.Equal(0.1138, v, 4));
        Assert.Equal(0.1116, g[3], 4);
        Assert.Equal(0.0812, KgmmTestResults.Number(result, "lambda_infinity", "hessian_outlier"), 4);
        Assert.Equal(0.0484, KgmmTestResults.Number(result, "lambda_infinity", "hessian_minibulk"), 4);
        Assert.Equal(0.1123, KgmmTestResults.Number(result, "lambda_infinity", "g_outlier"), 4);
        var seed = result.Measurements["seeds"]![0]!;
        Assert.Equal(16, seed["hessian_eigenvalues"]!.AsArray().Count);
        Assert.Equal(6, seed["g_eigenvalues"]!.AsArray().Count);
    }

    [Fact]
    public void OverridesAreAppliedAndBadOverridesAreInputErrors()
    {
        var claim = new KgmmLargeLambdaClaim();
        var overrides = ClaimOverrides.Parse(["lambdas=30,100", "sgd_lambdas=30", "d=100", "seeds=1", "T=10"]);
        overrides.Validate(claim, TheoryCheck.Models.Kgmm.KgmmModel.Descriptor);
        var context = new ClaimContext(claim.Info.Id, Profile.Test) { Overrides = overrides };
        var result = claim.Run(context);
        Assert.Equal([30.0, 100.0], result.Parameters["ode_lambdas"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(100, result.Parameters["d"]!.GetValue<int>());
        Assert.Equal(10.0, result.Parameters["T"]!.GetValue<double>());
        foreach (string[] bad in new[] { new[] { "lambda=5" }, new[] { "seed=3" }, new[] { "lambdas=30" }, new[] { "cdelta=-1" }, new[] { "frobnicate=1" } })
            Assert.Throws<TheoryCheck.Models.InputException>(() => new ClaimRunner(Profile.Test) { Overrides = ClaimOverrides.Parse(bad) }.Validate([claim]));
        Assert.Throws<TheoryCheck.Models.InputException>(() =>
            new ClaimRunner(Profile.Test) { Overrides = ClaimOverrides.Parse(["d=100"]) }.Validate([new KgmmOdeTrackingClaim()]));
    }
}
