using System.Diagnostics;
using System.Text.Json.Nodes;

namespace TheoryCheck.Tests.Cli;

/// <summary>
/// The hostile-input cases users found (each exited 3, ran for minutes or exhausted the memory), pinned at the command
/// line: every one now exits 2 before any work with one line giving the limit and the estimate, or 1 with a recorded
/// numerical status. The environment is fixed (default budget, 1 GB memory limit) so the outcome does not depend on the
/// machine.
/// </summary>
public sealed class HostileInputTests
{
    /// <summary>The default work budget and a 1 GB memory limit, whatever the process environment says.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string> { ["THEORYCHECK_MEMORY_LIMIT"] = "1GB" };

    private static string Refused(params string[] args)
    {
        var clock = Stopwatch.StartNew();
        string line = CliRunner.AssertBadInputWith(Defaults, args);
        Assert.True(clock.Elapsed.TotalSeconds < 10, $"refused only after {clock.Elapsed.TotalSeconds:F1} s: {string.Join(' ', args)}");
        return line;
    }

    [Fact]
    public void An_unknown_command_is_named_with_the_commands()
    {
        Assert.Equal("theorycheck: error: unknown command 'frobnicate' (commands: models, claims, ode, sgd, spectrum, run, merge, golden)", Refused("frobnicate"));
        Assert.Equal("theorycheck: error: unknown command 'frob' for 'golden' (commands: verify, update)", Refused("golden", "frob"));
        Assert.Contains("no command given", Refused());
    }

    [Theory]
    [InlineData("22")]
    [InlineData("100")]
    [InlineData("300")]
    [InlineData("10000")]
    public void Kgmm_k_above_20_is_refused_as_the_documented_limit(string k)
    {
        foreach (string[] args in new[]
                 {
                     new[] { "ode", "kgmm", "--set", $"k={k}", "--t-end", "1", "--t-step", "0.5" },
                     new[] { "sgd", "kgmm", "--set", $"k={k}", "--d", "1000", "--seed", "1", "--t-end", "1", "--t-step", "0.5" },
                 })
            Assert.Contains("parameter 'k' must be ≤ 20", Refused(args));
    }

    [Fact]
    public void Kgmm_k_16_is_refused_by_its_work_estimate_and_says_how_to_run_it()
    {
        string line = Refused("ode", "kgmm", "--set", "k=16", "--t-end", "1", "--t-step", "0.5");
        Assert.Contains("needs about", line);
        Assert.Contains("SGD element-updates", line);
        Assert.Contains("work budget of 1E+10 (the default)", line);
        Assert.Contains("--budget", line);
    }

    [Theory]
    [InlineData("sgd", "quadratic", "--set", "batch=2147483647", "--set", "noise=streaming", "--seed", "1", "--t-end", "1", "--t-step", "1")]
    [InlineData("sgd", "quadratic", "--set", "batch=2147483647", "--seed", "1", "--t-end", "1", "--t-step", "1")]
    [InlineData("sgd", "quadratic", "--d", "2147483647", "--seed", "1", "--t-end", "1", "--t-step", "1")]
    [InlineData("ode", "quadratic", "--d", "2147483647", "--t-end", "100000000", "--t-step", "1000000")]
    [InlineData("sgd", "kgmm", "--d", "500000000", "--seed", "1", "--t-end", "0", "--t-step", "1")]
    [InlineData("sgd", "kgmm", "--d", "715827882", "--seed", "1", "--t-end", "0", "--t-step", "1")]
    [InlineData("spectrum", "kgmm", "--d", "1000", "--seed", "1", "--t", "1", "--matrix", "hessian", "--samples-ratio", "1e6")]
    [InlineData("spectrum", "kgmm", "--d", "100000", "--seed", "1", "--t", "1", "--matrix", "hessian")]
    [InlineData("ode", "kgmm", "--t-end", "1000", "--t-step", "0.0001")]
    public void Runs_that_would_exhaust_the_memory_are_refused_with_the_estimate_and_the_limit(params string[] args)
    {
        string line = Refused(args);
        Assert.Matches(@"needs about [0-9.]+ [GMT]B of memory \(limit 1\.0 GB: THEORYCHECK_MEMORY_LIMIT; this machine has [0-9.]+ GB\)", line);
    }

    [Theory]
    [InlineData("sgd", "kgmm", "--d", "100000", "--seed", "1", "--t-end", "100", "--t-step", "10")]
    [InlineData("sgd", "kgmm", "--d", "1000", "--seed", "1", "--set", "cdelta=1e-9", "--t-end", "1", "--t-step", "1")]
    [InlineData("sgd", "quadratic", "--d", "1000000", "--seed", "1", "--t-end", "100000", "--t-step", "1000")]
    [InlineData("ode", "kgmm", "--set", "beta=1e6", "--t-end", "1000", "--t-step", "1000")]
    [InlineData("run", "kgmm.ode-tracking", "--profile", "test", "--set", "T=20000", "--out", "/nonexistent-never-created/x")]
    [InlineData("run", "quadratic.fluctuations", "--profile", "test", "--set", "d=1000000", "--out", "/nonexistent-never-created/x")]
    public void Runs_over_the_work_budget_are_refused_before_they_start(params string[] args)
    {
        string line = Refused(args);
        Assert.Contains("SGD element-updates", line);
        Assert.Contains("over the work budget", line);
        Assert.False(Directory.Exists("/nonexistent-never-created"));
    }

