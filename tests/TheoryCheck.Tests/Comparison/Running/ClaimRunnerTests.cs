using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Running;
using TheoryCheck.Models;

namespace TheoryCheck.Tests.Comparison.Running;

public class ClaimRunnerTests
{
    [Fact]
    public void ACrashingClaimFailsWithItsMessageAndTheRunContinues()
    {
        IClaim[] claims =
        [
            new FixedClaim("a.ok"),
            new FixedClaim("a.crash", _ => throw new InvalidOperationException("boom")),
            new FixedClaim("a.also-ok"),
        ];
        var summary = new ClaimRunner(Profile.Test) { GitCommit = "abc" }.Run(claims);
        Assert.Equal(3, summary.Results.Count);
        Assert.Equal([Verdict.Holds, Verdict.Fails, Verdict.Holds], summary.Results.Select(r => r.Verdict));
        var crashed = summary.Results[1];
        Assert.Equal("InvalidOperationException: boom", crashed.Error);
        var check = Assert.Single(crashed.Checks);
        Assert.False(check.Passed);
        Assert.Contains("boom", check.Detail);
        Assert.False(summary.AllHold);
        Assert.True(summary.AnyFailed);
        Assert.Equal(1, summary.Count(Verdict.Fails));
    }

    [Fact]
    public void AnExceptionInsideAParallelSweepIsUnwrapped()
    {
        var claim = new FixedClaim("a.parallel", context =>
        {
            context.Map([1, 2, 3, 4], i => i == 3 ? throw new ArithmeticException("bad job") : i);
            throw new InvalidOperationException("unreachable");
        });
        var result = new ClaimRunner(Profile.Test, threads: 2) { GitCommit = "abc" }.RunOne(claim);
        Assert.Equal("ArithmeticException: bad job", result.Error);
    }

    [Fact]
    public void DivergenceBecomesTheDivergedVerdict()
    {
        var claim = new FixedClaim("a.diverge", context =>
        {
            context.Map([1, 2], i => i == 2 ? throw new DivergenceException("sgd run d = 10 diverged at step 5") : i);
            return FixedClaim.Passing(new ClaimInfo("a.diverge", "a", "", "", ""), context.Profile);
        });
        var result = new ClaimRunner(Profile.Test, threads: 2) { GitCommit = "abc" }.RunOne(claim);
        Assert.Equal(Verdict.Diverged, result.Verdict);
        Assert.Equal("sgd run d = 10 diverged at step 5", result.Divergence);
    }

    [Fact]
    public void BadInputPropagates()
    {
        var claim = new FixedClaim("a.input", _ => throw new InputException("parameter 'lambda' must be > 0 (got -1)"));
        var runner = new ClaimRunner(Profile.Test) { GitCommit = "abc" };
        Assert.Throws<InputException>(() => runner.Run([new FixedClaim("a.ok"), claim]));
    }

    [Fact]
    public void OverridesAreMarkedAndTheVerdictFollowsTheChecks()
    {
        IReadOnlyList<string>? seen = null;
        var claim = new FixedClaim("a.override", context =>
        {
            seen = context.Overrides.Texts;
            return FixedClaim.Passing(new ClaimInfo("a.override", "a", "test paper", "test statement", "test source"), context.Profile);
        });
        var result = new ClaimRunner(Profile.Quick) { Overrides = ClaimOverrides.Parse(["lambda=5"]), GitCommit = "abc", Models = _ => FixedClaim.Model }.RunOne(claim);
        Assert.Equal(["lambda=5"], seen);
        Assert.True(result.ParametersChanged);
        Assert.Equal(["lambda=5"], result.Overrides);
        Assert.Equal(Verdict.Holds, result.Verdict);
        Assert.True(result.ToJson()["parameters_changed"]!.GetValue<bool>());
    }

    [Fact]
    public void ACrashUnderOverridesStillFails()
    {
        var claim = new FixedClaim("a.crash", _ => throw new InvalidOperationException("boom"));
        var result = new ClaimRunner(Profile.Quick) { Overrides = ClaimOverrides.Parse(["lambda=5"]), GitCommit = "abc", Models = _ => FixedClaim.Model }.RunOne(claim);
        Assert.Equal(Verdict.Fails, result.Verdict);
    }

    [Fact]
    public void FillsTotalTimeAndCommitButKeepsTheClaimsOwn()
    {
        var info = new ClaimInfo("a.timed", "a", "", "", "");
        var own = new FixedClaim("a.timed", context => FixedClaim.Passing(info, context.Profile) with
        {
            Timings = new Dictionary<string, double> { ["total"] = 12.5, ["theory"] = 2 },
            GitCommit = "claim-commit",
        });
        var runner = new ClaimRunner(Profile.Test) { GitCommit = "runner-commit" };
        var kept = runner.RunOne(own);
        Assert.Equal(12.5, kept.Timings["total"]);
        Assert.Equal(2, kept.Timings["theory"]);
        Assert.Equal("claim-commit", kept.GitCommit);

        // A claim that takes at least 50 ms and reports no timings gets the runner's wall-clock total.
        var plainInfo = new ClaimInfo("a.plain", "a", "", "", "");
        var filled = runner.RunOne(new FixedClaim("a.plain", context =>
        {
            Thread.Sleep(50);
            return FixedClaim.Passing(plainInfo, context.Profile);
        }));
        Assert.InRange(filled.Timings["total"], 0.045, 600);
        Assert.Equal("runner-commit", filled.GitCommit);
    }

    [Fact]
    public void SummaryRecordsTheRun()
    {
        var messages = new List<string>();
        var runner = new ClaimRunner(Profile.Full, threads: 3) { GitCommit = "abc", Progress = new SynchronousProgress(messages) };
        var summary = runner.Run([new FixedClaim("a.one"), new FixedClaim("a.two", context =>
        {
            Thread.Sleep(50);
            return FixedClaim.Passing(new ClaimInfo("a.two", "a", "", "", ""), context.Profile);
        })]);
        Assert.True(summary.AllHold);
        Assert.False(summary.AnyFailed);
        Assert.Equal(Profile.Full, summary.Profile);
        Assert.Equal(3, summary.Threads);
        Assert.Equal("abc", summary.GitCommit);
        Assert.InRange(summary.TotalSeconds, 0.045, 600); // covers the 50 ms claim
        Assert.Contains(messages, m => m.Contains("a.two") && m.Contains("Holds"));
        Assert.False(new RunSummary([], Profile.Test, 1, "x", DateTimeOffset.Now, 0).AllHold);
    }

    [Fact]
    public void AClaimWithoutChecksDoesNotHold()
    {
        var empty = new FixedClaim("a.empty", context => FixedClaim.Passing(new ClaimInfo("a.empty", "a", "", "", ""), context.Profile) with { Checks = [] });
        Assert.Equal(Verdict.Fails, new ClaimRunner(Profile.Test) { GitCommit = "abc" }.RunOne(empty).Verdict);
    }

    [Fact]
    public void AResultForAnotherClaimIsAnError()
    {
        var wrong = new FixedClaim("a.wrong", context => FixedClaim.Passing(new ClaimInfo("a.other", "a", "", "", ""), context.Profile));
        var result = new ClaimRunner(Profile.Test) { GitCommit = "abc" }.RunOne(wrong);
        Assert.Equal(Verdict.Fails, result.Verdict);
        Assert.Contains("a.other", result.Error);
        Assert.Equal("a.wrong", result.Info.Id);
        Assert.Empty(result.Measurements);
    }

    private sealed class SynchronousProgress(List<string> sink) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (sink) sink.Add(value);
        }
    }
}
