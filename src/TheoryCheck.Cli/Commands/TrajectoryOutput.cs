using System.CommandLine;
using TheoryCheck.Cli.Common;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Cli.Commands;

/// <summary>Prints a trajectory in the chosen format; a run that stopped early (diverged, step budget) or has a numerical fault is reported on stderr with where, exit 1.</summary>
internal static class TrajectoryOutput
{
    public static int Emit(ParseResult result, CliIO io, OutputOptions output, Trajectory trajectory)
    {
        string text = result.GetValue(output.Format) == "csv"
            ? trajectory.ToCsv()
            : trajectory.ToJson().ToJsonString(CliJson.Indented) + "\n";
        output.Emit(result, io, text);
        if (trajectory.Status.Diverged) io.Error.WriteLine($"theorycheck: {trajectory.Engine} run {trajectory.Status}");
        foreach (var fault in trajectory.Faults) io.Error.WriteLine($"theorycheck: fault: {fault}");
        return trajectory.Status.Diverged || trajectory.Faults.Count > 0 ? 1 : 0;
    }
}
