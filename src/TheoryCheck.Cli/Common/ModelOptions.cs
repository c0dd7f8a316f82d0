using System.CommandLine;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Cli.Common;

/// <summary>
/// Options shared by the model verbs (ode, sgd, spectrum): the MODEL argument, <c>--set name=value</c> (repeatable)
/// and <c>--scenario FILE</c>, validated against the model's parameter record.
/// </summary>
public sealed class ModelOptions
{
    public Argument<string> Model { get; } = new("MODEL") { Description = "Model id (see 'theorycheck models')." };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Set a model parameter, name=value (repeatable; lists comma-separated, e.g. p=0.2,0.3,0.5).",
        HelpName = "name=value",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> Scenario { get; } = new("--scenario")
    {
        Description = "JSON file of parameters ({\"name\": value, …} or {\"model\": id, \"params\": {…}}); --set wins.",
        HelpName = "FILE",
    };

    /// <summary>Adds the argument and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Model);
        command.Options.Add(Set);
        command.Options.Add(Scenario);
    }

    /// <summary>The model binding and its validated parameters (throws InputException on bad input).</summary>
    public (IModelBinding Binding, ParameterValues Parameters) Resolve(ParseResult result)
    {
        var binding = ModelCatalog.Find(result.GetRequiredValue(Model));
        string id = binding.Descriptor.Id;
        var scenario = result.GetValue(Scenario) is string path ? ParameterValues.ReadScenario(path, id) : null;
        var parameters = binding.Descriptor.Parse(scenario, result.GetValue(Set) ?? []);
        return (binding, parameters);
    }
}
