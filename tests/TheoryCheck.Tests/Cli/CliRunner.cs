using TheoryCheck.Cli;
using TheoryCheck.Cli.Common;

namespace TheoryCheck.Tests.Cli;

/// <summary>Runs the command line in-process and captures stdout, stderr and the exit code.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = CliApp.Run(args, new CliIO(output, error, ErrorIsTerminal: false));
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The bad-input contract (design.md, "Command line"): exit 2, nothing on stdout, one "theorycheck: error:" line on stderr.</summary>
    public static void AssertBadInput(params string[] args)
    {
        var (exit, output, error) = Run(args);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        string[] lines = error.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("theorycheck: error: ", lines[0]);
    }
}
