using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Golden;

namespace TheoryCheck.Tests.Comparison.Golden;

[Collection(EnvironmentCollection.Name)]
public class GoldenStoreTests
{
    private static JsonObject Measurements(double slope = -0.58) => new()
    {
        ["E_d"] = new JsonArray(0.192, 0.107, 0.07, 0.047),
        ["fit"] = new JsonObject { ["slope"] = slope, ["ci_low"] = -0.71 },
    };

    [Fact]
    public void MissingFileIsCreatedThenMatched()
    {
        using var temp = new TemporaryDirectory();
        var store = new GoldenStore(Path.Combine(temp.Path, "golden"), new GoldenOptions());
        var created = store.Verify("kgmm.ode-tracking", Profile.Quick, Measurements());
        Assert.Equal(GoldenStatus.Created, created.Status);
        Assert.True(created.Passed);
        Assert.Equal(Path.Combine(temp.Path, "golden", "kgmm.ode-tracking.quick.verified.json"), created.VerifiedPath);
        Assert.True(File.Exists(created.VerifiedPath));
        Assert.Contains("new snapshot with 6 fields", created.Report);

        var matched = store.Verify("kgmm.ode-tracking", Profile.Quick, Measurements());
        Assert.Equal(GoldenStatus.Matched, matched.Status);
        Assert.Equal(6, matched.FieldCount);
        Assert.False(File.Exists(store.ReceivedPath("kgmm.ode-tracking", Profile.Quick)));
    }

    [Fact]
    public void MismatchWritesReceivedAndATableOfOnlyTheFailingFields()
    {
        using var temp = new TemporaryDirectory();
        var store = new GoldenStore(temp.Path, new GoldenOptions());
        store.Update("toy.x", Profile.Test, Measurements());
        var changed = Measurements(-0.61);
        changed["extra"] = 1.0;
        var outcome = store.Verify("toy.x", Profile.Test, changed);
        Assert.Equal(GoldenStatus.Mismatched, outcome.Status);
        Assert.False(outcome.Passed);
        Assert.Equal(store.ReceivedPath("toy.x", Profile.Test), outcome.ReceivedPath);
        Assert.True(File.Exists(outcome.ReceivedPath));
        Assert.Equal(-0.61, GoldenSnapshot.Parse(File.ReadAllText(outcome.ReceivedPath!)).Index["fit.slope"].Number);
        Assert.Equal(["fit.slope", "extra"], outcome.Mismatches.Select(m => m.Path));
        string report = outcome.Report;
        Assert.Contains("2 of 7 fields differ", report);
        var lines = report.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^field\s+\| expected\s+\| obtained\s+\| difference\s+\| tolerance$", lines[1]);
        // allowed = 1e-12 + 1e-9·0.58 = 5.81e-10
        Assert.Matches(@"^fit\.slope \| -0\.58\s+\| -0\.61\s+\| 0\.03 \(rel 0\.0517\) \| ≤ 5\.81E-10$", lines[3]);
        Assert.Contains("(absent: new field)", lines[4]);
        Assert.DoesNotContain("E_d", report);
        // The verified file is untouched.
        Assert.Equal(-0.58, GoldenSnapshot.Parse(File.ReadAllText(outcome.VerifiedPath)).Index["fit.slope"].Number);
    }

    [Fact]
    public void ClaimToleranceComesFromTheResult()
    {
        using var temp = new TemporaryDirectory();
        var store = new GoldenStore(temp.Path, new GoldenOptions());
        var result = FixedClaim.Passing(new ClaimInfo("toy.tol", "toy", "", "", ""), Profile.Test) with { Measurements = Measurements() };
        store.Update(result);
        var noisy = result with { Measurements = Measurements(-0.58 * (1 + 1e-6)) };
        Assert.Equal(GoldenStatus.Mismatched, store.Verify(noisy).Status);
        var tolerant = noisy with { GoldenTolerances = [new GoldenTolerance("fit.*", 0, 1e-5)] };
        Assert.Equal(GoldenStatus.Matched, store.Verify(tolerant).Status);
        Assert.False(File.Exists(store.ReceivedPath("toy.tol", Profile.Test))); // a match removes the stale received file
    }

