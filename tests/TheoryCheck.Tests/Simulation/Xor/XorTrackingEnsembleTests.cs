using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Simulation.Xor;
using TheoryCheck.Theory.Xor;

namespace TheoryCheck.Tests.Simulation.Xor;

/// <summary>
/// ENSEMBLE CHECK (a short version of claims.md §2.1, not a unit test of one formula): at d = 2000 four SGD seeds track
/// the ODE; the mean over seeds of the sup-error over t ∈ [0, 6] (Δt = 0.25) and all statistics is within a few standard
/// errors of the claims' reference E_d ≈ 0.017 (d = 1200) … 0.0098 (d = 2400).
/// </summary>
[Trait("Category", "Ensemble")]
public sealed class XorTrackingEnsembleTests
{
    [Fact]
    public void SgdTracksTheOdeAtModerateDimension()
    {
        const int d = 2000, seeds = 4;
        var p = XorParameters.Default;
        var grid = TimeGrid.Uniform(6, 0.25);
        var ode = XorTheory.Solve(p, grid, new XorTheoryOptions { EstimateQmcError = false });
        var engine = new XorSgd(new XorPopulationRule { LossPoints = 256, AccuracyPoints = 256 });
        var runs = ParallelEnsemble.Run(seeds, s => engine.Run(new XorSimulationProblem(p, d, 100 + s, grid)));
        int statistics = XorStatistics.PackedLength(4);
        var errors = runs.Select(run =>
        {
            Assert.False(run.Status.Diverged);
            double sup = 0;
            for (int t = 0; t < grid.Times.Count; t++)
            {
                var a = run.Statistics[t].ToPacked();
                var b = ode.States[t].ToPacked();
                for (int j = 0; j < statistics; j++) sup = Math.Max(sup, Math.Abs(a[j] - b[j]));
            }
            return sup;
        }).ToArray();
        double mean = errors.Average();
        double se = Math.Sqrt(errors.Sum(e => (e - mean) * (e - mean)) / (seeds - 1) / seeds);
        Assert.InRange(mean, 0.003, 0.03);
        Assert.True(mean <= 0.0125 + 4 * se + 0.005, $"E_d = {mean:F4} ± {se:F4}");
    }
}
