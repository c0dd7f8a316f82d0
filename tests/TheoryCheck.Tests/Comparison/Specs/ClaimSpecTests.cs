using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Golden;
using TheoryCheck.Comparison.Running;
using TheoryCheck.Comparison.Specs;
using TheoryCheck.Models;
using TheoryCheck.Tests.Cli;

namespace TheoryCheck.Tests.Comparison.Specs;

/// <summary>
/// Claim specs: the shipped examples validate against the published schema and give real verdicts (hold at the test
/// profile, do not hold under their negative control); every error is one line naming the field; results validate
/// against the result schema.
/// </summary>
public sealed class ClaimSpecTests
{
    private static string Examples => Path.Combine(RepositoryRoot.Find(), "examples", "specs");

    public static TheoryData<string> ExampleFiles => new(Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Find(), "examples", "specs"), "*.json").Select(Path.GetFileName).Order()!);

    [Fact]
    public void At_least_two_examples_ship() => Assert.True(Directory.EnumerateFiles(Examples, "*.json").Count() >= 2);

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Examples_validate_against_the_schema_and_hold_with_their_controls_detected(string file)
    {
        string path = Path.Combine(Examples, file);
        Assert.Null(SchemaValidation.Problems(SchemaValidation.Spec, File.ReadAllText(path)));
        foreach (var claim in ClaimSpecReader.Read(path))
        {
            var result = new ClaimRunner(Profile.Test, threads: 2) { GitCommit = "test" }.RunOne(claim);
            Assert.True(result.Verdict == Verdict.Holds, $"{claim.Info.Id}: {result.Verdict}: {string.Join(" | ", result.Checks.Where(c => !c.Passed).Select(c => c.Name + " " + c.Detail))}");
            Assert.Null(SchemaValidation.Problems(SchemaValidation.Result, ClaimResultJson.ToText(result)));
            var controlled = new ClaimRunner(Profile.Test, threads: 2) { GitCommit = "test", NegativeControl = true }.RunOne(claim);
            Assert.NotEqual(Verdict.Holds, controlled.Verdict);
            Assert.Null(controlled.Error);
        }
    }

    [Theory]
    [InlineData("""{"claims": []}""", "claims must list at least one claim")]
    [InlineData("""{"claims": [{"id": "x.y", "model": "nope", "grid": {"T": 1, "step": 0.5}, "sizes": [100], "seeds": 2, "comparison": {"kind": "value", "observable": "loss", "tolerance": 0.1}}]}""", "claims[0].model unknown model 'nope'")]
    [InlineData("""{"claims": [{"id": "x.y", "model": "kgmm", "grid": {"T": 1, "step": 0.5}, "sizes": [100, 200, 400], "seeds": 2, "observables": ["m[*]"], "comparison": {"kind": "rate", "exponent": "a", "bound": 0.1}}]}""", "claims[0].comparison.exponent must be a number")]
    [InlineData("""{"claims": [{"id": "x.y", "model": "kgmm", "grid": {"T": 1, "step": 0.5}, "sizes": [100, 200], "seeds": 2, "observables": ["m[*]"], "comparison": {"kind": "rate", "exponent": -0.5, "bound": 0.1}}]}""", "claims[0].sizes a rate needs at least three sizes")]
    [InlineData("""{"claims": [{"id": "x.y", "model": "kgmm", "grid": {"T": 1, "step": 0.5}, "sizes": [100, 200, 400], "seeds": 2, "observables": ["q[*]"], "comparison": {"kind": "rate", "exponent": -0.5, "bound": 0.1}}]}""", "claims[0].observables[0] matches no observable")]
    [InlineData("""{"claims": [{"id": "x.y", "model": "kgmm", "parameters": {"lambda": -1}, "grid": {"T": 1, "step": 0.5}, "sizes": [100], "seeds": 2, "comparison": {"kind": "value", "observable": "loss", "tolerance": 0.1}}]}""", "claims[0].parameters.lambda must be > 0")]
    [InlineData("""{"claims": [{"id": "x.y", "model": "kgmm", "parameters": {"d": 100}, "grid": {"T": 1, "step": 0.5}, "sizes": [100], "seeds": 2, "comparison": {"kind": "value", "observable": "loss", "tolerance": 0.1}}]}""", "claims[0].parameters.d sizes are given by \"sizes\"")]
    [InlineData("""{"claims": [{"id": "x.y", "model": "kgmm", "grid": {"T": 1, "step": 0.5}, "sizes": [100], "seeds": 0, "comparison": {"kind": "value", "observable": "loss", "tolerance": 0.1}}]}""", "claims[0].seeds must lie in [1, 100000]")]
    [InlineData("""{"claims": [{"id": "x.y", "model": "kgmm", "grid": {"T": 1, "step": 0.5}, "sizes": [100], "seeds": 2, "comparison": {"kind": "value", "observable": "loss", "tolerance": 0.1}, "extra": 1}]}""", "claims[0].extra is not a known field")]
    [InlineData("""{"claims": [{"id": "kgmm.corrector", "model": "kgmm", "grid": {"T": 1, "step": 0.5}, "sizes": [100], "seeds": 2, "comparison": {"kind": "value", "observable": "loss", "tolerance": 0.1}}]}""", "claims[0].id 'kgmm.corrector' is a catalogue claim")]
    [InlineData("""{"claims": [{"id": "x.y", "model": "kgmm", "grid": {"T": 1, "step": 0.5}, "sizes": [100], "seeds": 2, "comparison": {"kind": "median", "tolerance": 0.1}}]}""", "claims[0].comparison.kind must be rate, value or spectrum")]
    [InlineData("""{"claims": [{"id": "x.y", "model": "quadratic", "grid": {"T": 5, "step": 0.5}, "sizes": [100], "seeds": 2, "comparison": {"kind": "value", "observable": "loss", "tolerance": 0.1}}]}""", "claims[0].grid --t-step 0.5 is not a whole number")]
    [InlineData("""{"claims": [{"id": "x.y", "model": "cws", "engine": "subspace", "parameters": {"cov": "power-law"}, "grid": {"T": 1, "step": 0.5}, "sizes": [100], "seeds": 2, "comparison": {"kind": "value", "observable": "risk", "tolerance": 0.1}}]}""", "claims[0].engine engine 'subspace' of cws does not apply to cov = power-law")]
    public void Every_error_is_one_line_naming_the_field(string spec, string expected)
    {
        string path = Path.Combine(Path.GetTempPath(), $"tc-spec-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, spec);
        try
        {
            var error = Assert.Throws<InputException>(() => ClaimSpecReader.Read(path));
            Assert.Contains(expected, error.Message);
            Assert.DoesNotContain('\n', error.Message);
            var (exit, output, stderr) = CliRunner.Run("run", "--spec", path, "--profile", "test", "--out", path + ".out");
            Assert.Equal(2, exit);
            Assert.Equal("", output);
            Assert.False(Directory.Exists(path + ".out"));
            Assert.Contains(expected, stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_schema_rejects_what_the_reader_rejects_structurally()
    {
        Assert.NotNull(SchemaValidation.Problems(SchemaValidation.Spec, """{"claims": []}"""));
        Assert.NotNull(SchemaValidation.Problems(SchemaValidation.Spec, """{"claims": [{"id": "x.y", "model": "kgmm", "grid": {"T": 1, "step": 0.5}, "sizes": [100], "seeds": 2, "comparison": {"kind": "value", "observable": "loss", "tolerance": 0.1}, "extra": 1}]}"""));
        Assert.NotNull(SchemaValidation.Problems(SchemaValidation.Spec, """{"claims": [{"id": "x.y", "model": "kgmm", "parameters": {"d": 3}, "grid": {"T": 1, "step": 0.5}, "sizes": [100], "seeds": 2, "comparison": {"kind": "value", "observable": "loss", "tolerance": 0.1}}]}"""));
        Assert.Null(SchemaValidation.Problems(SchemaValidation.Spec, """{"claims": [{"id": "x.y", "model": "kgmm", "grid": {"T": 1, "step": 0.5}, "sizes": {"quick": [100], "full": [200]}, "seeds": {"quick": 2}, "comparison": {"kind": "value", "observable": "loss", "tolerance": 0.1}}]}"""));
    }
}
