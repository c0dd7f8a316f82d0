using System.Globalization;
using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Simulation.Cws;
using TheoryCheck.Theory.Cws;

namespace TheoryCheck.Bench;

/// <summary>
/// The cws thread-CPU-time probe (<c>--cws-cputime [--json PATH]</c>; docs/performance.md, "cws"): one-pass SGD steps
/// per second of the <c>full</c> engine (logistic, power law α = (1.1, 1.5), β_μ = −0.25, γ = 1) at d = 10³, 10⁴, 10⁵,
/// compared by bench/peers/cws_sgd.py with the same step in a numpy loop; and the cost per unit of model time of the
/// per-mode ODE (cws.md §3) against the binned ODE (§9, target 2000 bins) at d = 10³ … 10⁶, integrated to t = 40.
/// </summary>
internal static class CwsBenchmarks
{
    private static CwsParameters Parameters(int d) =>
        new(CwsLoss.Logistic, CwsCovariance.PowerLaw, gamma: 1, alpha1: 1.1, alpha2: 1.5, meanExponent: -0.25, dimension: d);

    /// <summary>Runs the probe and writes the JSON the peer reads.</summary>
    public static void RunCpuTimeProbe(TextWriter output, string? jsonPath = null)
    {
        var sgd = new Dictionary<string, object>();
        foreach (int d in new[] { 1_000, 10_000, 100_000 })
        {
            var p = Parameters(d);
            var simulation = new CwsSgdSimulation(p.CreateMixture(), p.Loss, p.Schedule, 1);
            Measurement step = CpuTime.Measure(() => simulation.AdvanceTo(simulation.Step + 1), targetSeconds: 0.5);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sgd d {d,8}: {1 / step.WallSeconds,10:F0} steps/s wall, {1 / step.CpuSeconds,10:F0} steps/s cpu ({d / step.CpuSeconds / 1e6:F0} M element-updates/s cpu)"));
            sgd[d.ToString(CultureInfo.InvariantCulture)] = new { steps_per_s_wall = 1 / step.WallSeconds, steps_per_s_cpu = 1 / step.CpuSeconds };
        }

        const double end = 40;
        var grid = TimeGrid.Uniform(end, end);
        var ode = new Dictionary<string, object>();
        foreach (int d in new[] { 1_000, 10_000, 100_000, 1_000_000 })
        {
            var p = Parameters(d);
            var mixture = p.CreateMixture();
            var binning = CwsBinning.Geometric(mixture, CwsTheory.DefaultBins);
            CwsOdeSolution? modes = null, binned = null;
            Measurement perMode = CpuTime.Measure(() => modes = CwsTheory.Solve(mixture, p.Loss, p.Schedule, grid), targetSeconds: 0.5, repeats: 3);
            Measurement bins = CpuTime.Measure(() => binned = CwsTheory.SolveBinned(mixture, p.Loss, p.Schedule, binning, grid), targetSeconds: 0.5, repeats: 3);
            Measurement setup = CpuTime.Measure(() => CwsBinning.Geometric(mixture, CwsTheory.DefaultBins), targetSeconds: 0.25, repeats: 3);
            double difference = Math.Abs(modes!.Series(CwsModel.Risk)[^1] - binned!.Series(CwsModel.Risk)[^1]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ode d {d,8}: per-mode {perMode.CpuSeconds / end * 1e3,9:F3} ms per unit time ({modes.Work.RhsEvaluations} rhs), binned {bins.CpuSeconds / end * 1e3,7:F3} ms ({binning.Count} bins, setup {setup.CpuSeconds * 1e3:F1} ms), ratio {perMode.CpuSeconds / bins.CpuSeconds:F1}x, |Δ𝓡(40)| {difference:G2}"));
            ode[d.ToString(CultureInfo.InvariantCulture)] = new
            {
                per_mode_s_per_time_cpu = perMode.CpuSeconds / end,
                binned_s_per_time_cpu = bins.CpuSeconds / end,
                binning_setup_s_cpu = setup.CpuSeconds,
                bins = binning.Count,
                rhs_evaluations = modes.Work.RhsEvaluations,
                risk_difference = difference,
            };
        }

        CpuTime.WriteJson(jsonPath, new { results = sgd, ode });
    }
}
