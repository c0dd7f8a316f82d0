namespace TheoryCheck.Tests.Cli;

/// <summary>Bad input: one clear line on stderr, exit code 2, nothing written (design.md, "Command line").</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("frobnicate")]
    [InlineData("ode")]
    [InlineData("ode", "no-such-model", "--t-end", "1", "--t-step", "0.5")]
    [InlineData("sgd", "no-such-model", "--d", "10", "--seed", "1", "--t-end", "1", "--t-step", "0.5")]
    [InlineData("models", "--format", "xml")]
    [InlineData("sgd", "x", "--d", "ten", "--seed", "1", "--t-end", "1", "--t-step", "1")]
    public void Bad_input_gives_one_line_and_exit_2(params string[] args) => CliRunner.AssertBadInput(args);

    [Fact]
    public void Bad_input_with_an_output_file_writes_nothing()
    {
        string directory = Path.Combine(Path.GetTempPath(), "tc-cli-" + Guid.NewGuid().ToString("N"));
        string file = Path.Combine(directory, "out.json");
        var (exit, _, _) = CliRunner.Run("ode", "no-such-model", "--t-end", "1", "--t-step", "0.5", "--output", file);
        Assert.Equal(2, exit);
        Assert.False(File.Exists(file));
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void Version_and_help_exit_0()
    {
        Assert.Equal(0, CliRunner.Run("--version").Exit);
        foreach (string verb in new[] { "models", "claims", "ode", "sgd", "spectrum", "run", "golden" })
        {
            var (exit, output, _) = CliRunner.Run(verb, "--help");
            Assert.Equal(0, exit);
            Assert.Contains("Usage:", output);
        }
    }
}

/// <summary>Bad input to <c>run</c> is rejected before any claim runs, and nothing is written.</summary>
public sealed class RunBadInputTests
{
    [Fact]
    public void Run_refuses_a_non_report_directory_and_leaves_it_alone()
    {
        string directory = Path.Combine(Path.GetTempPath(), "tc-run-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "thesis.tex"), "precious");
        try
        {
            var (exit, output, error) = CliRunner.Run("run", "--all", "--profile", "test", "--out", directory);
            Assert.Equal(2, exit);
            Assert.Equal("", output);
            Assert.Contains("not a TheoryCheck report", error);
            Assert.Equal(["thesis.tex"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run", "no.such-claim")]
    [InlineData("run", "--all", "--threads", "0")]
    [InlineData("run", "--all", "--profile", "huge")]
    [InlineData("golden", "verify", "no.such-claim")]
    [InlineData("golden", "verify", "--all", "quadratic.switch")]
    [InlineData("golden", "update", "--all", "--threads", "0")]
    public void Run_bad_arguments_exit_2(params string[] args) => CliRunner.AssertBadInput(args);
}
