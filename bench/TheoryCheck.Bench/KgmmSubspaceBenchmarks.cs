using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Simulation.Kgmm;

namespace TheoryCheck.Bench;

/// <summary>
/// The subspace engine of kgmm (docs/theory/subspace.md): one step (k = 3, λ = 3, β = 0.1, c_δ = 1) at d = 10³…10⁸
/// — the cost must not depend on d — and, as console commands, steps per second per seed on 1 and on all cores
/// (parallel over seeds) and the wall time of a whole engine run of 10⁸ steps (<c>sgd kgmm --engine subspace
/// --d 100000000 --t-end 1</c>, measured on the engine directly).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class KgmmSubspaceBenchmarks
{
    private const int StepsPerInvoke = 100_000;

    private KgmmSubspaceSimulation _simulation = null!;

    /// <summary>Data dimension d.</summary>
    [Params(1000, 100_000, 100_000_000)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _simulation = new KgmmSubspaceSimulation(new KgmmParameters(3, 3, 0.1, 1), Dimension, 1);
        _simulation.AdvanceTo(10_000);
    }

    /// <summary>One subspace step, averaged over 10⁵ steps per invocation.</summary>
    [Benchmark(OperationsPerInvoke = StepsPerInvoke)]
    public long SubspaceStep()
    {
        _simulation.AdvanceTo(_simulation.Step + StepsPerInvoke);
        return _simulation.Step;
    }

    /// <summary>
    /// Console commands: <c>kgmm-subspace-rate [seconds] [d ...]</c> prints µs per step per seed (best of 5 windows,
    /// wall and process CPU) on one thread and on all cores (one seed per thread), and allocated bytes per step;
    /// <c>kgmm-subspace-run [d] [t-end]</c> times a whole engine run (default d = 10⁸, T = 1: 10⁸ steps).
    /// Returns null when <paramref name="args"/> is not such a command.
    /// </summary>
    public static int? RunCommand(string[] args)
    {
        if (args.Length == 0) return null;
        switch (args[0])
        {
            case "kgmm-subspace-rate":
                {
                    double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 2;
                    int[] dims = args.Length > 2 ? args[2..].Select(int.Parse).ToArray() : [1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];
                    Console.WriteLine($"TheoryCheck kgmm subspace engine (k = 3), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
                    foreach (int d in dims) Rate(d, seconds);
                    return 0;
                }
            case "kgmm-subspace-run":
                {
                    int d = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000_000;
                    double tEnd = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 1;
                    WholeRun(d, tEnd);
                    return 0;
                }
            default:
                return null;
        }
    }

    private static void Rate(int d, double seconds)
    {
        var parameters = new KgmmParameters(3, 3, 0.1, 1);
        var single = new KgmmSubspaceSimulation(parameters, d, 1);
        single.AdvanceTo(100_000);
        const int StepsPerCall = 10_000;
        long bytes0 = GC.GetAllocatedBytesForCurrentThread();
        long step0 = single.Step;
        single.AdvanceTo(single.Step + 1_000_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - bytes0;
        long allocatedSteps = single.Step - step0;
        var measured = CpuTime.Measure(() => single.AdvanceTo(single.Step + StepsPerCall), seconds / 7, 7);
        double best = measured.WallSeconds / StepsPerCall, bestCpu = measured.CpuSeconds / StepsPerCall;

        // The dependent chain alone: the step kernels on fixed random inputs (no generation), k = 3 and generic.
        var x = single.Coordinates.ToArray().Concat(new double[3]).ToArray();
        var start = x.ToArray();
        var scratch = new double[6];
        var g = new double[6 * 256];
        new TheoryCheck.Numerics.Random.RandomStream(TheoryCheck.Numerics.Random.StreamKey.Derive(1, "bench.g")).FillNormal(g);
        var indicators = new double[3 * 256];
        for (int i = 0; i < 256; i++) indicators[3 * i + i % 3] = 1;
        double sigma = 1 / Math.Sqrt(3), delta = 1.0 / d, scale = 1 - delta * 0.1, rho = Math.Sqrt(d - 6.0);
        var rhos = Enumerable.Repeat(rho, 256).ToArray();
        var kernel3 = CpuTime.Measure(() =>
        {
            start.CopyTo(x, 0);
            for (int i = 0; i < StepsPerCall / 256; i++)
                KgmmSubspaceKernels.Advance3(x, indicators, g, rhos, 256, sigma, delta, scale);
        }, seconds / 7, 7);
        var kernel = CpuTime.Measure(() =>
        {
            start.CopyTo(x, 0);
            for (int i = 0; i < StepsPerCall; i++)
                KgmmSubspaceKernels.Step(x, 3, i % 3, g.AsSpan((i & 255) * 6, 6), rho, sigma, delta, scale, scratch, default);
        }, seconds / 7, 7);
        int per = StepsPerCall / 256 * 256;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  kernels on fixed inputs (CPU us/step): k=3 {kernel3.CpuSeconds / per * 1e6:F4}, generic {kernel.CpuSeconds / StepsPerCall * 1e6:F4}"));

        int threads = Environment.ProcessorCount;
        var sims = Enumerable.Range(0, threads).Select(s => new KgmmSubspaceSimulation(parameters, d, 100 + s)).ToArray();
        foreach (var s in sims) s.AdvanceTo(100_000);
        double bestParallel = double.MaxValue;
        for (int repeat = 0; repeat < 3; repeat++)
        {
            const long chunk = 2_000_000;
            var clock = Stopwatch.StartNew();
            ParallelEnsemble.Run(threads, i => sims[i].AdvanceTo(sims[i].Step + chunk), threads);
            bestParallel = Math.Min(bestParallel, clock.Elapsed.TotalSeconds / (chunk * threads));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"d={d} k=3 us_per_step_1thread={best * 1e6:F4} cpu_us_per_step={bestCpu * 1e6:F4} steps_per_s={1 / best:E3} " +
            $"us_per_step_per_seed_{threads}threads={bestParallel * 1e6:F4} seeds_x_steps_per_s={1 / bestParallel:E3} bytes_per_step={(double)allocated / allocatedSteps:F4}"));
    }

    private static void WholeRun(int d, double tEnd)
    {
        var parameters = new KgmmParameters(3, 3, 0.1, 1);
        var problem = new KgmmSimulationProblem(parameters, d, 1, TimeGrid.Uniform(tEnd, tEnd / 10));
        var clock = Stopwatch.StartNew();
        double cpu0 = CpuTime.ThreadSeconds();
        var run = new KgmmSubspaceSgd().Run(problem);
        double wall = clock.Elapsed.TotalSeconds, cpu = CpuTime.ThreadSeconds() - cpu0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine subspace d={d} t_end={tEnd}: steps={run.Steps} wall_s={wall:F2} thread_cpu_s={cpu:F2} step_wall_s={run.StepSeconds:F2} us_per_step_wall={run.StepSeconds / run.Steps * 1e6:F4} us_per_step_cpu={cpu / run.Steps * 1e6:F4} status={run.Status} load={File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"final m[1,1]={run.Trajectory["m[1,1]"][^1]:F5} Rperp[1,1]={run.Trajectory["Rperp[1,1]"][^1]:F5} loss={run.Trajectory["loss"][^1]:F5}"));
    }
}
