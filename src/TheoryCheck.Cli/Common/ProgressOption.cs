using System.CommandLine;
using TheoryCheck.Models;

namespace TheoryCheck.Cli.Common;

/// <summary><c>--progress auto|plain|none</c>.</summary>
public static class ProgressOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--progress")
        {
            Description = "Progress on stderr: auto (in place on a terminal, timestamped lines otherwise), plain (timestamped lines), none.",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "plain", "none");
        return option;
    }

    public static ProgressMode Parse(string name) => name switch
    {
        "auto" => ProgressMode.Auto,
        "plain" => ProgressMode.Plain,
        "none" => ProgressMode.None,
        _ => throw new InputException($"--progress must be auto, plain or none (got '{name}')"),
    };
}
