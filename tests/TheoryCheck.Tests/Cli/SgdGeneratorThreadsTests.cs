using System.Text.Json.Nodes;
using TheoryCheck.Tests.Simulation.Kgmm;

namespace TheoryCheck.Tests.Cli;

/// <summary>
/// <c>sgd --generator-threads</c> (docs/performance.md, "Whole process"): one kgmm full-engine run draws its normals
/// on two threads by default on a machine with ≥ 2 cores, the same numbers as one thread; the choice is in the
/// diagnostics; bad or inapplicable values exit 2 before any work.
/// </summary>
[Collection(GeneratorThreadsCollection.Name)]
public sealed class SgdGeneratorThreadsTests
{
    private static readonly string[] Run = ["sgd", "kgmm", "--set", "k=3", "--d", "1001", "--seed", "4", "--t-end", "2", "--t-step", "0.5"];

    [Fact]
    public void OneAndTwoGeneratorThreadsPrintTheSameObservables()
    {
        var one = Json([.. Run, "--generator-threads", "1"]);
        var two = Json([.. Run, "--generator-threads", "2"]);
        var auto = Json(Run);
        Assert.Equal(1, one["diagnostics"]!["generator_threads"]!.GetValue<int>());
        Assert.Equal(2, two["diagnostics"]!["generator_threads"]!.GetValue<int>());
        Assert.Equal(Environment.ProcessorCount >= 2 ? 2 : 1, auto["diagnostics"]!["generator_threads"]!.GetValue<int>());
        Assert.Equal(one["observables"]!.ToJsonString(), two["observables"]!.ToJsonString());
        Assert.Equal(one["observables"]!.ToJsonString(), auto["observables"]!.ToJsonString());
        Assert.Equal(one["status"]!.ToJsonString(), two["status"]!.ToJsonString());
    }

    [Fact]
    public void TheSubspaceEngineRecordsOneThread()
    {
        var run = Json(["sgd", "kgmm", "--d", "1000", "--seed", "1", "--t-end", "1", "--t-step", "0.5", "--engine", "subspace"]);
        Assert.Equal(1, run["diagnostics"]!["generator_threads"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3")]
    [InlineData("two")]
    public void BadValuesExit2(string value) => CliRunner.AssertBadInput([.. Run, "--generator-threads", value]);

    [Fact]
    public void EnsemblesAndEnginesWithoutItRefuseIt()
    {
        CliRunner.AssertBadInput("sgd", "kgmm", "--d", "100", "--seeds", "1..2", "--t-end", "1", "--t-step", "0.5", "--generator-threads", "2");
        CliRunner.AssertBadInput("sgd", "kgmm", "--d", "100", "--seed", "1", "--t-end", "1", "--t-step", "0.5", "--engine", "subspace", "--generator-threads", "2");
    }

    private static JsonObject Json(string[] args)
    {
        var (exit, output, error) = CliRunner.Run(args);
        Assert.True(exit == 0, error);
        return JsonNode.Parse(output)!.AsObject();
    }
}
