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
                    array.Add(new JsonObject { ["id"] = c.Id, ["model"] = c.Model, ["paper"] = c.Paper, ["statement"] = c.Statement, ["source"] = c.Source });
                text = array.ToJsonString(CliJson.Indented) + "\n";
            }
            else
            {
                text = TextTable.Format(["id", "paper / theorem", "statement"],
                    claims.Select(c => (IReadOnlyList<string>)[c.Id, c.Paper, c.Statement]), indent: "");
            }
            output.Emit(result, io, text);
            return 0;
        });
        return command;
    }
}
