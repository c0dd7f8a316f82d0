using System.CommandLine;
using TheoryCheck.Cli.Common;

namespace TheoryCheck.Cli.Commands;

/// <summary><c>theorycheck ode MODEL</c>: the theory side (limiting ODE or exact recursion) on a time grid.</summary>
public static class OdeCommand
{
    public static Command Create(CliIO io)
    {
        var model = new ModelOptions();
        var grid = new GridOptions();
        var output = new OutputOptions("json", "csv");
        var command = new Command("ode", "Solve the model's theory side (limiting ODE / exact recursion) and print observables on a time grid.");
        model.AddTo(command);
        grid.AddTo(command);
        output.AddTo(command);
        command.SetAction(result =>
        {
            var (binding, parameters) = model.Resolve(result);
            var times = grid.Resolve(result);
            return TrajectoryOutput.Emit(result, io, output, binding.SolveTheory(parameters, times));
        });
        return command;
    }
}
