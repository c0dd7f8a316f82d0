using System.CommandLine;
using TheoryCheck.Cli.Common;
using TheoryCheck.Models;

namespace TheoryCheck.Cli.Commands;

/// <summary>
/// <c>theorycheck ode MODEL</c>: the theory side (limiting ODE or exact recursion) on a time grid. A model whose theory
/// is computed at finite d (quadratic, cws) takes <c>--d</c>; a d → ∞ limit (kgmm) refuses it. No seed.
/// </summary>
public static class OdeCommand
{
    public static Command Create(CliIO io)
    {
        var model = new ModelOptions(dimension: true, seed: false);
        var grid = new GridOptions();
        var output = new OutputOptions("json", "csv");
        var budget = ResourceLimits.CreateOption();
        var command = new Command("ode", "Solve the model's theory side (limiting ODE / exact recursion) and print observables on a time grid.");
        model.AddTo(command);
        grid.AddTo(command);
        output.AddTo(command);
        command.Options.Add(budget);
        command.SetAction(result =>
        {
            var (binding, parameters) = model.Resolve(result);
            string id = binding.Descriptor.Id;
            if (parameters.IsExplicit("seed")) throw new InputException($"ode takes no seed (the theory of '{id}' is deterministic): drop seed");
            if (!binding.TheoryUsesDimension && parameters.IsExplicit("d"))
                throw new InputException($"the theory of '{id}' is the d → ∞ limit and takes no d: drop --d / --set d=");
            var times = grid.Resolve(result, binding, parameters);
            var limits = ResourceLimits.Resolve(result, budget, io);
            limits.Check($"ode {id} to t = {times.End.ToString("G", System.Globalization.CultureInfo.InvariantCulture)}", binding.EstimateTheory(parameters, times));
            output.Check(result);
            return TrajectoryOutput.Emit(result, io, output, binding.SolveTheoryWithin(parameters, times, limits.Work));
        });
        return command;
    }
}
