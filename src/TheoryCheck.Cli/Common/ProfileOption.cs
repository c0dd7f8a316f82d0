using System.CommandLine;
using TheoryCheck.Comparison.Claims;

namespace TheoryCheck.Cli.Common;

/// <summary><c>--profile quick|full|test</c> (claims.md §0).</summary>
public static class ProfileOption
{
    public static Option<string> Create(string defaultName)
    {
        var option = new Option<string>("--profile")
        {
            Description = "Parameter profile: quick (the README run), full (real sweeps), test (the small profile of the test suite).",
            DefaultValueFactory = _ => defaultName,
        };
        option.AcceptOnlyFromAmong("quick", "full", "test");
        return option;
    }

    public static Profile Parse(string name) => name switch
    {
        "quick" => Profile.Quick,
        "full" => Profile.Full,
        "test" => Profile.Test,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
