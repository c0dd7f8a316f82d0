using System.Diagnostics;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Golden;

namespace TheoryCheck.Tests.Examples;

/// <summary>
/// The example model of examples/online-least-squares (a researcher's own model written only against the public API,
/// run as a .NET 10 file-based app, <c>dotnet run -c Release ols.cs -- ...</c>) gets the whole command line: its
/// <c>ode</c> is the closed form derived in its README, its claim holds at the test profile and its negative control
/// (the Itô term dropped) is detected. One test, because the first <c>dotnet run</c> compiles the app (about a minute).
/// </summary>
public sealed class OnlineLeastSquaresExampleTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tc-ols-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static (int Exit, string Output, string Error) RunExample(params string[] args)
    {
        string root = RepositoryRoot.TryFind(AppContext.BaseDirectory) ?? throw new InvalidOperationException("repository root not found");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (string a in (string[])["run", "-c", "Release", "examples/online-least-squares/ols.cs", "--", .. args]) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(900_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the example did not finish in 15 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void The_example_model_runs_through_the_public_api()
    {
        // ode: q(t) = q* + (q₀ − q*)e^{−(2γ − γ²)t}, q* = γσ²/(2 − γ) (examples/online-least-squares/README.md), at the
        // defaults γ = 0.5, σ² = 0.25, q₀ = 1: rate 0.75, q* = 1/12.
        var (exit, output, error) = RunExample("ode", "ols", "--t-end", "2", "--t-step", "1");
        Assert.True(exit == 0, error);
        var q = JsonNode.Parse(output)!["observables"]!["q"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(3, q.Length);
        for (int t = 0; t <= 2; t++)
            Assert.Equal(1.0 / 12 + 11.0 / 12 * Math.Exp(-0.75 * t), q[t], 1e-12);

        // the claim holds at the test profile (d = 50 … 3200, 8 seeds: exponent's CI contains −1/2)
        string holds = Path.Combine(_root, "holds");
        (exit, _, error) = RunExample("run", "ols.tracking", "--profile", "test", "--progress", "none", "--out", holds);
        Assert.True(exit == 0, error);
        var result = JsonNode.Parse(File.ReadAllText(Path.Combine(holds, "ols.tracking", "result.json")))!;
        Assert.Equal("holds", result["verdict"]!.GetValue<string>());

        // the negative control (rate 2γ instead of 2γ − γ²) is detected: the claim does not hold under it
        string control = Path.Combine(_root, "control");
        (exit, _, error) = RunExample("run", "ols.tracking", "--profile", "test", "--negative-control", "--progress", "none", "--out", control);
        Assert.True(exit == 0, error);
        result = JsonNode.Parse(File.ReadAllText(Path.Combine(control, "ols.tracking", "result.json")))!;
        Assert.NotEqual("holds", result["verdict"]!.GetValue<string>());
    }
}
