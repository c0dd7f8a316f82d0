using System.CommandLine;
using TheoryCheck.Cli.Common;
using TheoryCheck.Comparison.Catalog;

namespace TheoryCheck.Cli.Commands;

/// <summary><c>theorycheck sgd MODEL --d D --seed N [--engine E]</c>: one finite-d online SGD run on a time grid.</summary>
public static class SgdCommand
{
    public static Command Create(CliIO io)
    {
        var model = new ModelOptions(dimension: true, seed: true);
        var grid = new GridOptions();
        var output = new OutputOptions("json", "csv");
        var budget = ResourceLimits.CreateOption();
        var engine = new Option<string?>("--engine") { Description = "Simulation engine (see 'theorycheck models'; default: the model's first).", HelpName = "NAME" };
        var command = new Command("sgd", "Run online SGD at finite dimension d and print the same observables as 'ode'.");
        model.AddTo(command);
        command.Options.Add(engine);
        grid.AddTo(command);
        output.AddTo(command);
        command.Options.Add(budget);
        command.SetAction(result =>
        {
            var (binding, parameters) = model.Resolve(result);
            long d = SimulationPoint.Dimension(parameters);
            SimulationPoint.Seed(parameters);
            string engineName = result.GetValue(engine) ?? binding.Engines[0];
            if (!binding.Engines.Contains(engineName))
                throw new Models.InputException($"model '{binding.Descriptor.Id}' has no engine '{engineName}' (engines: {string.Join(", ", binding.Engines)})");
            var times = grid.Resolve(result, binding, parameters);
            ResourceLimits.Resolve(result, budget, io).Check(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sgd {binding.Descriptor.Id} at d = {d} to t = {times.End:G}"),
                binding.EstimateSimulation(parameters, engineName, times));
            output.Check(result);
            using var progress = new StderrProgress(io, $"sgd {binding.Descriptor.Id} d={d}");
            var trajectory = binding.Simulate(parameters, engineName, times, progress);
            progress.Dispose();
            return TrajectoryOutput.Emit(result, io, output, trajectory);
        });
        return command;
    }
}
