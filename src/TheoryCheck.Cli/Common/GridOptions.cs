using System.CommandLine;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Cli.Common;

/// <summary><c>--t-end T --t-step S</c>: the output grid 0, S, 2S, …, T in the model's time, validated by the model.</summary>
public sealed class GridOptions
{
    public Option<string> End { get; } = new("--t-end") { Description = "Final model time T.", Required = true, HelpName = "T" };

    public Option<string> Step { get; } = new("--t-step") { Description = "Output spacing Δt (observables recorded at 0, Δt, …, T).", Required = true, HelpName = "S" };

    public void AddTo(Command command)
    {
        command.Options.Add(End);
        command.Options.Add(Step);
    }

    /// <summary>The model's grid (quadratic: whole steps; kgmm: Δt not finer than one SGD step).</summary>
    public TimeGrid Resolve(ParseResult result, IModelBinding binding, ParameterValues parameters) =>
        binding.Grid(parameters, CliNumbers.ParseReal("--t-end", result.GetRequiredValue(End)), CliNumbers.ParseReal("--t-step", result.GetRequiredValue(Step)));
}
