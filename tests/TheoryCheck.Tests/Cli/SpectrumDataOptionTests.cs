using System.Text.Json.Nodes;

namespace TheoryCheck.Tests.Cli;

/// <summary>
/// <c>spectrum --data test|train</c> (kgmm.md §14, xor.md §15): a bad value and a training window longer than the run are
/// bad input (one line, exit 2, before any work); the documents record which data they used, and the training matrix is
/// not the test matrix.
/// </summary>
public sealed class SpectrumDataOptionTests
{
    [Theory]
    [InlineData("spectrum", "kgmm", "--d", "40", "--seed", "1", "--t", "4", "--matrix", "hessian", "--block", "1", "--data", "training")]
    [InlineData("spectrum", "kgmm", "--d", "40", "--seed", "1", "--t", "4", "--matrix", "hessian", "--block", "1", "--data", "")]
    [InlineData("spectrum", "xor", "--d", "40", "--seed", "1", "--t", "4", "--matrix", "g", "--block", "W1", "--data", "TEST")]
    public void A_bad_data_value_is_bad_input(params string[] args) => CliRunner.AssertBadInput(args);

    [Theory]
    [InlineData("kgmm", "1")]
    [InlineData("xor", "W1")]
    public void Train_with_fewer_than_M_steps_is_refused_with_the_numbers(string model, string block)
    {
        // d = 40, c_δ = 1 (δ = 1/40), φ = 3: M = 120 steps are needed, t = 2 gives 80.
        string error = CliRunner.AssertBadInputWith(null,
            "spectrum", model, "--d", "40", "--seed", "1", "--t", "2", "--matrix", "hessian", "--block", block, "--data", "train");
        Assert.Contains("M = ⌈φ·d⌉ = 120", error);
        Assert.Contains("only 80 steps", error);
        Assert.Contains("--t ≥ 3", error);
    }

    [Theory]
    [InlineData("kgmm", "1")]
    [InlineData("xor", "W1")]
    public void The_document_records_the_data_and_train_differs_from_test(string model, string block)
    {
        JsonNode Spectrum(string data)
        {
            var (exit, output, error) = CliRunner.Run("spectrum", model, "--d", "40", "--seed", "2", "--t", "3", "--matrix", "g",
                "--block", block, "--top", "3", "--data", data);
            Assert.True(exit is 0 or 1, $"exit {exit}: {error}");
            return JsonNode.Parse(output)!;
        }
        var test = Spectrum("test");
        var train = Spectrum("train");
        Assert.Equal("test", test["data"]!.GetValue<string>());
        Assert.Equal("train", train["data"]!.GetValue<string>());
        Assert.Contains("training samples", train["conventions"]!["samples"]!.GetValue<string>());
        Assert.Contains("steps 1…120", train["conventions"]!["samples"]!.GetValue<string>());
        Assert.Equal(test["step"]!.GetValue<long>(), train["step"]!.GetValue<long>());
        double top(JsonNode d) => d["empirical"]!["values"]![0]!.GetValue<double>();
        Assert.NotEqual(top(test), top(train));
        // Default is test.
        var (_, output, _) = CliRunner.Run("spectrum", model, "--d", "40", "--seed", "2", "--t", "3", "--matrix", "g", "--block", block, "--top", "3");
        Assert.Equal(top(test), top(JsonNode.Parse(output)!));
    }
}
