using System.Diagnostics;
using System.Globalization;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Simulation.Kgmm;
using TheoryCheck.Simulation.Xor;

namespace TheoryCheck.Bench;

/// <summary>
/// The subspace engine of xor (docs/theory/subspace.md §10; docs/performance-xor.md), as console commands:
/// <c>xor-subspace-rate [seconds] [K ...]</c> prints µs per step per seed (best of 7 windows, wall and thread CPU) at
/// d = 10³, 10⁵, 10⁸ on one thread and on all cores (one seed per thread), the dependent chain alone (the step kernel on
/// fixed inputs), bytes allocated per step, and the kgmm k = 3 subspace engine in the same process as a load-independent
/// reference; <c>xor-subspace-run [d] [t-end] [K]</c> times a whole engine run (default d = 10⁸, T = 1, K = 4: the
/// problem of <c>sgd xor --engine subspace --d 100000000 --t-end 1</c>, observables included).
/// </summary>
internal static class XorSubspaceBenchmarks
{
    /// <summary>Runs a command; null when <paramref name="args"/> is not one of them.</summary>
    public static int? RunCommand(string[] args)
    {
        if (args.Length == 0) return null;
        switch (args[0])
        {
            case "xor-subspace-rate":
                {
                    double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 2;
                    int[] widths = args.Length > 2 ? args[2..].Select(int.Parse).ToArray() : [4, 8];
                    Console.WriteLine($"TheoryCheck xor subspace engine, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load {Load()}");
                    foreach (int k in widths)
                        foreach (int d in new[] { 1000, 100_000, 100_000_000 }) Rate(k, d, seconds);
                    KgmmReference(seconds);
                    return 0;
                }
            case "xor-subspace-run":
                {
                    int d = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000_000;
                    double tEnd = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 1;
                    int k = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4;
                    WholeRun(d, tEnd, k);
                    return 0;
                }
            default:
                return null;
        }
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static void Rate(int k, int d, double seconds)
    {
        var parameters = new XorParameters(k);
        var single = new XorSubspaceSimulation(parameters, d, 1);
        single.AdvanceTo(100_000);
        const int StepsPerCall = 10_000;
        long bytes0 = GC.GetAllocatedBytesForCurrentThread();
        long step0 = single.Step;
        single.AdvanceTo(single.Step + 1_000_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - bytes0;
        long allocatedSteps = single.Step - step0;
        var measured = CpuTime.Measure(() => single.AdvanceTo(single.Step + StepsPerCall), seconds / 7, 7);

        // The dependent chain alone: the step kernel on fixed random inputs (no generation).
        int n = k + 2;
        var x = single.Coordinates.ToArray().Concat(new double[k]).ToArray();
        var v = single.V.ToArray();
        var start = x.ToArray();
        var v0 = v.ToArray();
        var scratch = new double[n + 2 * k];
        var g = new double[n * 256];
        new TheoryCheck.Numerics.Random.RandomStream(TheoryCheck.Numerics.Random.StreamKey.Derive(1, "bench.xor.g")).FillNormal(g);
        double sigma = 1 / Math.Sqrt(parameters.Lambda), delta = parameters.CDelta / d, scale = 1 - delta * parameters.Beta;
        double rho = Math.Sqrt(d - (double)n);
        var kernel = CpuTime.Measure(() =>
        {
            start.CopyTo(x, 0);
            v0.CopyTo(v, 0);
            for (int i = 0; i < StepsPerCall; i++)
                XorSubspaceKernels.Step(x, v, k, i & 3, g.AsSpan((i & 255) * n, n), rho, sigma, delta, scale, parameters.Beta, scratch, default);
        }, seconds / 7, 7);

        int threads = Environment.ProcessorCount;
        var sims = Enumerable.Range(0, threads).Select(s => new XorSubspaceSimulation(parameters, d, 100 + s)).ToArray();
        foreach (var s in sims) s.AdvanceTo(100_000);
        double bestParallel = double.MaxValue;
        for (int repeat = 0; repeat < 3; repeat++)
        {
            const long chunk = 1_000_000;
            var clock = Stopwatch.StartNew();
            ParallelEnsemble.Run(threads, i => sims[i].AdvanceTo(sims[i].Step + chunk), threads);
            bestParallel = Math.Min(bestParallel, clock.Elapsed.TotalSeconds / (chunk * threads));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"K={k} d={d} us_per_step_wall={measured.WallSeconds / StepsPerCall * 1e6:F4} us_per_step_cpu={measured.CpuSeconds / StepsPerCall * 1e6:F4} " +
            $"kernel_cpu_us={kernel.CpuSeconds / StepsPerCall * 1e6:F4} us_per_step_per_seed_{threads}threads_wall={bestParallel * 1e6:F4} " +
            $"bytes_per_step={(double)allocated / allocatedSteps:F4} load={Load()}"));
    }

    private static void KgmmReference(double seconds)
    {
        var single = new KgmmSubspaceSimulation(new KgmmParameters(3, 3, 0.1, 1), 100_000_000, 1);
        single.AdvanceTo(100_000);
        const int StepsPerCall = 10_000;
        var measured = CpuTime.Measure(() => single.AdvanceTo(single.Step + StepsPerCall), seconds / 7, 7);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reference kgmm subspace k=3 d=1e8 us_per_step_wall={measured.WallSeconds / StepsPerCall * 1e6:F4} us_per_step_cpu={measured.CpuSeconds / StepsPerCall * 1e6:F4} load={Load()}"));
    }

    private static void WholeRun(int d, double tEnd, int k)
    {
        var parameters = new XorParameters(k);
        var problem = new XorSimulationProblem(parameters, d, 1, TimeGrid.Uniform(tEnd, tEnd / 10));
        var clock = Stopwatch.StartNew();
        double cpu0 = CpuTime.ThreadSeconds();
        var run = new XorSubspaceSgd().Run(problem);
        double wall = clock.Elapsed.TotalSeconds, cpu = CpuTime.ThreadSeconds() - cpu0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"xor engine subspace K={k} d={d} t_end={tEnd}: steps={run.Steps} wall_s={wall:F2} thread_cpu_s={cpu:F2} step_wall_s={run.StepSeconds:F2} " +
            $"us_per_step_wall={run.StepSeconds / run.Steps * 1e6:F4} us_per_step_cpu={cpu / run.Steps * 1e6:F4} status={run.Status} load={Load()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"final v[1]={run.Trajectory["v[1]"][^1]:F5} mmu[1]={run.Trajectory["mmu[1]"][^1]:F5} Rperp[1,1]={run.Trajectory["Rperp[1,1]"][^1]:F5} loss={run.Trajectory["loss"][^1]:F5} accuracy={run.Trajectory["accuracy"][^1]:F5}"));
    }
}
