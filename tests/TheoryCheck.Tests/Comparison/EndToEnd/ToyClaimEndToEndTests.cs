using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Golden;
using TheoryCheck.Comparison.Running;

namespace TheoryCheck.Tests.Comparison.EndToEnd;

[Collection(EnvironmentCollection.Name)]
public class ToyClaimEndToEndTests
{
    private static readonly Lazy<(RunSummary One, RunSummary Two)> s_runs = new(() =>
    {
        var claims = ClaimSelector.Select([new ToyMeanClaim(), new FixedClaim("other.claim")], ["toy.*"]);
        return (new ClaimRunner(Profile.Test, threads: 1).Run(claims), new ClaimRunner(Profile.Test, threads: 2).Run(claims));
    });

    [Fact]
    public void TheClaimHoldsWithExponentNearMinusOneHalf()
    {
        var result = Assert.Single(s_runs.Value.One.Results);
        Assert.Equal("toy.mean", result.Info.Id);
        Assert.True(result.Verdict == Verdict.Holds, string.Join("\n", result.Checks.Select(c => $"{c.Name} {c.Measured} {c.Requirement} {c.Detail}")) + result.Error);
        Assert.True(s_runs.Value.One.AllHold);
        // E_d = c·σ/√d with c = E max over 5 grid points of |Z|; 12 seeds give log E_d a spread ≈ 0.1, so the
        // slope over 4 sizes (Sxx = 9.6) has SD ≈ 0.03: −0.5 ± 0.15 is 5 SD.
        double slope = result.Measurements["sweep"]!["fit"]!["slope"]!.GetValue<double>();
        Assert.InRange(slope, -0.65, -0.35);
        Assert.True(result.Timings.ContainsKey("total") && result.Timings.ContainsKey("simulation"));
        Assert.Equal(ToyMeanClaim.Sizes.Length * ToyMeanClaim.Seeds, result.Seeds.Count);
        Assert.Equal(2, result.Figures.Count);
        Assert.Matches("^[0-9a-f]{40}$|^unknown$", result.GitCommit);
    }

    [Fact]
    public void ThePrefactorMatchesTheExpectedMaximumOfFiveHalfNormals()
    {
        // Independent check of the absolute level: E max_{i≤5} |Z_i| for iid standard normals, by quadrature of
        // P(max > x) = 1 − (2Φ(x) − 1)^5; E_d·√d/σ averaged over sizes must agree within 5 standard errors.
        double expectedMax = 0;
        for (double x = 0.0005; x < 10; x += 0.001)
            expectedMax += (1 - Math.Pow(MathNet.Numerics.SpecialFunctions.Erf(x / Math.Sqrt(2)), 5)) * 0.001;
        var sweep = s_runs.Value.One.Results[0].Measurements["sweep"]!;
        double sum = 0, variance = 0;
        for (int i = 0; i < ToyMeanClaim.Sizes.Length; i++)
        {
            double scale = Math.Sqrt(ToyMeanClaim.Sizes[i]) / ToyMeanClaim.Sigma;
            sum += sweep["E_d"]![i]!.GetValue<double>() * scale;
            variance += Math.Pow(sweep["SE_d"]![i]!.GetValue<double>() * scale, 2);
        }
        int n = ToyMeanClaim.Sizes.Length;
        Assert.InRange(sum / n, expectedMax - 5 * Math.Sqrt(variance) / n, expectedMax + 5 * Math.Sqrt(variance) / n);
    }

    [Fact]
    public void ResultsAreBitIdenticalForOneAndTwoThreads()
    {
        var (one, two) = s_runs.Value;
        Assert.Equal(one.Results[0].ToJson(includeTimings: false).ToJsonString(), two.Results[0].ToJson(includeTimings: false).ToJsonString());
        Assert.Equal(2, two.Threads);
    }

    [Fact]
    public void GoldenSnapshotRoundTripsTheMeasurements()
    {
        var result = s_runs.Value.One.Results[0];
        using var temp = new TemporaryDirectory();
        var store = new GoldenStore(temp.Path, new GoldenOptions());
        Assert.Equal(GoldenStatus.Created, store.Verify(result).Status);
        var matched = store.Verify(result);
        Assert.Equal(GoldenStatus.Matched, matched.Status);
        Assert.Equal(GoldenSnapshot.Flatten(result.Measurements).Fields.Count, matched.FieldCount);
        Assert.Equal(GoldenStatus.Matched, store.Verify(s_runs.Value.Two.Results[0]).Status);
    }

    [Fact]
    public void CommittedGoldenSnapshotMatches()
    {
        // The repository's snapshot golden/toy.mean.test.verified.json (environment decides update / CI behaviour).
        var outcome = new GoldenStore(RepositoryRoot.GoldenDirectory()).Verify(s_runs.Value.One.Results[0]);
        Assert.True(outcome.Passed, outcome.Report);
    }
}
