using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;

namespace TheoryCheck.Tests.Cli;

/// <summary>
/// <c>--format csv</c> of <c>ode</c> and <c>sgd</c>: a <c># model=…, engine=…, d=…, seed=…, parameters: {…}</c> comment,
/// the header, and numbers that parse back to exactly the doubles of the JSON document; grid times print as the
/// decimals typed (0.9, never 0.8999999999999999 or 0.9000000000000001).
/// </summary>
public sealed class CsvOutputTests
{
    public static TheoryData<string> ModelIds => new(ModelCatalog.All.Select(b => b.Descriptor.Id));

    private static string Run(params string[] args)
    {
        var (exit, output, error) = CliRunner.RunWith(HostileInputTests.Defaults, args);
        Assert.True(exit == 0, $"{string.Join(' ', args)}: exit {exit}: {error}");
        return output;
    }

    /// <summary>Comment lines, the header fields and the rows of a CSV document (names with commas are quoted).</summary>
    private static (List<string> Comments, string[] Header, List<string[]> Rows) Parse(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var comments = lines.TakeWhile(l => l.StartsWith('#')).ToList();
        var rest = lines.Skip(comments.Count).ToList();
        return (comments, Fields(rest[0]), rest.Skip(1).Select(Fields).ToList());
    }

    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields.ToArray();
    }

    private static void AssertSameNumbers(string csv, JsonNode json)
    {
        var (_, header, rows) = Parse(csv);
        var times = json["t"]!.AsArray();
        Assert.Equal("t", header[0]);
        Assert.Equal(times.Count, rows.Count);
        var observables = json["observables"]!.AsObject();
        Assert.Equal(observables.Select(p => p.Key), header.Skip(1));
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(times[i]!.GetValue<double>()), BitConverter.DoubleToInt64Bits(double.Parse(rows[i][0], CultureInfo.InvariantCulture)));
            for (int j = 1; j < header.Length; j++)
            {
                var value = observables[header[j]]![i];
                double parsed = double.Parse(rows[i][j], CultureInfo.InvariantCulture);
                if (value is null) Assert.False(double.IsFinite(parsed));
                else Assert.Equal(BitConverter.DoubleToInt64Bits(value.GetValue<double>()), BitConverter.DoubleToInt64Bits(parsed));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ModelIds))]
    public void Csv_numbers_parse_back_to_the_json_numbers_bit_for_bit(string model)
    {
        var binding = ModelCatalog.Find(model);
        string[] dimension = binding.TheoryUsesDimension ? ["--d", "60"] : [];
        string[] grid = model == "quadratic" ? ["--t-end", "6", "--t-step", "3"] : ["--t-end", "0.5", "--t-step", "0.1"];
        string[] ode = ["ode", model, .. dimension, .. grid];
        AssertSameNumbers(Run([.. ode, "--format", "csv"]), JsonNode.Parse(Run(ode))!);
        string[] sgd = ["sgd", model, "--d", "60", "--seed", "4", .. grid];
        string csv = Run([.. sgd, "--format", "csv"]);
        AssertSameNumbers(csv, JsonNode.Parse(Run(sgd))!);
        string comment = Parse(csv).Comments[0];
        Assert.StartsWith($"# model={model}, engine=sgd, sgd_engine={binding.Engines[0]}, d=60, seed=4, parameters: {{", comment);
    }

    [Fact]
    public void The_header_comment_names_model_engine_d_seed_and_every_parameter()
    {
        string csv = Run("sgd", "kgmm", "--d", "50", "--seed", "18446744073709551615", "--engine", "subspace", "--set", "lambda=7.5", "--set", "k=2",
            "--t-end", "0.2", "--t-step", "0.1", "--format", "csv");
        var (comments, header, rows) = Parse(csv);
        Assert.Single(comments);
        string prefix = "# model=kgmm, engine=sgd, sgd_engine=subspace, d=50, seed=18446744073709551615, parameters: ";
        Assert.StartsWith(prefix, comments[0]);
        var parameters = JsonNode.Parse(comments[0][prefix.Length..])!.AsObject();
        Assert.Equal(7.5, parameters["lambda"]!.GetValue<double>());
        Assert.Equal(2, parameters["k"]!.GetValue<int>());
        Assert.Equal(["k", "lambda", "beta", "cdelta", "p"], parameters.Select(p => p.Key));
        Assert.Equal(3, rows.Count);
        Assert.Contains("m[1,1]", header);
    }

    [Fact]
    public void Grid_times_print_as_the_decimals_typed()
    {
        // Products of doubles would print 0.30000000000000004 (3 × 0.1), 0.7000000000000001 (7 × 0.1) and
        // 0.8999999999999999 (3 × 0.3); the grid is computed from integer indices and the decimal step.
        Assert.NotEqual(0.3, 3 * 0.1);
        Assert.NotEqual(0.9, 3 * 0.3);
        var (_, _, rows) = Parse(Run("ode", "kgmm", "--t-end", "1", "--t-step", "0.1", "--format", "csv"));
        Assert.Equal(["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"], rows.Select(r => r[0]));
        var (_, _, thirds) = Parse(Run("ode", "kgmm", "--t-end", "0.9", "--t-step", "0.3", "--format", "csv"));
        Assert.Equal(["0", "0.3", "0.6", "0.9"], thirds.Select(r => r[0]));
        var json = JsonNode.Parse(Run("ode", "kgmm", "--t-end", "0.9", "--t-step", "0.3"))!;
        Assert.Equal("[0,0.3,0.6,0.9]", json["t"]!.ToJsonString());
    }
}
