using System.CommandLine;
using TheoryCheck.Cli.Common;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Cli.Commands;

/// <summary>Prints a trajectory in the chosen format; a diverged run is reported on stderr with where, exit 1.</summary>
internal static class TrajectoryOutput
{
    public static int Emit(ParseResult result, CliIO io, OutputOptions output, Trajectory trajectory)
    {
        string text = result.GetValue(output.Format) == "csv"
            ? trajectory.ToCsv()
            : trajectory.ToJson().ToJsonString(CliJson.Indented) + "\n";
        output.Emit(result, io, text);
        if (!trajectory.Status.Diverged) return 0;
        io.Error.WriteLine($"theorycheck: {trajectory.Engine} run {trajectory.Status}");
        return 1;
    }
}
