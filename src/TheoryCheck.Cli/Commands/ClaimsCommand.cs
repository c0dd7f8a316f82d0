using System.CommandLine;
using System.Text.Json.Nodes;
using TheoryCheck.Cli.Common;
using TheoryCheck.Comparison.Catalog;

namespace TheoryCheck.Cli.Commands;

/// <summary><c>theorycheck claims</c>: the claim catalogue (id, model, paper / theorem, statement, source).</summary>
public static class ClaimsCommand
{
    public static Command Create(CliIO io)
    {
        var output = new OutputOptions("text", "json");
        var command = new Command("claims", "List the claim catalogue: id, paper and theorem, statement.");
        output.AddTo(command);
        command.SetAction(result =>
        {
            var claims = ModelCatalog.Claims.Select(c => c.Info).ToList();
            string text;
            if (result.GetValue(output.Format) == "json")
            {
                var array = new JsonArray();
                foreach (var c in claims)
                {
                    var claim = ModelCatalog.Claims.Single(x => x.Info.Id == c.Id);
                    array.Add((JsonNode)new JsonObject
                    {
                        ["id"] = c.Id, ["model"] = c.Model, ["paper"] = c.Paper, ["statement"] = c.Statement, ["source"] = c.Source,
                        ["engines"] = new JsonArray(claim.Engines.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()),
                        ["settings"] = new JsonArray(claim.Settings.Select(s => (JsonNode?)new JsonObject { ["name"] = s.Name, ["meaning"] = s.Spec.Meaning, ["valid"] = s.Spec.ValidText }).ToArray()),
                        ["negative_control"] = new JsonObject { ["name"] = claim.Control.Name, ["description"] = claim.Control.Description },
                    });
                }
                text = array.ToJsonString(CliJson.Indented) + "\n";
            }
            else
            {
                text = TextTable.Format(["id", "paper / theorem", "statement", "engines"],
                    ModelCatalog.Claims.Select(c => (IReadOnlyList<string>)[c.Info.Id, c.Info.Paper, c.Info.Statement, c.Engines.Count == 0 ? "—" : string.Join(", ", c.Engines)]), indent: "");
            }
            output.Emit(result, io, text);
            return 0;
        });
        return command;
    }
}
