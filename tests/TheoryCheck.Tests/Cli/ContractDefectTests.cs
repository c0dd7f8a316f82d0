using System.Text.Json.Nodes;

namespace TheoryCheck.Tests.Cli;

/// <summary>
/// The silent-wrong-result defects of the model-contract issue, each pinned at the command line: one meaning for d and
/// seed on every verb, model-owned time grids, invariant numbers, scenario keys, engines, and how --output is written.
/// </summary>
public sealed class ContractDefectTests
{
    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"tc-{name}-{Guid.NewGuid():N}");

    [Theory]
    [InlineData("sgd", "quadratic", "--set", "d=500", "--d", "400", "--seed", "1", "--t-end", "2", "--t-step", "1")]
    [InlineData("sgd", "kgmm", "--set", "d=80", "--d", "60", "--seed", "1", "--t-end", "1", "--t-step", "0.5")]
    [InlineData("sgd", "kgmm", "--set", "seed=2", "--d", "60", "--seed", "1", "--t-end", "1", "--t-step", "0.5")]
    [InlineData("sgd", "kgmm", "--set", "k=3", "--set", "k=4", "--d", "60", "--seed", "1", "--t-end", "1", "--t-step", "0.5")]
    [InlineData("ode", "kgmm", "--set", "d=80", "--t-end", "1", "--t-step", "0.5")]
    [InlineData("ode", "kgmm", "--d", "80", "--t-end", "1", "--t-step", "0.5")]
    [InlineData("ode", "quadratic", "--set", "seed=3", "--t-end", "2", "--t-step", "1")]
    [InlineData("sgd", "quadratic", "--seed", "1", "--t-end", "5", "--t-step", "0.5")]
    [InlineData("ode", "quadratic", "--t-end", "5", "--t-step", "0.5")]
    [InlineData("sgd", "kgmm", "--d", "200", "--seed", "1", "--set", "cdelta=1000", "--t-end", "1", "--t-step", "0.5")]
    [InlineData("ode", "kgmm", "--t-end", "0,5", "--t-step", "0.5")]
    [InlineData("spectrum", "kgmm", "--d", "60", "--seed", "1", "--t", "0,5", "--matrix", "hessian")]
    [InlineData("sgd", "kgmm", "--d", "60", "--seed", "-3", "--t-end", "1", "--t-step", "0.5")]
    [InlineData("sgd", "kgmm", "--d", "60", "--seed", "1", "--engine", "warp", "--t-end", "1", "--t-step", "0.5")]
    [InlineData("run", "kgmm.outliers", "--engine", "subspace", "--profile", "test")]
    [InlineData("run", "kgmm.large-lambda", "--set", "lambda=5", "--profile", "test")]
    [InlineData("run", "kgmm.ode-tracking", "--set", "d=100", "--profile", "test")]
    public void Disagreements_and_unrepresentable_grids_exit_2(params string[] args) => CliRunner.AssertBadInput(args);

    [Fact]
    public void D_and_seed_are_the_same_value_given_either_way()
    {
        var viaOptions = CliRunner.Run("sgd", "quadratic", "--d", "400", "--seed", "5", "--t-end", "3", "--t-step", "1");
        var viaSet = CliRunner.Run("sgd", "quadratic", "--set", "d=400", "--set", "seed=5", "--t-end", "3", "--t-step", "1");
        var both = CliRunner.Run("sgd", "quadratic", "--set", "d=400", "--d", "400", "--seed", "5", "--t-end", "3", "--t-step", "1");
        Assert.Equal(0, viaOptions.Exit);
        static string WithoutTimings(string text)
        {
            var o = JsonNode.Parse(text)!.AsObject();
            o.Remove("diagnostics"); // wall-clock seconds
            return o.ToJsonString();
        }
        Assert.Equal(WithoutTimings(viaOptions.Out), WithoutTimings(viaSet.Out));
        Assert.Equal(WithoutTimings(viaOptions.Out), WithoutTimings(both.Out));
        var document = JsonNode.Parse(viaOptions.Out)!;
        Assert.Equal(400, document["d"]!.GetValue<int>());
        Assert.Equal("full", document["sgd_engine"]!.GetValue<string>());
        // The quadratic's theory is computed at d: ode takes it and records it.
        var ode = JsonNode.Parse(CliRunner.Run("ode", "quadratic", "--d", "400", "--t-end", "3", "--t-step", "1").Out)!;
        Assert.Equal(400, ode["d"]!.GetValue<int>());
    }

    [Fact]
    public void Quadratic_grids_are_whole_steps_in_both_documents()
    {
        var sgd = JsonNode.Parse(CliRunner.Run("sgd", "quadratic", "--seed", "1", "--t-end", "4", "--t-step", "2").Out)!;
        var ode = JsonNode.Parse(CliRunner.Run("ode", "quadratic", "--t-end", "4", "--t-step", "2").Out)!;
        Assert.Equal([0.0, 2, 4], sgd["t"]!.AsArray().Select(t => t!.GetValue<double>()));
        Assert.Equal(sgd["t"]!.ToJsonString(), ode["t"]!.ToJsonString());
    }

    [Fact]
    public void Models_lists_engines_and_no_repeated_simulation_only()
    {
        var (exit, text, _) = CliRunner.Run("models");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("(simulation only) (simulation only)", text);
        Assert.DoesNotContain("simulation only; integer ≥ 2k) (simulation only)", text);
        Assert.Contains("engines: full", text);
        var json = JsonNode.Parse(CliRunner.Run("models", "--format", "json").Out)!.AsArray();
        Assert.All(json, m => Assert.Contains("full", m!["engines"]!.AsArray().Select(e => e!.GetValue<string>())));
    }

    [Fact]
    public void A_scenario_with_a_duplicate_key_is_bad_input_naming_the_key()
    {
        string path = Temp("scenario") + ".json";
        File.WriteAllText(path, """{"lambda": 3, "beta": 0.1, "lambda": 4}""");
        try
        {
            var (exit, _, error) = CliRunner.Run("ode", "kgmm", "--scenario", path, "--t-end", "1", "--t-step", "0.5");
            Assert.Equal(2, exit);
            Assert.Contains("key 'lambda' is given twice", error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Output_through_a_symlink_writes_the_target_and_keeps_the_link()
    {
        string directory = Temp("link");
        Directory.CreateDirectory(directory);
        try
        {
            string target = Path.Combine(directory, "target.json"), link = Path.Combine(directory, "link.json");
            File.WriteAllText(target, "old");
            File.CreateSymbolicLink(link, target);
            Assert.Equal(0, CliRunner.Run("ode", "kgmm", "--t-end", "0.5", "--t-step", "0.5", "--output", link).Exit);
            Assert.NotNull(new FileInfo(link).LinkTarget);
            Assert.StartsWith("{", File.ReadAllText(target));
            Assert.Equal(2, Directory.GetFileSystemEntries(directory).Length); // no temporary left behind
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TheoryCheck.Tests.Support.LinuxFact]
    public void Output_to_a_device_is_written_directly_and_never_replaced()
    {
        Assert.Equal(0, CliRunner.Run("ode", "kgmm", "--t-end", "0.5", "--t-step", "0.5", "--output", "/dev/null").Exit);
        Assert.True(File.Exists("/dev/null"));
        Assert.Equal(0x2000, Kind("/dev/null")); // still the character device
        var (exit, _, error) = CliRunner.Run("ode", "kgmm", "--t-end", "0.5", "--t-step", "0.5", "--output", "/dev/full");
        Assert.Equal(2, exit);
        Assert.Contains("cannot write", error);
        Assert.Equal(0x2000, Kind("/dev/full"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/etc/hostname/under-a-file.json")]
    public void Unusable_output_paths_are_refused_before_any_work(string path) =>
        CliRunner.AssertBadInput("ode", "kgmm", "--t-end", "1", "--t-step", "0.5", "--output", path);

    private static int Kind(string path)
    {
        var status = new byte[256];
        return Stat(path, status) == 0 ? BitConverter.ToInt32(status, 4) & 0xF000 : -1;
    }

    [System.Runtime.InteropServices.DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int Stat([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, byte[] output);
}
