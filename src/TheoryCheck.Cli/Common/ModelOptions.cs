using System.CommandLine;
using System.Globalization;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Models;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Cli.Common;

/// <summary>
/// Options shared by the model verbs (ode, sgd, spectrum): the MODEL argument, <c>--set name=value</c> (repeatable),
/// <c>--scenario FILE</c>, and — where the verb takes them — <c>--d N</c> and <c>--seed N</c>, which are the same
/// values as <c>--set d=N</c> and <c>--set seed=N</c> (given both ways with different values: exit 2). Everything is
/// validated against the model's parameter record.
/// </summary>
public sealed class ModelOptions
{
    /// <param name="dimension">Offer <c>--d</c>.</param>
    /// <param name="seed">Offer <c>--seed</c>.</param>
    public ModelOptions(bool dimension, bool seed)
    {
        if (dimension) Dimension = new Option<string?>("--d") { Description = "Data dimension d (the same as --set d=N).", HelpName = "D" };
        if (seed) Seed = new Option<string?>("--seed") { Description = "Random seed, 0 … 2⁶⁴ − 1 (the same as --set seed=N).", HelpName = "N" };
    }

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

    /// <summary><c>--d</c>, when the verb takes it.</summary>
    public Option<string?>? Dimension { get; }

    /// <summary><c>--seed</c>, when the verb takes it.</summary>
    public Option<string?>? Seed { get; }

    /// <summary>Adds the argument and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Arguments.Add(Model);
        if (Dimension is not null) command.Options.Add(Dimension);
        if (Seed is not null) command.Options.Add(Seed);
        command.Options.Add(Set);
        command.Options.Add(Scenario);
    }

    /// <summary>The model binding and its validated parameters, with <c>--d</c>/<c>--seed</c> merged in (throws InputException on bad input).</summary>
    public (IModelBinding Binding, ParameterValues Parameters) Resolve(ParseResult result)
    {
        var binding = ModelCatalog.Find(result.GetRequiredValue(Model));
        string id = binding.Descriptor.Id;
        var scenario = result.GetValue(Scenario) is string path ? ParameterValues.ReadScenario(path, id) : null;
        var assignments = (result.GetValue(Set) ?? []).ToList();
        if (Dimension is not null && result.GetValue(Dimension) is string dText)
            assignments.Add("d=" + CliNumbers.ParseInteger("--d", dText, 1).ToString(CultureInfo.InvariantCulture));
        if (Seed is not null && result.GetValue(Seed) is string seedText)
            assignments.Add("seed=" + unchecked((long)CliNumbers.ParseSeed("--seed", seedText)).ToString(CultureInfo.InvariantCulture));
        ParameterValues parameters;
        try
        {
            parameters = binding.Descriptor.Parse(scenario, assignments);
        }
        catch (InputException e) when (e.Message.Contains("is set twice", StringComparison.Ordinal))
        {
            throw new InputException(e.Message + " (--d and --seed are the same values as --set d= and --set seed=)");
        }
        return (binding, parameters);
    }
}
