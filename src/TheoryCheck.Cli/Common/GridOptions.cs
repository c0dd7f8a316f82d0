using System.CommandLine;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Cli.Common;

/// <summary><c>--t-end T --t-step S</c>: the output grid 0, S, 2S, …, T in model time.</summary>
public sealed class GridOptions
{
    public Option<double> End { get; } = new("--t-end") { Description = "Final model time T.", Required = true, HelpName = "T" };

    public Option<double> Step { get; } = new("--t-step") { Description = "Output spacing Δt (observables recorded at 0, Δt, …, T).", Required = true, HelpName = "S" };

    public void AddTo(Command command)
    {
        command.Options.Add(End);
        command.Options.Add(Step);
    }

    public TimeGrid Resolve(ParseResult result) => TimeGrid.Uniform(result.GetValue(End), result.GetValue(Step));
}
