using System.Globalization;
using System.Text.Json.Nodes;

namespace TheoryCheck.Tests.Cli;

/// <summary>
/// <c>sgd MODEL --seeds A..B</c>: the summary per observable and time equals the statistics of the single runs
/// (<c>sgd --seed s</c> for each s, computed here independently: mean, sd with n − 1, se = sd/√n, type-7 quantiles), the
/// output is the same bytes for 1 and 3 threads, and bad ranges are one line, exit 2.
/// </summary>
public sealed class SgdEnsembleTests
{
    private static string Run(params string[] args)
    {
        var (exit, output, error) = CliRunner.RunWith(HostileInputTests.Defaults, args);
        Assert.True(exit == 0, $"{string.Join(' ', args)}: exit {exit}: {error}");
        return output;
    }

    /// <summary>Type-7 quantile (R's default, numpy's "linear"): h = (n − 1)p, x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋).</summary>
    private static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int j = (int)Math.Floor(h);
        return j + 1 < sorted.Length ? sorted[j] + (h - j) * (sorted[j + 1] - sorted[j]) : sorted[j];
    }

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-13 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData("kgmm", "full")]
    [InlineData("kgmm", "subspace")]
    [InlineData("quadratic", "full")]
    public void The_summary_is_the_statistics_of_the_single_runs(string model, string engine)
    {
        string[] grid = model == "quadratic" ? ["--t-end", "20", "--t-step", "10"] : ["--t-end", "1", "--t-step", "0.5"];
        const int first = 3, last = 9;
        var ensemble = JsonNode.Parse(Run(["sgd", model, "--d", "60", "--engine", engine, "--seeds", $"{first}..{last}", .. grid]))!;
        var runs = Enumerable.Range(first, last - first + 1)
            .Select(s => JsonNode.Parse(Run(["sgd", model, "--d", "60", "--engine", engine, "--seed", s.ToString(CultureInfo.InvariantCulture), .. grid]))!)
            .ToList();
        Assert.Equal(Enumerable.Range(first, last - first + 1).Select(s => (ulong)s), ensemble["seeds"]!.AsArray().Select(s => s!.GetValue<ulong>()));
        Assert.Equal(runs[0]["t"]!.ToJsonString(), ensemble["t"]!.ToJsonString());
        var observables = ensemble["observables"]!.AsObject();
        Assert.Equal(runs[0]["observables"]!.AsObject().Select(p => p.Key), observables.Select(p => p.Key));
        foreach (var (name, summary) in observables)
        {
            for (int i = 0; i < ensemble["t"]!.AsArray().Count; i++)
            {
                double[] x = runs.Select(r => r["observables"]![name]![i]!.GetValue<double>()).Order().ToArray();
                int n = x.Length;
                double mean = x.Sum() / n;
                double sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (n - 1));
                Assert.Equal(n, summary!["n"]![i]!.GetValue<int>());
                Close(mean, summary["mean"]![i]!.GetValue<double>(), $"{name} mean at {i}");
                if (sd == 0) continue; // a constant (e.g. at t = 0 for every seed): the ensemble's sd is 0 too
                Close(sd, summary["sd"]![i]!.GetValue<double>(), $"{name} sd at {i}");
                Close(sd / Math.Sqrt(n), summary["se"]![i]!.GetValue<double>(), $"{name} se at {i}");
                Close(Quantile(x, 0.05), summary["q05"]![i]!.GetValue<double>(), $"{name} q05 at {i}");
                Close(Quantile(x, 0.5), summary["q50"]![i]!.GetValue<double>(), $"{name} q50 at {i}");
                Close(Quantile(x, 0.95), summary["q95"]![i]!.GetValue<double>(), $"{name} q95 at {i}");
            }
        }
    }

    [Theory]
    [InlineData("json")]
    [InlineData("csv")]
    public void The_output_is_the_same_bytes_for_any_thread_count(string format)
    {
        string[] run = ["sgd", "kgmm", "--d", "80", "--seeds", "1..12", "--t-end", "2", "--t-step", "0.5", "--format", format];
        string one = Run([.. run, "--threads", "1"]);
        Assert.Equal(one, Run([.. run, "--threads", "3"]));
        Assert.Equal(one, Run([.. run, "--threads", "12"]));
    }

    [Fact]
    public void The_csv_has_a_header_comment_and_parses_back_to_the_json_numbers()
    {
        string[] run = ["sgd", "cws", "--d", "60", "--seeds", "1..5", "--t-end", "0.4", "--t-step", "0.2"];
        var json = JsonNode.Parse(Run(run))!;
        var lines = Run([.. run, "--format", "csv"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("# model=cws, engine=sgd, sgd_engine=full, d=60, seeds=1..5 (5 runs), parameters: {", lines[0]);
        Assert.StartsWith("#", lines[1]);
        var header = lines[2].Split(',');
        Assert.Equal("t", header[0]);
        string name = json["observables"]!.AsObject().First().Key;
        int column = Array.IndexOf(header, name + ":mean");
        Assert.True(column > 0, lines[2]);
        for (int i = 0; i < 3; i++)
        {
            var row = lines[3 + i].Split(',');
            Assert.Equal(json["t"]![i]!.GetValue<double>(), double.Parse(row[0], CultureInfo.InvariantCulture));
            Assert.Equal(json["observables"]![name]!["mean"]![i]!.GetValue<double>(), double.Parse(row[column], CultureInfo.InvariantCulture));
            Assert.Equal(json["observables"]![name]!["q95"]![i]!.GetValue<double>(), double.Parse(row[column + 5], CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("--seeds", "5..3")]
    [InlineData("--seeds", "4..4")]
    [InlineData("--seeds", "1-32")]
    [InlineData("--seeds", "a..b")]
    [InlineData("--seeds", "-1..3")]
    [InlineData("--seeds", "1..18446744073709551616")]
    [InlineData("--seeds", "0..100000")]
    [InlineData("--threads", "0")]
    public void A_bad_range_is_one_line_and_exit_2(string option, string value)
    {
        string[] args = option == "--threads"
            ? ["sgd", "kgmm", "--d", "50", "--seeds", "1..3", "--threads", value, "--t-end", "1", "--t-step", "1"]
            : ["sgd", "kgmm", "--d", "50", option, value, "--t-end", "1", "--t-step", "1"];
        Assert.Contains(option, CliRunner.AssertBadInputWith(HostileInputTests.Defaults, args));
    }

    [Fact]
    public void Seed_and_seeds_together_are_refused()
    {
        Assert.Contains("not both", CliRunner.AssertBadInputWith(HostileInputTests.Defaults,
            "sgd", "kgmm", "--d", "50", "--seed", "1", "--seeds", "1..3", "--t-end", "1", "--t-step", "1"));
        Assert.Contains("--threads", CliRunner.AssertBadInputWith(HostileInputTests.Defaults,
            "sgd", "kgmm", "--d", "50", "--seed", "1", "--threads", "2", "--t-end", "1", "--t-step", "1"));
    }
}
