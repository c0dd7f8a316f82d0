using TheoryCheck.Cli;
using TheoryCheck.Cli.Common;

namespace TheoryCheck.Tests.Cli;

/// <summary>Runs the command line in-process and captures stdout, stderr and the exit code.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Error) Run(params string[] args) => RunWith(null, args);

    /// <summary>Runs with <paramref name="environment"/> as the environment the commands read (null: the process's).</summary>
    public static (int Exit, string Out, string Error) RunWith(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = CliApp.Run(args, new CliIO(output, error, ErrorIsTerminal: false) { Environment = environment });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The bad-input contract (design.md, "Command line"): exit 2, nothing on stdout, one "theorycheck: error:" line on stderr.</summary>
    public static void AssertBadInput(params string[] args) => AssertBadInputWith(null, args);

    /// <summary><see cref="AssertBadInput"/> with <paramref name="environment"/>; returns the error line.</summary>
    public static string AssertBadInputWith(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var (exit, output, error) = RunWith(environment, args);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        string[] lines = error.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("theorycheck: error: ", lines[0]);
        return lines[0];
    }
}
