using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Theory.Cws;

namespace TheoryCheck.Tests.Theory.Cws;

public sealed class CwsScheduleTests
{
    /// <summary>
    /// The law tested (docs/theory/cws.md §3.2): for least squares below the threshold, a slowly decaying
    /// γ(t) = γ₀/(1 + t/t₀)^a (a &lt; 1) makes the risk follow the instantaneous floor 𝓡_min/(1 − γ(t) tr(K̄)/(2d)) and
    /// tend to 𝓡_min as γ → 0; the relative lag (𝓡 − law)/(law − 𝓡_min) is O(a/(γ(t)·t)) → 0 (measured 0.020, 0.0056,
    /// 0.0017 at t = 10², 10³, 10⁴ for γ₀ = 1.5, t₀ = 1, a = ½, isotropic, 𝓡_min = ¼).
    /// </summary>
    [Fact]
    public void DecayingStepSizeFollowsTheInstantaneousFloorDownToTheMinimum()
    {
        var p = new CwsParameters(loss: CwsLoss.Squares, gamma: 1.5, dimension: 50, schedule: CwsScheduleKind.Power, t0: 1, decay: 0.5);
        double[] times = [0, 100, 1000, 10000];
        var risk = CwsTheory.Solve(p, TimeGrid.FromPoints(times)).Series("risk");
        var lag = new double[3];
        for (int j = 1; j < times.Length; j++)
        {
            double law = 0.25 / (1 - p.Schedule.Rate(times[j]) / 2);
            lag[j - 1] = (risk[j] - law) / (law - 0.25);
            Assert.True(lag[j - 1] > 0, "the risk lags behind the falling floor");
        }
        Assert.True(lag[1] < 0.01 && lag[2] < lag[1] / 2.5 && lag[1] < lag[0] / 2.5, string.Join(", ", lag));
        Assert.Equal(0.25, risk[^1], 0.003);
    }

    [Fact]
    public void PiecewiseScheduleSettlesAtEachPiecesFloor()
    {
        var p = new CwsParameters(loss: CwsLoss.Squares, gamma: 1.6, dimension: 100, schedule: CwsScheduleKind.Piecewise, steps: [15], stepGammas: [1.0]);
        var ode = CwsTheory.Solve(p, TimeGrid.FromPoints([0, 15, 40]));
        Assert.Equal(2, ode.Segments);
        Assert.Equal(1.25, ode.Series("risk")[1], 1e-3);  // floor ¼/(1 − 0.8)
        Assert.Equal(0.5, ode.Series("risk")[2], 1e-6);   // floor ¼/(1 − 0.5)
        // The breakpoint need not be a grid point.
        var offGrid = CwsTheory.Solve(p, TimeGrid.FromPoints([0, 40]));
        Assert.Equal(ode.Series("risk")[2], offGrid.Series("risk")[1], 1e-8);
    }

    [Fact]
    public void APowerScheduleWithoutDecayIsTheConstantSchedule()
    {
        var grid = TimeGrid.FromPoints([0, 5]);
        var constant = CwsTheory.Solve(new CwsParameters(dimension: 20), grid).Series("risk");
        var power = CwsTheory.Solve(new CwsParameters(dimension: 20, schedule: CwsScheduleKind.Power, t0: 3, decay: 0), grid).Series("risk");
        Assert.Equal(constant, power);
        var exact = CwsTheory.ExactRecursion(new CwsParameters(loss: CwsLoss.Squares, dimension: 20), grid).Risk;
        var exactPower = CwsTheory.ExactRecursion(new CwsParameters(loss: CwsLoss.Squares, dimension: 20, schedule: CwsScheduleKind.Power, t0: 3, decay: 0), grid).Risk;
        Assert.Equal(exact, exactPower);
    }
}
