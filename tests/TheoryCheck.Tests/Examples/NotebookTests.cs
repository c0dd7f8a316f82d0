using System.Diagnostics;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Golden;
using TheoryCheck.Tests.Support;

namespace TheoryCheck.Tests.Examples;

/// <summary>
/// examples/notebook/theorycheck.ipynb runs headless in the .NET Interactive C# kernel (nbclient, through
/// examples/notebook/execute.py): every cell without error, the ODE and SGD print a completed status, the figure is an
/// inline PNG, and the claim it runs (kgmm.corrector at the test profile) prints its verdict "holds".
/// </summary>
public sealed class NotebookTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "tc-notebook-" + Guid.NewGuid().ToString("N") + ".ipynb");

    public void Dispose()
    {
        if (File.Exists(_output)) File.Delete(_output);
    }

    [NotebookFact]
    public void The_notebook_executes_headless()
    {
        string root = RepositoryRoot.TryFind(AppContext.BaseDirectory) ?? throw new InvalidOperationException("repository root not found");
        string notebook = Path.Combine(root, "examples", "notebook", "theorycheck.ipynb");
        var start = new ProcessStartInfo(NotebookFactAttribute.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(notebook)!,
        };
        start.ArgumentList.Add(Path.Combine(root, "examples", "notebook", "execute.py"));
        start.ArgumentList.Add(notebook);
        start.ArgumentList.Add(_output);
        // /usr/bin first: the kernel is started as "dotnet interactive …" and Jupyter must be Debian's
        start.Environment["PATH"] = "/usr/bin:" + Environment.GetEnvironmentVariable("PATH");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(900_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the notebook did not finish in 15 minutes");
        }
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {stderr.Result}\n{stdout.Result}");

        var cells = JsonNode.Parse(File.ReadAllText(_output))!["cells"]!.AsArray().Where(c => c!["cell_type"]!.GetValue<string>() == "code").ToList();
        var outputs = cells.SelectMany(c => c!["outputs"]!.AsArray()).ToList();
        Assert.DoesNotContain(outputs, o => o!["output_type"]!.GetValue<string>() == "error");
        string text = string.Concat(outputs.Where(o => o!["output_type"]!.GetValue<string>() == "stream").Select(o => Text(o!["text"])));
        Assert.Contains("status: completed", text);
        Assert.Contains("seed 4: completed", text);
        Assert.Contains("verdict: holds", text);
        Assert.Contains(outputs, o => o!["data"]?["text/html"] is JsonNode html && Text(html).Contains("data:image/png;base64,iVBORw0KGgo", StringComparison.Ordinal));
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue value => value.GetValue<string>(),
        _ => "",
    };
}
