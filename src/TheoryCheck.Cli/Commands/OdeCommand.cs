using System.CommandLine;
using TheoryCheck.Cli.Common;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Models;

namespace TheoryCheck.Cli.Commands;

/// <summary>
/// <c>theorycheck ode MODEL</c>: the theory side (limiting ODE or exact recursion) on a time grid. A model whose theory
/// is computed at finite d (quadratic, cws) takes <c>--d</c>; a d → ∞ limit (kgmm) refuses it. No seed. Solver options
/// (<c>--rtol --atol --method --corrector</c>) go to the model as <see cref="TheorySolverSettings"/>; an option its theory
/// does not have (<see cref="IModelBinding.TheorySolver"/>) is refused with the reason, before any work.
/// </summary>
public static class OdeCommand
{
    public static Command Create(CliIO io)
    {
        var model = new ModelOptions(dimension: true, seed: false);
        var grid = new GridOptions();
        var output = new OutputOptions("json", "csv");
        var budget = ResourceLimits.CreateOption();
        var rtol = new Option<string?>("--rtol") { Description = "Relative tolerance of the adaptive integrator, in [1e-14, 1] (default: the model's; see 'theorycheck models').", HelpName = "R" };
        var atol = new Option<string?>("--atol") { Description = "Absolute tolerance of the adaptive integrator, in (0, 1] (default: the model's).", HelpName = "A" };
        var method = new Option<string?>("--method")
        {
            Description = "Integrator: " + string.Join("; ", TheorySolverSettings.MethodNames.Select(m => $"{m.Name} = {m.Meaning}")) + " (default dp54; which ones a model has: 'theorycheck models').",
            HelpName = "NAME",
        };
        var corrector = new Option<string?>("--corrector") { Description = "on | off: the corrector term of the effective ODE (kgmm, xor; default on).", HelpName = "on|off" };
        var command = new Command("ode", "Solve the model's theory side (limiting ODE / exact recursion) and print observables on a time grid.");
        model.AddTo(command);
        grid.AddTo(command);
        output.AddTo(command);
        command.Options.Add(budget);
        foreach (var option in new Option[] { rtol, atol, method, corrector }) command.Options.Add(option);
        command.SetAction(result =>
        {
            var (binding, parameters) = model.Resolve(result);
            string id = binding.Descriptor.Id;
            if (parameters.IsExplicit("seed")) throw new InputException($"ode takes no seed (the theory of '{id}' is deterministic): drop seed");
            if (!binding.TheoryUsesDimension && parameters.IsExplicit("d"))
                throw new InputException($"the theory of '{id}' is the d → ∞ limit and takes no d: drop --d / --set d=");
            var solver = new TheorySolverSettings
            {
                RelativeTolerance = result.GetValue(rtol) is string r ? CliNumbers.ParseReal("--rtol", r) : null,
                AbsoluteTolerance = result.GetValue(atol) is string a ? CliNumbers.ParseReal("--atol", a) : null,
                Method = result.GetValue(method),
                Corrector = result.GetValue(corrector) switch
                {
                    null => null,
                    "on" => true,
                    "off" => false,
                    string other => throw new InputException($"--corrector must be on or off (got '{other}')"),
                },
            };
            solver.Check(id, binding.TheorySolver);
            var times = grid.Resolve(result, binding, parameters);
            var limits = ResourceLimits.Resolve(result, budget, io);
            limits.Check($"ode {id} to t = {times.End.ToString("G", System.Globalization.CultureInfo.InvariantCulture)}", binding.EstimateTheory(parameters, times));
            output.Check(result);
            return TrajectoryOutput.Emit(result, io, output, binding.SolveTheoryWithin(parameters, times, limits.Work, solver));
        });
        return command;
    }
}
