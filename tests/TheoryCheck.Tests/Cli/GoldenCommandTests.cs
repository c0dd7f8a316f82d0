using TheoryCheck.Comparison.Golden;

namespace TheoryCheck.Tests.Cli;

/// <summary>
/// <c>golden verify</c> under hostile conditions: a corrupt golden is that claim's failure and the other claims are still
/// verified (no exit 3, no temporary files left); under CI=true verify never rewrites a golden, whatever
/// THEORYCHECK_GOLDEN_UPDATE says.
/// </summary>
public sealed class GoldenCommandTests : IDisposable
{
    private const string First = "quadratic.initial-direction", Second = "quadratic.self-correction";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tc-golden-" + Guid.NewGuid().ToString("N"));

    public GoldenCommandTests()
    {
        Directory.CreateDirectory(_directory);
        foreach (string claim in new[] { First, Second })
            File.Copy(Path.Combine(RepositoryRoot.GoldenDirectory(), $"{claim}.test.verified.json"), Verified(claim));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Verified(string claim) => Path.Combine(_directory, $"{claim}.test.verified.json");

    private (int Exit, string Out, string Error) Verify(IReadOnlyDictionary<string, string> environment) =>
        CliRunner.RunWith(environment, "golden", "verify", First, Second, "--golden-dir", _directory, "--threads", "1");

    [Fact]
    public void A_corrupt_golden_fails_its_claim_and_the_others_are_still_verified()
    {
        File.WriteAllText(Verified(First), "{ \"fields\": [ truncated");
        var (exit, output, error) = Verify(new Dictionary<string, string>());
        Assert.Equal(1, exit);
        Assert.DoesNotContain("internal error", error);
        Assert.Contains($"{First}: golden corrupt", output);
        Assert.Contains("is unusable", output);
        Assert.Contains($"{Second}: golden matched", output);
        Assert.Equal("{ \"fields\": [ truncated", File.ReadAllText(Verified(First))); // left for a human to look at
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
        Assert.Empty(Directory.GetDirectories(_directory));
    }

    [Fact]
    public void Under_ci_verify_never_rewrites_a_golden()
    {
        string original = File.ReadAllText(Verified(First));
        string tampered = original.Replace("\"eta[0]\": 1.5,", "\"eta[0]\": 2.5,", StringComparison.Ordinal);
        Assert.NotEqual(original, tampered);
        File.WriteAllText(Verified(First), tampered);

        var ci = new Dictionary<string, string> { ["CI"] = "true", [GoldenOptions.UpdateVariable] = "1" };
        var (exit, output, _) = Verify(ci);
        Assert.Equal(1, exit);
        Assert.Contains($"{First}: golden mismatched", output);
        Assert.Equal(tampered, File.ReadAllText(Verified(First)));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));

        // Outside CI the same variable does rewrite it (update mode).
        Assert.Equal(0, Verify(new Dictionary<string, string> { [GoldenOptions.UpdateVariable] = "1" }).Exit);
        Assert.NotEqual(tampered, File.ReadAllText(Verified(First)));
    }
}
