using System.CommandLine;
using TheoryCheck.Models;

namespace TheoryCheck.Cli.Common;

/// <summary><c>--format json|csv</c> and <c>--output FILE</c> (written atomically; default stdout).</summary>
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
        Description = "Write to FILE instead of stdout (atomically: nothing is left half-written).",
        HelpName = "FILE",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        command.Options.Add(Output);
    }

    /// <summary>Writes <paramref name="text"/> to the chosen destination.</summary>
    public void Emit(ParseResult result, CliIO io, string text)
    {
        if (result.GetValue(Output) is string path)
        {
            if (Directory.Exists(path)) throw new InputException($"--output '{path}' is a directory");
            AtomicFile.WriteAllText(path, text);
        }
        else io.Out.Write(text);
    }
}
