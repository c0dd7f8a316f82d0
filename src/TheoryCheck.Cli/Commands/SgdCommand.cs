using System.CommandLine;
using TheoryCheck.Cli.Common;
using TheoryCheck.Models;

namespace TheoryCheck.Cli.Commands;

/// <summary><c>theorycheck sgd MODEL --d D --seed N</c>: one finite-d online SGD run on a time grid.</summary>
public static class SgdCommand
{
    public static Command Create(CliIO io)
    {
        var model = new ModelOptions();
        var grid = new GridOptions();
        var output = new OutputOptions("json", "csv");
        var dimension = new Option<int>("--d") { Description = "Data dimension d.", Required = true, HelpName = "D" };
        var seed = new Option<ulong>("--seed") { Description = "Random seed (64-bit, non-negative).", Required = true, HelpName = "N" };
        var command = new Command("sgd", "Run online SGD at finite dimension d and print the same observables as 'ode'.");
        model.AddTo(command);
        command.Options.Add(dimension);
        command.Options.Add(seed);
        grid.AddTo(command);
        output.AddTo(command);
        command.SetAction(result =>
        {
            var (binding, parameters) = model.Resolve(result);
            int d = result.GetValue(dimension);
            if (d < 1) throw new InputException($"--d must be ≥ 1 (got {d})");
            var times = grid.Resolve(result);
            using var progress = new StderrProgress(io, $"sgd {binding.Descriptor.Id} d={d}");
            var trajectory = binding.Simulate(parameters, d, result.GetValue(seed), times, progress);
            progress.Dispose();
            return TrajectoryOutput.Emit(result, io, output, trajectory);
        });
        return command;
    }
}
