using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Theory.Kgmm;

namespace TheoryCheck.Tests.Cli;

/// <summary>
/// <c>ode --rtol --atol --method --corrector</c>: the options reach the model's solver (its diagnostics say so and the
/// numbers are those of the library called with the same options), options a theory does not have are refused with the
/// reason, bad values are one line and exit 2 before any work — for every model of the catalogue.
/// </summary>
public sealed class OdeSolverOptionsTests
{
    public static TheoryData<string> ModelIds => new(ModelCatalog.All.Select(b => b.Descriptor.Id));

    private static JsonNode Ode(params string[] args)
    {
        var (exit, output, error) = CliRunner.RunWith(HostileInputTests.Defaults, ["ode", .. args]);
        Assert.True(exit == 0, $"ode {string.Join(' ', args)}: exit {exit}: {error}");
        return JsonNode.Parse(output)!;
    }

    private static string[] Base(IModelBinding binding) =>
        [binding.Descriptor.Id, .. binding.TheoryUsesDimension ? new[] { "--d", "60" } : [], "--t-end", binding.Descriptor.Id == "quadratic" ? "4" : "1", "--t-step", binding.Descriptor.Id == "quadratic" ? "2" : "0.5"];

    [Theory]
    [MemberData(nameof(ModelIds))]
    public void Every_option_is_honoured_or_refused_with_the_reason(string model)
    {
        var binding = ModelCatalog.Find(model);
        var support = binding.TheorySolver;
        string[] run = Base(binding);
        if (support.Tolerances)
        {
            var diagnostics = Ode([.. run, "--rtol", "2.5e-5", "--atol", "3e-9"])["diagnostics"]!;
            Assert.Equal(2.5e-5, diagnostics["rtol"]!.GetValue<double>());
            Assert.Equal(3e-9, diagnostics["atol"]!.GetValue<double>());
        }
        else
        {
            Assert.Contains(support.Reason, CliRunner.AssertBadInputWith(HostileInputTests.Defaults, ["ode", .. run, "--rtol", "1e-6"]));
            Assert.Contains("--atol", CliRunner.AssertBadInputWith(HostileInputTests.Defaults, ["ode", .. run, "--atol", "1e-6"]));
        }
        foreach (var (name, _) in TheorySolverSettings.MethodNames)
        {
            if (support.Methods.Contains(name))
            {
                string solver = Ode([.. run, "--method", name])["diagnostics"]!["solver"]!.GetValue<string>();
                Assert.Equal(name == TheorySolverSettings.DormandPrince853 ? "DormandPrince853" : "DormandPrince54", solver);
            }
            else
            {
                Assert.Contains("--method", CliRunner.AssertBadInputWith(HostileInputTests.Defaults, ["ode", .. run, "--method", name]));
            }
        }
        if (support.Corrector)
        {
            Assert.False(Ode([.. run, "--corrector", "off"])["diagnostics"]!["corrector"]!.GetValue<bool>());
            Assert.True(Ode([.. run, "--corrector", "on"])["diagnostics"]!["corrector"]!.GetValue<bool>());
        }
        else
        {
            Assert.Contains("--corrector", CliRunner.AssertBadInputWith(HostileInputTests.Defaults, ["ode", .. run, "--corrector", "off"]));
        }
    }

    [Theory]
    [InlineData("--rtol", "0")]
    [InlineData("--rtol", "1e-15")]
    [InlineData("--rtol", "2")]
    [InlineData("--rtol", "abc")]
    [InlineData("--rtol", "nan")]
    [InlineData("--atol", "0")]
    [InlineData("--atol", "-1e-8")]
    [InlineData("--atol", "1.5")]
    [InlineData("--method", "rk45")]
    [InlineData("--method", "")]
    [InlineData("--corrector", "maybe")]
    [InlineData("--corrector", "ON")]
    public void A_bad_value_is_one_line_and_exit_2_with_nothing_written(string option, string value)
    {
        string file = Path.Combine(Path.GetTempPath(), "tc-ode-" + Guid.NewGuid().ToString("N") + ".json");
        string line = CliRunner.AssertBadInputWith(HostileInputTests.Defaults, "ode", "kgmm", "--t-end", "1", "--t-step", "0.5", option, value, "--output", file);
        Assert.Contains(option, line);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void The_corrector_switch_gives_the_library_solution_without_the_corrector()
    {
        var grid = TimeGrid.Uniform(2, 0.5);
        var off = KgmmTheory.Trajectory(KgmmParameters.FromValues(KgmmModel.Descriptor.Defaults), grid, KgmmTheoryOptions.Default with { Corrector = false });
        var on = KgmmTheory.Trajectory(KgmmParameters.FromValues(KgmmModel.Descriptor.Defaults), grid, KgmmTheoryOptions.Default);
        var printed = Ode("kgmm", "--t-end", "2", "--t-step", "0.5", "--corrector", "off")["observables"]!;
        Assert.Equal(off["R[1,1]"], printed["R[1,1]"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.NotEqual(on["R[1,1]"][^1], off["R[1,1]"][^1]); // the switch changes the numbers
    }

    [Fact]
    public void A_loose_tolerance_is_less_accurate_than_the_default_against_the_eighth_order_reference()
    {
        static double[] R11(params string[] extra) =>
            Ode(["kgmm", "--t-end", "8", "--t-step", "2", .. extra])["observables"]!["R[1,1]"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var reference = R11("--method", "dp853", "--rtol", "1e-12", "--atol", "1e-14");
        double Error(double[] x) => x.Zip(reference, (a, b) => Math.Abs(a - b)).Max();
        double loose = Error(R11("--rtol", "1e-3", "--atol", "1e-3"));
        double tight = Error(R11());
        Assert.True(tight < 1e-6, $"default error {tight}");
        Assert.True(loose > 10 * tight, $"loose error {loose} vs default {tight}");
    }
}
