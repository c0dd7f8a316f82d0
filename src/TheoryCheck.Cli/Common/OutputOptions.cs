using System.CommandLine;
using TheoryCheck.Models;

namespace TheoryCheck.Cli.Common;

/// <summary><c>--format …</c> and <c>--output FILE</c> (default stdout; see <see cref="AtomicFile"/> for how files are written).</summary>
public sealed class OutputOptions
{
    public OutputOptions(params string[] formats)
    {
        Format = new Option<string>("--format")
        {
            Description = $"Output format: {string.Join(" | ", formats)}.",
            DefaultValueFactory = _ => formats[0],
        };
        Format.AcceptOnlyFromAmong(formats);
    }

    public Option<string> Format { get; }

    public Option<string?> Output { get; } = new("--output", "-o")
    {
        Description = "Write to FILE instead of stdout (a regular file atomically; links are written through; devices directly).",
        HelpName = "FILE",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        command.Options.Add(Output);
    }

    /// <summary>Checks the destination before any work (exit 2 with one line when it cannot receive output).</summary>
    public void Check(ParseResult result)
    {
        if (result.GetResult(Output) is not null && AtomicFile.Problem(result.GetValue(Output) ?? "") is string problem)
            throw new InputException($"--output: {problem}");
    }

    /// <summary>Writes <paramref name="text"/> to the chosen destination.</summary>
    public void Emit(ParseResult result, CliIO io, string text)
    {
        if (result.GetResult(Output) is not null) AtomicFile.WriteAllText(result.GetValue(Output) ?? "", text);
        else io.Out.Write(text);
    }
}