    [Fact]
    public void The_budget_comes_from_the_option_over_the_environment_over_the_default()
    {
        string[] run = ["sgd", "kgmm", "--d", "1000", "--seed", "1", "--t-end", "2", "--t-step", "1"];
        var small = new Dictionary<string, string>(Defaults) { ["THEORYCHECK_BUDGET"] = "1e6" };
        Assert.Contains("over the work budget of 1E+06 (THEORYCHECK_BUDGET)", CliRunner.AssertBadInputWith(small, run));
        Assert.Contains("over the work budget of 1E+03 (--budget)", CliRunner.AssertBadInputWith(Defaults, [.. run, "--budget", "1000"]));
        Assert.Equal(0, CliRunner.RunWith(small, [.. run, "--budget", "1e8"]).Exit);
        Assert.Equal(0, CliRunner.RunWith(small, [.. run, "--budget", "unlimited"]).Exit);
        Assert.Contains("--budget must be", CliRunner.AssertBadInputWith(Defaults, [.. run, "--budget", "-5"]));
        Assert.Contains("THEORYCHECK_MEMORY_LIMIT must be a size", CliRunner.AssertBadInputWith(
            new Dictionary<string, string> { ["THEORYCHECK_MEMORY_LIMIT"] = "lots" }, run));
    }

    [Theory]
    [InlineData("lambda=1e-310")]
    [InlineData("beta=4.9e-324")]
    [InlineData("cdelta=-2e-320")]
    public void Subnormal_parameters_are_refused(string assignment) =>
        Assert.Contains("subnormal", Refused("ode", "kgmm", "--set", assignment, "--t-end", "1", "--t-step", "0.5"));

    [Fact]
    public void A_tiny_normal_lambda_is_a_recorded_status_not_an_internal_error()
    {
        var (exit, output, error) = CliRunner.RunWith(Defaults, "ode", "kgmm", "--set", "lambda=1e-300", "--t-end", "1", "--t-step", "0.5");
        Assert.Equal(1, exit);
        var status = JsonNode.Parse(output)!["status"]!;
        Assert.Equal("diverged", status["state"]!.GetValue<string>());
        Assert.Equal("diverged", status["faults"]![0]!["kind"]!.GetValue<string>());
        Assert.DoesNotContain("internal error", error);
    }

    [Theory]
    [InlineData("/proc/x")]
    [InlineData("/proc/self/x/y")]
    [InlineData("/etc/hostname/report")]
    public void Run_refuses_an_unwritable_out_before_computing(string directory)
    {
        string line = Refused("run", "quadratic.initial-direction", "--profile", "test", "--out", directory);
        Assert.Contains("--out:", line);
    }

    [Fact]
    public void Golden_refuses_an_unusable_golden_dir_before_computing()
    {
        Assert.Contains("does not exist", Refused("golden", "verify", "quadratic.initial-direction", "--golden-dir", "/nonexistent-golden-dir"));
        Assert.Contains("is a file", Refused("golden", "verify", "quadratic.initial-direction", "--golden-dir", "/etc/hostname"));
        Assert.Contains("--golden-dir: cannot write", Refused("golden", "verify", "quadratic.initial-direction", "--golden-dir", "/proc"));
    }

    [Fact]
    public void Models_documents_the_real_ranges_and_the_resource_limits()
    {
        var (exit, text, _) = CliRunner.RunWith(Defaults, "models");
        Assert.Equal(0, exit);
        Assert.Contains("integer ≥ 2 ≤ 20", text); // kgmm k
        Assert.Contains("≥ 2k and ≤ ⌊(2³¹ − 1)/k⌋ (715827882 at k = 3)", text); // kgmm d
        Assert.Contains("the memory limit 1.0 GB (THEORYCHECK_MEMORY_LIMIT", text);
        Assert.Contains("the work budget 1E+10 SGD element-updates (the default", text);
        // The documented d limit is the real one: ⌊(2³¹ − 1)/3⌋ passes validation (then the memory estimate refuses it), one more does not.
        Assert.Contains("of memory", Refused("sgd", "kgmm", "--d", "715827882", "--seed", "1", "--t-end", "0", "--t-step", "1"));
        Assert.Contains("≤ ⌊(2³¹ − 1)/k⌋ = 715827882 at k = 3", Refused("sgd", "kgmm", "--d", "715827883", "--seed", "1", "--t-end", "0", "--t-step", "1"));
    }
}
