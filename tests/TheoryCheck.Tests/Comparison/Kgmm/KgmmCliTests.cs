using System.Text.Json.Nodes;
using TheoryCheck.Tests.Cli;

namespace TheoryCheck.Tests.Comparison.Kgmm;

/// <summary><c>theorycheck ode|sgd|spectrum kgmm</c> end to end, and bad input (exit 2, one line on stderr, nothing on stdout).</summary>
public class KgmmCliTests
{
    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    [Fact]
    public void OdeAndSgdPrintTheSameObservableNames()
    {
        var (odeExit, odeOut, _) = CliRunner.Run("ode", "kgmm", "--set", "lambda=3", "--t-end", "1", "--t-step", "0.5");
        var (sgdExit, sgdOut, _) = CliRunner.Run("sgd", "kgmm", "--d", "40", "--seed", "3", "--set", "lambda=3", "--t-end", "1", "--t-step", "0.5");
        Assert.Equal(0, odeExit);
        Assert.Equal(0, sgdExit);
        var ode = Json(odeOut);
        var sgd = Json(sgdOut);
        Assert.Equal("kgmm", ode["model"]!.GetValue<string>());
        Assert.Equal("ode", ode["engine"]!.GetValue<string>());
        Assert.Equal("sgd", sgd["engine"]!.GetValue<string>());
        Assert.Equal(40, sgd["d"]!.GetValue<int>());
        var odeNames = ode["observables"]!.AsObject().Select(p => p.Key).ToArray();
        var sgdNames = sgd["observables"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.Equal(odeNames, sgdNames);
        Assert.Equal(9 + 6 + 6 + 2, odeNames.Length);
        Assert.Equal(["m[1,1]", "m[1,2]"], odeNames.Take(2));
        Assert.Equal(["loss", "accuracy"], odeNames.TakeLast(2));
        Assert.Equal([0.0, 0.5, 1.0], ode["t"]!.AsArray().Select(t => t!.GetValue<double>()));
        Assert.Equal([0.0, 0.5, 1.0], sgd["t"]!.AsArray().Select(t => t!.GetValue<double>()));
    }

    [Fact]
    public void SpectrumPrintsTopEigenvaluesWithThePrediction()
    {
        var (exit, output, _) = CliRunner.Run("spectrum", "kgmm", "--d", "40", "--seed", "2", "--t", "2", "--matrix", "hessian", "--block", "2",
            "--samples-ratio", "3", "--top", "5", "--set", "lambda=30");
        Assert.Equal(0, exit);
        var document = Json(output);
        foreach (string field in new[] { "model", "params", "d", "seed", "t", "matrix", "block", "conventions", "empirical", "alignment", "prediction" })
            Assert.True(document.ContainsKey(field), $"missing field '{field}'");
        Assert.Equal(5, document["empirical"]!["values"]!.AsArray().Count);
        Assert.Equal(2, document["block"]!.GetValue<int>());
        Assert.True(document["prediction"]!["outliers"]!.AsArray().Count >= 1);
        Assert.True(document["prediction"]!["edge"]!.GetValue<double>() > 0);
        Assert.InRange(document["alignment"]!["error"]!.GetValue<double>(), 0, 1);
    }

    [Theory]
    [InlineData("ode", "kgmm", "--set", "lambda=0", "--t-end", "1", "--t-step", "0.5")]
    [InlineData("ode", "kgmm", "--set", "p=0.5,0.5", "--t-end", "1", "--t-step", "0.5")]
    [InlineData("sgd", "kgmm", "--d", "3", "--seed", "1", "--t-end", "1", "--t-step", "0.5")]
    [InlineData("sgd", "kgmm", "--d", "20", "--seed", "1", "--set", "cdelta=-1", "--t-end", "1", "--t-step", "0.5")]
    [InlineData("spectrum", "kgmm", "--d", "20", "--seed", "1", "--t", "1", "--matrix", "g", "--block", "4")]
    [InlineData("spectrum", "kgmm", "--d", "20", "--seed", "1", "--t", "1", "--matrix", "g", "--block", "1", "--top", "21")]
    [InlineData("spectrum", "kgmm", "--d", "3", "--seed", "1", "--t", "1", "--matrix", "hessian")]
    public void BadInputGivesOneLineAndExitTwo(params string[] args) => CliRunner.AssertBadInput(args);
}
