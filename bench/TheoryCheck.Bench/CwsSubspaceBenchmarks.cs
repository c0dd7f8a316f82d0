using System.Diagnostics;
using System.Globalization;
using TheoryCheck.Models.Cws;
using TheoryCheck.Simulation.Cws;

namespace TheoryCheck.Bench;

/// <summary>
/// The cws subspace engine against the full engine (docs/theory/subspace.md §11; docs/performance-cws.md), as a console
/// command: <c>cws-subspace-rate [seconds] [max-full-d] [max-subspace-d]</c> prints, for the zero-one logistic problem of
/// <c>cws.zero-one-scaling</c> (f = ½, mean on both, γ = 1), SGD steps per second (best of 7 windows, wall and thread
/// CPU) of engine <c>subspace</c> at d = 10³ … max-subspace-d (default 5·10⁷, the model's limit C·d ≤ 10⁸ for two classes; powers of ten, then the maximum) and of engine <c>full</c> at d = 10³ …
/// max-full-d (default 10⁶), the setup time (mixture + frame) and bytes allocated per step. One thread, one seed.
/// </summary>
internal static class CwsSubspaceBenchmarks
{
    /// <summary>Runs the command; null when <paramref name="args"/> is not it.</summary>
    public static int? RunCommand(string[] args)
    {
        if (args.Length == 0 || args[0] != "cws-subspace-rate") return null;
        double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        int maxFull = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
        int maxSubspace = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 50_000_000;
        Console.WriteLine($"TheoryCheck cws engines, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load {Load()}");
        for (int d = 1000; d <= maxFull; d *= 10) Rate("full", d, seconds);
        int last = 0;
        for (int d = 1000; d <= maxSubspace; d *= 10) Rate("subspace", last = d, seconds);
        if (maxSubspace > last) Rate("subspace", maxSubspace, seconds);
        return 0;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static void Rate(string engine, int d, double seconds)
    {
        var setup = Stopwatch.StartNew();
        var p = new CwsParameters(CwsLoss.Logistic, CwsCovariance.ZeroOne, gamma: 1, zeroFraction: 0.5, meanOn: CwsMeanSupport.Both, dimension: d);
        var mixture = p.CreateMixture();
        ICwsStepper simulation = engine == "full"
            ? new CwsSgdSimulation(mixture, p.Loss, p.Schedule, 1)
            : new CwsSubspaceSimulation(mixture, p.Loss, p.Schedule, 1);
        double setupSeconds = setup.Elapsed.TotalSeconds;
        int perCall = engine == "full" ? Math.Max(1, 10_000_000 / d) : 100_000;
        simulation.AdvanceTo(perCall);
        long bytes0 = GC.GetAllocatedBytesForCurrentThread();
        long step0 = simulation.Step;
        simulation.AdvanceTo(simulation.Step + perCall);
        double bytesPerStep = (GC.GetAllocatedBytesForCurrentThread() - bytes0) / (double)(simulation.Step - step0);
        var measured = CpuTime.Measure(() => simulation.AdvanceTo(simulation.Step + perCall), seconds / 7, 7);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine={engine} d={d} steps_per_s_wall={perCall / measured.WallSeconds:G4} steps_per_s_cpu={perCall / measured.CpuSeconds:G4} " +
            $"us_per_step_cpu={measured.CpuSeconds / perCall * 1e6:G4} setup_s={setupSeconds:F2} bytes_per_step={bytesPerStep:F3} load={Load()}"));
        GC.Collect();
    }
}
