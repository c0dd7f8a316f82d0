using System.Globalization;
using TheoryCheck.Models.Xor;
using TheoryCheck.Simulation.Xor;

namespace TheoryCheck.Bench;

/// <summary>
/// The xor thread-CPU-time probe (<c>--xor-cputime [--json PATH]</c>; docs/performance-xor.md): SGD steps per second of
/// the <c>full</c> engine (K = 4, λ = 20, β = 0.05, c_δ = 1, warm start; xor.md §3: cluster, d normals, the 2-layer
/// ReLU network's gradient at the old parameters) at d = 10³, 10⁴, 10⁵, compared by bench/peers/xor_sgd.py with the
/// same step in a numpy loop.
/// </summary>
internal static class XorBenchmarks
{
    /// <summary>Runs the probe and writes the JSON the peer reads.</summary>
    public static void RunCpuTimeProbe(TextWriter output, string? jsonPath = null)
    {
        var sgd = new Dictionary<string, object>();
        foreach (int d in new[] { 1_000, 10_000, 100_000 })
        {
            var simulation = new XorSgdSimulation(new XorParameters(width: 4, lambda: 20, beta: 0.05, cdelta: 1), d, 1);
            Measurement step = CpuTime.Measure(() => simulation.AdvanceTo(simulation.Step + 1), targetSeconds: 0.5);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sgd d {d,8}: {1 / step.WallSeconds,10:F0} steps/s wall, {1 / step.CpuSeconds,10:F0} steps/s cpu ({d / step.CpuSeconds / 1e6:F0} M element-updates/s cpu)"));
            sgd[d.ToString(CultureInfo.InvariantCulture)] = new { steps_per_s_wall = 1 / step.WallSeconds, steps_per_s_cpu = 1 / step.CpuSeconds };
        }
        CpuTime.WriteJson(jsonPath, new { results = sgd });
    }
}
