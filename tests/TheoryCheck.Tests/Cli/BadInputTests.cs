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
    public void Bad_input_gives_one_line_and_exit_2(params string[] args)
    {
        var (exit, output, error) = CliRunner.Run(args);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        string[] lines = error.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("theorycheck: error: ", lines[0]);
    }

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
        foreach (string verb in new[] { "models", "claims", "ode", "sgd", "spectrum" })
        {
            var (exit, output, _) = CliRunner.Run(verb, "--help");
            Assert.Equal(0, exit);
            Assert.Contains("Usage:", output);
        }
    }
}
