using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Running;
using TheoryCheck.Models;
using TheoryCheck.Comparison.Tracking;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Tests.Comparison.Tracking;

public class TrackingClaimTests
{
    private static readonly ToyMeanModel s_model = new();
    private static readonly IClaim s_claim = s_model.Claims[0];

    private static ClaimResult Run(params string[] overrides) =>
        new ClaimRunner(Profile.Test, threads: 2) { GitCommit = "test", Overrides = ClaimOverrides.Parse(overrides), Models = _ => s_model.Descriptor }.RunOne(s_claim);

    [Fact]
    public void HoldsAndRecordsTheStandardMeasurements()
    {
        var result = Run();
        Assert.Equal(Verdict.Holds, result.Verdict);
        var m = result.Measurements;
        Assert.InRange(m["sweep"]!["fit"]!["slope"]!.GetValue<double>(), -0.75, -0.25);
        Assert.Equal(0.7 * Math.Exp(-2), m["theory_at_T"]!["mean"]!.GetValue<double>(), 15);
        Assert.Equal(1, m["theory_at_T"]!["var"]!.GetValue<double>());
        Assert.Equal(1024, m["simulation_at_T"]!["d"]!.GetValue<int>());
        // Sample variance at d = 1024 is 1 ± √(2/1023) per seed; the 8-seed mean within 5 SE of 1.
        double variance = m["simulation_at_T"]!["mean"]!["var"]!.GetValue<double>();
        Assert.InRange(variance, 1 - 5 * Math.Sqrt(2.0 / 1023 / 8), 1 + 5 * Math.Sqrt(2.0 / 1023 / 8));
        Assert.Equal([64, 256, 1024], result.Sizes);
        Assert.Equal(24, result.Seeds.Count);
        Assert.Equal(["error-vs-d", "trajectories"], result.Figures.Select(f => f.Name));
        Assert.Equal("closed form", result.Settings["theory"]!["method"]!.GetValue<string>());
        Assert.Equal(0.7, result.Parameters["mu"]!.GetValue<double>());
    }

    [Fact]
    public void OverridesAreAppliedAndMarkTheResult()
    {
        var baseline = Run();
        var doubled = Run("sigma=2", "T=1");
        Assert.True(doubled.ParametersChanged);
        Assert.Equal(2, doubled.Parameters["sigma"]!.GetValue<double>());
        Assert.Equal(1, doubled.Settings["grid"]!["T"]!.GetValue<double>());
        // Same seeds, σ doubled: every deviation sim − theory doubles exactly, so E_d doubles (T = 1 keeps the
        // grid points 0, 0.5, 1, a prefix of the baseline's; compare on a run with the same T).
        var sameGrid = Run("T=1");
        for (int i = 0; i < 3; i++)
            Assert.Equal(2 * sameGrid.Measurements["sweep"]!["E_d"]![i]!.GetValue<double>(),
                doubled.Measurements["sweep"]!["E_d"]![i]!.GetValue<double>(), 1e-12);
        Assert.Equal(baseline.Seeds, doubled.Seeds);
    }

    /// <summary>
    /// A profile's own theory solve (TrackingProfile.Theory, e.g. a finer quadrature for a sweep to larger d) replaces the
    /// binding's: it is called with control strength 0 in a normal run and with S under <c>--negative-control</c>.
    /// </summary>
    [Fact]
    public void AProfilesOwnTheoryIsUsedWithTheControlStrength()
    {
        var strengths = new System.Collections.Concurrent.ConcurrentBag<double>();
        var baseClaim = (TrackingClaim)s_claim;
        var claim = new TrackingClaim(baseClaim.Info, () => s_model, ["mean"], profile => new TrackingProfile
            {
                Parameters = s_model.Descriptor.Defaults,
                Grid = TimeGrid.Uniform(2, 0.5),
                Sizes = [64, 256, 1024],
                Seeds = 8,
                Bound = 0.1,
                Theory = (values, grid, strength) =>
                {
                    strengths.Add(strength);
                    // The binding's theory shifted by 0.5: every sup-error then exceeds the bound.
                    var exact = s_model.SolveTheory(values, grid);
                    return exact with { Observables = exact.Observables.Select(o => o.Key == "mean" ? new KeyValuePair<string, double[]>(o.Key, o.Value.Select(v => v + 0.5).ToArray()) : o).ToList() };
                },
            },
            baseClaim.Control, (_, _, _) => throw new InvalidOperationException("the profile's theory must be used"));
        ClaimResult RunWith(bool control) => new ClaimRunner(Profile.Test, threads: 2)
        {
            GitCommit = "test", NegativeControl = control, ControlStrength = 0.25, Models = _ => s_model.Descriptor,
        }.RunOne(claim);

        var normal = RunWith(false);
        Assert.Equal([0.0], strengths.Distinct());
        Assert.Equal(0.5, normal.Measurements["sweep"]!["E_d"]![2]!.GetValue<double>(), 0.05);
        Assert.NotEqual(Verdict.Holds, normal.Verdict);
        strengths.Clear();
        RunWith(true);
        Assert.Equal([0.25], strengths.Distinct());
    }

    [Fact]
    public void BadOverridesStopTheRun()
    {
        Assert.Throws<InputException>(() => Run("lambda=3"));
        Assert.Throws<InputException>(() => Run("sigma=-1"));
        Assert.Throws<InputException>(() => Run("T=abc"));
    }

    [Fact]
    public void NonFiniteTIsRefusedAsTheClaimParameterT()
    {
        foreach (string text in new[] { "T=NaN", "T=Infinity" })
            Assert.Equal($"parameter 'T' must be a finite number (got '{text[2..]}')", Assert.Throws<InputException>(() => Run(text)).Message);
    }

    [Fact]
    public void ADivergedRunGivesTheDivergedVerdict()
    {
        var result = Run("sigma=100");
        Assert.Equal(Verdict.Diverged, result.Verdict);
        Assert.Contains("diverged at step 3", result.Divergence);
    }
}