    [Fact]
    public void UpdateModeRewritesVerifiedAndDeletesReceived()
    {
        using var temp = new TemporaryDirectory();
        var store = new GoldenStore(temp.Path, new GoldenOptions());
        store.Update("toy.x", Profile.Full, Measurements());
        Assert.Equal(GoldenStatus.Mismatched, store.Verify("toy.x", Profile.Full, Measurements(-0.9)).Status);
        Assert.True(File.Exists(store.ReceivedPath("toy.x", Profile.Full)));

        var updating = new GoldenStore(temp.Path, new GoldenOptions(UpdateMode: true));
        var outcome = updating.Verify("toy.x", Profile.Full, Measurements(-0.9));
        Assert.Equal(GoldenStatus.Updated, outcome.Status);
        Assert.True(outcome.Passed);
        Assert.False(File.Exists(store.ReceivedPath("toy.x", Profile.Full)));
        Assert.Equal(GoldenStatus.Matched, store.Verify("toy.x", Profile.Full, Measurements(-0.9)).Status);
        Assert.Equal("toy.x.full.verified.json", Path.GetFileName(outcome.VerifiedPath));
    }

    [Fact]
    public void MissingFileFailsUnderCiAndWritesReceived()
    {
        using var temp = new TemporaryDirectory();
        var store = new GoldenStore(temp.Path, new GoldenOptions(FailOnMissing: true));
        var outcome = store.Verify("toy.ci", Profile.Test, Measurements());
        Assert.Equal(GoldenStatus.Missing, outcome.Status);
        Assert.False(outcome.Passed);
        Assert.False(File.Exists(outcome.VerifiedPath));
        Assert.True(File.Exists(outcome.ReceivedPath));
        Assert.Contains("no verified snapshot", outcome.Report);
    }

    [Fact]
    public void OptionsComeFromTheEnvironmentByDefault()
    {
        string? ci = Environment.GetEnvironmentVariable("CI"), update = Environment.GetEnvironmentVariable(GoldenOptions.UpdateVariable);
        try
        {
            Environment.SetEnvironmentVariable("CI", "true");
            Environment.SetEnvironmentVariable(GoldenOptions.UpdateVariable, null);
            Assert.Equal(new GoldenOptions(UpdateMode: false, FailOnMissing: true), GoldenOptions.FromEnvironment());
            Environment.SetEnvironmentVariable(GoldenOptions.UpdateVariable, "1");
            // Under CI a verification never rewrites a golden, whatever THEORYCHECK_GOLDEN_UPDATE says.
            Assert.Equal(new GoldenOptions(UpdateMode: false, FailOnMissing: true), GoldenOptions.FromEnvironment());
            Environment.SetEnvironmentVariable("CI", "false");
            Assert.Equal(new GoldenOptions(UpdateMode: true, FailOnMissing: false), GoldenOptions.FromEnvironment());
            Assert.Equal(new GoldenOptions(UpdateMode: true, FailOnMissing: false), new GoldenStore("golden").Options);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CI", ci);
            Environment.SetEnvironmentVariable(GoldenOptions.UpdateVariable, update);
        }
    }

    [Fact]
    public void CorruptVerifiedFileIsReported()
    {
        using var temp = new TemporaryDirectory();
        var store = new GoldenStore(temp.Path, new GoldenOptions());
        File.WriteAllText(store.VerifiedPath("toy.bad", Profile.Test), "{ not json");
        var outcome = store.Verify("toy.bad", Profile.Test, Measurements());
        Assert.Equal(GoldenStatus.Corrupt, outcome.Status);
        Assert.False(outcome.Passed);
        Assert.Contains("unusable", outcome.Report);
        Assert.Equal("{ not json", File.ReadAllText(store.VerifiedPath("toy.bad", Profile.Test))); // left alone
        Assert.True(File.Exists(outcome.ReceivedPath));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
        Assert.Throws<ArgumentException>(() => store.VerifiedPath("../escape", Profile.Test));
    }

    [Fact]
    public void RepositoryRootHoldsTheSolution()
    {
        string root = RepositoryRoot.Find();
        Assert.True(File.Exists(Path.Combine(root, "TheoryCheck.sln")));
        Assert.Equal(Path.Combine(root, "golden"), RepositoryRoot.GoldenDirectory());
        Assert.Equal(root, RepositoryRoot.Find(Path.Combine(root, "src", "TheoryCheck.Comparison")));
        Assert.Null(RepositoryRoot.TryFind(Path.GetTempPath()));
    }
}
