using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using TheoryCheck.Cli.Common;
using TheoryCheck.Comparison.Catalog;

namespace TheoryCheck.Cli.Commands;

/// <summary><c>theorycheck models</c>: models, their parameters (JSON names, defaults, validity, meaning) and observables.</summary>
public static class ModelsCommand
{
    public static Command Create(CliIO io)
    {
        var output = new OutputOptions("text", "json");
        var command = new Command("models", "List the models, their parameters (JSON names, defaults, meaning) and observables.");
        output.AddTo(command);
        command.SetAction(result =>
        {
            string text = result.GetValue(output.Format) == "json" ? Json().ToJsonString(CliJson.Indented) + "\n" : Text() + Limits(io);
            output.Emit(result, io, text);
            return 0;
        });
        return command;
    }

    private static string Text()
    {
        var sb = new StringBuilder();
        foreach (var binding in ModelCatalog.All)
        {
            var m = binding.Descriptor;
            sb.Append($"{m.Id} — {m.Title}\n  paper:   {m.Paper}\n  time:    {m.TimeConvention}\n  engines: {string.Join(", ", binding.Engines)} (default {binding.Engines[0]})\n  theory:  {(binding.TheoryUsesDimension ? "computed at the given d (ode takes --d)" : "the d → ∞ limit (ode takes no d)")}\n  solver:  {Solver(binding.TheorySolver)}\n\n");
            sb.Append(TextTable.Format(["parameter", "default", "valid", "meaning"],
                m.Parameters.Select(p => (IReadOnlyList<string>)[p.Name, p.DefaultDisplay, p.ValidText,
                    p.Meaning + (p.SimulationOnly && !p.Meaning.Contains("simulation only", StringComparison.Ordinal) ? " (simulation only)" : "")])));
            sb.Append('\n');
            sb.Append(TextTable.Format(["observable", "meaning"], m.Observables.Select(o => (IReadOnlyList<string>)[o.Pattern, o.Meaning])));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The ode solver options a model takes, and why the others do not apply.</summary>
    private static string Solver(TheorySolverSupport s)
    {
        var taken = new List<string>();
        if (s.Tolerances) taken.Add("--rtol, --atol");
        if (s.Methods.Count > 0) taken.Add($"--method {string.Join("|", s.Methods)} (default {s.Methods[0]})");
        if (s.Corrector) taken.Add("--corrector on|off (default on)");
        string options = taken.Count == 0 ? "ode takes no solver options" : "ode takes " + string.Join("; ", taken);
        return s.Reason.Length == 0 ? options : $"{options} ({s.Reason})";
    }

    /// <summary>The resource checks every run passes before it starts (docs/design-notes.md §8), with this machine's numbers.</summary>
    private static string Limits(CliIO io)
    {
        var limits = ResourceLimits.Resolve(null, null, io);
        return "resources: ode, sgd, spectrum and run estimate their memory and work before starting and refuse (exit 2) what exceeds\n"
               + $"  the memory limit {ResourceLimits.Bytes(limits.Memory)} ({limits.MemorySource}; this machine has {ResourceLimits.Bytes(limits.MachineMemory)}; {ResourceLimits.MemoryVariable})\n"
               + $"  or the work budget {limits.Work.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)} SGD element-updates ({limits.WorkSource}; --budget N or {ResourceLimits.BudgetVariable}, 'unlimited' to turn it off).\n";
    }

    private static JsonArray Json()
    {
        var models = new JsonArray();
        foreach (var binding in ModelCatalog.All)
        {
            var m = binding.Descriptor;
            var parameters = new JsonArray();
            foreach (var p in m.Parameters)
                parameters.Add((JsonNode)new JsonObject
                {
                    ["name"] = p.Name,
                    ["kind"] = p.Kind.ToString().ToLowerInvariant(),
                    ["default"] = p.Default?.DeepClone(),
                    ["default_text"] = p.DefaultDisplay,
                    ["valid"] = p.ValidText,
                    ["meaning"] = p.Meaning,
                    ["simulation_only"] = p.SimulationOnly,
                });
            var observables = new JsonArray();
            foreach (var o in m.Observables) observables.Add((JsonNode)new JsonObject { ["name"] = o.Pattern, ["meaning"] = o.Meaning, ["theory_only"] = o.TheoryOnly });
            models.Add((JsonNode)new JsonObject
            {
                ["id"] = m.Id,
                ["title"] = m.Title,
                ["paper"] = m.Paper,
                ["time"] = m.TimeConvention,
                ["engines"] = new JsonArray(binding.Engines.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()),
                ["theory_uses_d"] = binding.TheoryUsesDimension,
                ["theory_solver"] = new JsonObject
                {
                    ["tolerances"] = binding.TheorySolver.Tolerances,
                    ["methods"] = new JsonArray(binding.TheorySolver.Methods.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()),
                    ["corrector"] = binding.TheorySolver.Corrector,
                    ["reason"] = binding.TheorySolver.Reason.Length == 0 ? null : binding.TheorySolver.Reason,
                },
                ["parameters"] = parameters,
                ["observables"] = observables,
            });
        }
        return models;
    }
}
