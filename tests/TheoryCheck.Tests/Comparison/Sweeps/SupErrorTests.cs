using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Sweeps;
using TheoryCheck.Models.Observables;
using static TheoryCheck.Tests.Comparison.TrajectoryFactory;

namespace TheoryCheck.Tests.Comparison.Sweeps;

public class SupErrorTests
{
    private static readonly double[] s_times = [0, 0.5, 1];
    private static readonly Trajectory s_theory = Make("ode", s_times, null, null,
        ("m[1,1]", [0, 1, 2]), ("m[1,2]", [1, 1, 1]), ("R[1,1]", [1, 1, 1]));

    [Fact]
    public void TakesTheMaximumOverTimesAndListedEntries()
    {
        var sim = Make("sgd", s_times, 100, 7, ("m[1,1]", [0.1, 0.7, 2]), ("m[1,2]", [1, 1.5, 1]), ("R[1,1]", [9, 9, 9]));
        var e = SupError.Of(s_theory, sim, ["m[1,1]", "m[1,2]"]);
        Assert.Equal(0.5, e.Value, 15);
        Assert.Equal("m[1,2]", e.Observable);
        Assert.Equal(0.5, e.Time);
        Assert.Equal(1, e.TimeIndex);
        Assert.Equal(1.5, e.Simulated);
        Assert.Equal(1, e.Theory);
        Assert.Equal(2, e.EntryCount);
        // Globs: m[*] is the same two entries; * adds R[1,1] whose error 8 dominates.
        Assert.Equal(0.5, SupError.Of(s_theory, sim, ["m[*]"]).Value, 15);
        Assert.Equal(8, SupError.Of(s_theory, sim, ["*"]).Value, 15);
        Assert.Equal(3, SupError.Of(s_theory, sim, ["*"]).EntryCount);
    }

    [Fact]
    public void IdenticalTrajectoriesHaveZeroError() =>
        Assert.Equal(0, SupError.Of(s_theory, s_theory, ["*"]).Value);

    [Fact]
    public void DifferentGridsAreReportedClearly()
    {
        var shorter = Make("sgd", [0, 0.5], 100, 1, ("m[1,1]", [0, 1]));
        Assert.Contains("theory has 3 points", Assert.Throws<ArgumentException>(() => SupError.Of(s_theory, shorter, ["m[1,1]"])).Message);
        var shifted = Make("sgd", [0, 0.6, 1], 100, 1, ("m[1,1]", [0, 1, 2]));
        var message = Assert.Throws<ArgumentException>(() => SupError.Of(s_theory, shifted, ["m[1,1]"])).Message;
        Assert.Contains("time grids differ at point 1", message);
        Assert.Contains("0.6", message);
        // Within the tolerance the grids agree.
        var close = Make("sgd", [0, 0.5 + 1e-12, 1], 100, 1, ("m[1,1]", [0, 1, 2]));
        Assert.Equal(0, SupError.Of(s_theory, close, ["m[1,1]"]).Value);
    }

    [Fact]
    public void UnknownOrMissingObservablesAreErrors()
    {
        var sim = Make("sgd", s_times, 100, 1, ("m[1,1]", [0, 1, 2]));
        Assert.Contains("no observable 'loss'", Assert.Throws<ArgumentException>(() => SupError.Of(s_theory, sim, ["loss"])).Message);
        Assert.Contains("'m[1,2]' is missing from sgd run (d = 100, seed = 1)",
            Assert.Throws<ArgumentException>(() => SupError.Of(s_theory, sim, ["m[*]"])).Message);
    }

    [Fact]
    public void DivergedOrNonFiniteRunsThrowDivergence()
    {
        var diverged = new Trajectory("toy", "sgd", new JsonObject(), 100, 3, [0], [new("m[1,1]", [0.0])],
            RunStatus.DivergedAt(812, 0.4, "non-finite parameter vector"));
        var e = Assert.Throws<DivergenceException>(() => SupError.Of(s_theory, diverged, ["m[1,1]"]));
        Assert.Contains("step 812", e.Message);
        var nan = Make("sgd", s_times, 100, 1, ("m[1,1]", [0, double.NaN, 2]));
        Assert.Contains("non-finite m[1,1] at t = 0.5", Assert.Throws<DivergenceException>(() => SupError.Of(s_theory, nan, ["m[1,1]"])).Message);
    }
}
