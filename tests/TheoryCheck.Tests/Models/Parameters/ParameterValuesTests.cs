using System.Text.Json.Nodes;
using TheoryCheck.Models;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Tests.Models.Parameters;

public sealed class ParameterValuesTests
{
    private static readonly ParameterSpec[] Specs =
    [
        new("k", "classes", ParameterKind.Integer, JsonValue.Create(3)) { Minimum = 2 },
        new("lambda", "SNR", ParameterKind.Real, JsonValue.Create(10)) { Minimum = 0, MinimumInclusive = false },
        new("p", "probabilities", ParameterKind.RealList, null) { DefaultText = "uniform", Minimum = 0, MinimumInclusive = false },
        new("noise", "noise model", ParameterKind.Choice, JsonValue.Create("additive")) { Choices = ["additive", "hessian"] },
    ];

    [Fact]
    public void Defaults_read_back_whatever_JSON_type_they_were_declared_with()
    {
        var values = ParameterValues.Defaults("toy", Specs);
        Assert.Equal(3L, values.Integer("k"));          // declared as an int
        Assert.Equal(10.0, values.Real("lambda"));      // declared as an int-valued number
        Assert.Null(values.RealList("p"));
        Assert.Equal("additive", values.Choice("noise"));
    }

    [Fact]
    public void Assignments_and_scenarios_are_validated_and_assignments_win()
    {
        var scenario = new JsonObject { ["k"] = 4, ["lambda"] = 2.5 };
        var values = ParameterValues.Parse("toy", Specs, scenario, ["lambda=7", "p=0.2, 0.3,0.5"]);
        Assert.Equal(4L, values.Integer("k"));
        Assert.Equal(7.0, values.Real("lambda"));
        Assert.Equal([0.2, 0.3, 0.5], values.RealList("p")!);
        Assert.True(values.IsExplicit("k"));
        Assert.False(values.IsExplicit("noise"));
    }

    [Theory]
    [InlineData("lambda=0", "parameter 'lambda' must be > 0 (got 0)")]
    [InlineData("k=2.5", "parameter 'k' must be an integer (got '2.5')")]
    [InlineData("k=1", "parameter 'k' must be ≥ 2 (got 1)")]
    [InlineData("noise=pink", "parameter 'noise' must be one of additive, hessian (got \"pink\")")]
    [InlineData("p=0.5,-0.5", "parameter 'p' must be > 0 (got -0.5)")]
    [InlineData("lambda=nan", "parameter 'lambda' must be a finite number (got 'nan')")]
    [InlineData("gamma=1", "unknown parameter 'gamma' for model 'toy' (known: k, lambda, p, noise)")]
    [InlineData("lambda", "--set expects name=value (got 'lambda')")]
    public void Bad_values_give_one_clear_line(string assignment, string message)
    {
        var error = Assert.Throws<InputException>(() => ParameterValues.Parse("toy", Specs, null, [assignment]));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Malformed_scenario_files_are_input_errors()
    {
        string path = Path.Combine(Path.GetTempPath(), "tc-scenario-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            File.WriteAllText(path, "{ \"k\": 3, ");
            Assert.Contains("is not valid JSON", Assert.Throws<InputException>(() => ParameterValues.ReadScenario(path, "toy")).Message);
            File.WriteAllText(path, "[1, 2]");
            Assert.Contains("must hold a JSON object", Assert.Throws<InputException>(() => ParameterValues.ReadScenario(path, "toy")).Message);
            File.WriteAllText(path, "{\"model\": \"other\", \"params\": {\"k\": 3}}");
            Assert.Contains("is for model 'other'", Assert.Throws<InputException>(() => ParameterValues.ReadScenario(path, "toy")).Message);
            File.WriteAllText(path, "{\"model\": \"toy\", \"params\": {\"k\": 5}}");
            Assert.Equal(5L, ParameterValues.Parse("toy", Specs, ParameterValues.ReadScenario(path, "toy"), []).Integer("k"));
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Contains("does not exist", Assert.Throws<InputException>(() => ParameterValues.ReadScenario(path, "toy")).Message);
    }
}
