using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Store;

namespace TheoryCheck.Tests.Cli;

/// <summary>
/// The same seed gives bit-identical numbers whatever the thread count (docs/design-notes.md §9): <c>run</c> of the
/// tracking claim kgmm.ode-tracking at 1, 2 and 3 threads writes the same result.json (timings aside), and every
/// (d, seed) run it stored is, number for number, what <c>sgd</c> prints for that d and seed on one thread; and the SGD
/// statistics m, R, R⊥ are the same bits on the AVX-512, AVX2 and scalar paths (the loss and the theory, computed with
/// vectorised library functions, may differ in the last bit between SIMD widths: not asserted).
/// </summary>
public sealed class DeterminismTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tc-determinism-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private string RunAt(int threads)
    {
        string directory = Path.Combine(_root, $"threads{threads}");
        var (exit, _, error) = CliRunner.RunWith(HostileInputTests.Defaults, "run", "kgmm.ode-tracking", "--profile", "test", "--set", "T=2",
            "--threads", threads.ToString(CultureInfo.InvariantCulture), "--out", directory, "--progress", "none");
        Assert.True(exit is 0 or 1, error);
        return directory;
    }

    /// <summary><c>theorycheck ARGS</c> in a child process with <paramref name="variables"/> set (to force a SIMD path).</summary>
    private static JsonObject Child(IReadOnlyDictionary<string, string> variables, params string[] args)
    {
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "theorycheck.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["THEORYCHECK_MEMORY_LIMIT"] = "1GB";
        foreach (var (name, value) in variables) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "the child did not finish in 60 s");
        Assert.True(process.ExitCode == 0, stderr.Result);
        return JsonNode.Parse(stdout.Result)!.AsObject();
    }

    [Fact]
    public void Sgd_statistics_are_the_same_bits_on_every_simd_path()
    {
        string[] run = ["sgd", "kgmm", "--set", "k=4", "--d", "300", "--seed", "11", "--t-end", "3", "--t-step", "1"];
        var best = Child(new Dictionary<string, string>(), run);
        var paths = new[]
        {
            Child(new Dictionary<string, string> { ["DOTNET_EnableAVX512"] = "0" }, run),
            Child(new Dictionary<string, string> { ["DOTNET_EnableHWIntrinsic"] = "0" }, run),
        };
        Assert.Contains("Scalar", paths[1]["diagnostics"]!["simd_path"]!.GetValue<string>());
        foreach (var other in paths)
            foreach (var (name, values) in best["observables"]!.AsObject())
            {
                if (!(name.StartsWith("m[", StringComparison.Ordinal) || name.StartsWith("R", StringComparison.Ordinal))) continue;
                Assert.Equal(values!.ToJsonString(), other["observables"]![name]!.ToJsonString());
            }
    }

    private static string Reproducible(string directory)
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "kgmm.ode-tracking", "result.json")))!.AsObject();
        document.Remove("timings");
        return document.ToJsonString();
    }

    [Fact]
    public void A_tracking_claim_gives_the_same_bits_at_any_thread_count_and_its_runs_are_the_sgd_command()
    {
        string one = RunAt(1), two = RunAt(2), three = RunAt(3);
        string expected = Reproducible(one);
        Assert.Equal(expected, Reproducible(two));
        Assert.Equal(expected, Reproducible(three));

        // Every stored (d, seed) run of the 3-thread run equals `sgd` at that d and seed (one run, one thread).
        var cells = Directory.EnumerateFiles(Path.Combine(three, ResultStore.FolderName, "cells"), "*.json", SearchOption.AllDirectories)
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject())
            .Where(c => c["key"]!["kind"]!.GetValue<string>() == "tracking-run")
            .ToList();
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(three, "kgmm.ode-tracking", "result.json")))!;
        Assert.Equal(result["seeds"]!.AsArray().Count, cells.Count); // every (d, seed) run of the claim is a cell
        foreach (var cell in cells)
        {
            var stored = TrajectoryJson.Read(cell["value"]!.AsObject());
            ulong seed = unchecked((ulong)stored.Seed!.Value);
            var (exit, output, error) = CliRunner.RunWith(HostileInputTests.Defaults, "sgd", "kgmm", "--engine", stored.SimulationEngine!, "--set", "lambda=3", "--set", "beta=0.1",
                "--d", stored.Dimension!.Value.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture),
                "--t-end", "2", "--t-step", "0.5");
            Assert.True(exit == 0, error);
            var printed = JsonNode.Parse(output)!["observables"]!.AsObject();
            foreach (var (name, values) in stored.Observables)
            {
                var again = printed[name]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
                Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), again.Select(BitConverter.DoubleToInt64Bits));
            }
        }
    }
}
