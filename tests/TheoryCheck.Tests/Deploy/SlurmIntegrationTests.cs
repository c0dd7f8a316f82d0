using System.Diagnostics;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Golden;
using TheoryCheck.Tests.Cli;
using TheoryCheck.Tests.Comparison;
using TheoryCheck.Tests.Support;
using Xunit.Abstractions;

namespace TheoryCheck.Tests.Deploy;

/// <summary>
/// deploy/slurm/submit.sh on a real one-node Slurm cluster on localhost: a 4-task job array and its merge job compute
/// three claims at the test profile, and the merged report's result.json files equal a single-machine run's (timings and
/// commit aside). Skipped, with the reason, where Slurm cannot be installed or run (see <see cref="SlurmFactAttribute"/>).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SlurmIntegrationTests(ITestOutputHelper output)
{
    private const int Shards = 4;

    /// <summary>A claim whose cells are spread over the shards (kgmm.ode-tracking) and two computed whole by one shard each.</summary>
    private static readonly string[] Claims = ["kgmm.ode-tracking", "kgmm.corrector", "quadratic.switch"];

    [SlurmFact]
    public void A_job_array_and_its_merge_job_report_what_one_machine_reports()
    {
        var clock = Stopwatch.StartNew();
        using var temp = new TemporaryDirectory();
        using var cluster = LocalSlurmCluster.Start(Path.Combine(temp.Path, "cluster"));
        output.WriteLine($"cluster up in {clock.Elapsed.TotalSeconds:F1} s (node {cluster.NodeName}, {cluster.ConfigPath})");

        // The jobs find 'theorycheck' on PATH: a wrapper around the CLI built beside this test assembly.
        string bin = Directory.CreateDirectory(Path.Combine(temp.Path, "bin")).FullName;
        WriteCliWrapper(Path.Combine(bin, "theorycheck"));
        string runDirectory = Path.Combine(temp.Path, "slurm run");   // a space: the scripts must quote
        var environment = cluster.Environment;
        environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        string submitScript = Path.Combine(RepositoryRoot.Find(AppContext.BaseDirectory), "deploy", "slurm", "submit.sh");
        var submit = ProcessRunner.Run("bash",
            [submitScript, "--shards", $"{Shards}", "--out", runDirectory, "--cpus", "1", "--", .. Claims, "--profile", "test"], environment);
        Assert.True(submit.Exit == 0, $"submit.sh failed: {submit}");
        string mergeJob = submit.Out.TrimEnd('\n').Split('\n')[^1];
        Assert.Matches("^[0-9]+$", mergeJob);
        output.WriteLine(submit.Out);

        // Meanwhile, the single-machine run of the same request.
        string reference = Path.Combine(temp.Path, "reference");
        var local = CliRunner.Run(["run", .. Claims, "--profile", "test", "--out", reference, "--progress", "none"]);
        Assert.True(local.Exit == 0, $"the single-machine run failed (exit {local.Exit}):\n{local.Out}{local.Error}");
        output.WriteLine($"single-machine run done at {clock.Elapsed.TotalSeconds:F1} s");

        string state = cluster.WaitForJob(mergeJob, TimeSpan.FromMinutes(3));
        output.WriteLine($"merge job {mergeJob} {state} at {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(state == "COMPLETED", $"merge job {mergeJob} ended {state}\n{Logs(runDirectory)}{cluster.Diagnostics()}");

        // Every task ran its own shard, and the merge computed nothing: the shards did all the work.
        for (int i = 0; i < Shards; i++)
            Assert.Contains($"run shard {i}/{Shards}:", File.ReadAllText(Path.Combine(runDirectory, "logs", $"shard-{i}.log")));
        string mergeLog = File.ReadAllText(Path.Combine(runDirectory, "logs", "merge.log"));
        Assert.Contains(", 0 cells computed", mergeLog);
        Assert.Contains($"{Claims.Length} of {Claims.Length} claims hold", mergeLog);

        string report = Path.Combine(runDirectory, "report");
        Assert.Equal(ClaimsIn(reference), ClaimsIn(report));
        Assert.Equal(Claims.Order(StringComparer.Ordinal), ClaimsIn(report));
        foreach (string claim in Claims)
        {
            var expected = Comparable(Path.Combine(reference, claim, "result.json"));
            var actual = Comparable(Path.Combine(report, claim, "result.json"));
            if (!JsonNode.DeepEquals(expected, actual))
                Assert.Equal(expected.ToJsonString(Indented), actual.ToJsonString(Indented));   // shows where they differ
        }
        output.WriteLine($"compared {Claims.Length} result.json files; total {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A result.json without what differs between runs of the same request: timings and the commit.</summary>
    private static JsonObject Comparable(string path)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        json.Remove("timings");
        json.Remove("git_commit");
        return json;
    }

    private static List<string> ClaimsIn(string report) =>
        Directory.GetDirectories(report).Where(d => File.Exists(Path.Combine(d, "result.json"))).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    private static string Logs(string runDirectory)
    {
        string logs = Path.Combine(runDirectory, "logs");
        if (!Directory.Exists(logs)) return "(no logs folder)\n";
        return string.Concat(Directory.GetFiles(logs).Order(StringComparer.Ordinal).Select(f => $"--- {f}\n{File.ReadAllText(f)}"));
    }

    /// <summary>A shell script running the CLI built beside this assembly with the dotnet host running the tests.</summary>
    internal static void WriteCliWrapper(string path)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "theorycheck.dll");
        Assert.True(File.Exists(cli), $"the CLI is not built beside the tests: {cli}");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
            : ProcessRunner.Find("dotnet") ?? throw new InvalidOperationException("no dotnet host (DOTNET_HOST_PATH or dotnet on PATH)");
        File.WriteAllText(path, $"#!/bin/sh\nexec {Quote(dotnet)} {Quote(cli)} \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                   UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
