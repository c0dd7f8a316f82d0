using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using TheoryCheck.Models.Quadratic;
using TheoryCheck.Simulation.Quadratic;

namespace TheoryCheck.Bench;

/// <summary>
/// SGD steps per second of the quadratic engine (additive noise, plain SGD, k = d/100): one step draws d normals
/// and updates e ← (1 − ηλ)e − ησz block by block, keeping the block sums of squares (hence χ² and the loss) current.
/// Steps per second = OperationsPerInvoke / time. Peer: bench/peers/quadratic_sgd.py (the same algorithm in numpy).
/// </summary>
[MemoryDiagnoser]
public class QuadraticBenchmarks
{
    private const int StepsPerInvoke = 10;
    private QuadraticEngine engine = null!;

    /// <summary>Dimension d.</summary>
    [Params(10_000, 100_000, 1_000_000)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup() => engine = new QuadraticEngine(Parameters(Dimension), 1);

    /// <summary>Ten SGD steps (additive noise).</summary>
    [Benchmark(OperationsPerInvoke = StepsPerInvoke)]
    public double SgdSteps()
    {
        for (int i = 0; i < StepsPerInvoke; i++) engine.Advance();
        return engine.Loss;
    }

    private static QuadraticParameters Parameters(int d) => QuadraticParameters.Base with { Dimension = d, DominantCount = d / 100 };

    /// <summary>
    /// Steps per second by wall clock and by thread CPU time (best of 7 repeats of about 0.5 s) for d = 1e4, 1e5, 1e6:
    /// <c>dotnet run -c Release --project bench/TheoryCheck.Bench -- --quadratic-cputime</c>. Same protocol as
    /// bench/peers/quadratic_sgd.py (which uses process CPU time), for shared machines.
    /// </summary>
    public static void RunCpuTimeProbe(TextWriter output)
    {
        foreach (int d in new[] { 10_000, 100_000, 1_000_000 })
        {
            var e = new QuadraticEngine(Parameters(d), 1);
            long loops = 1;
            while (true)
            {
                var watch = Stopwatch.StartNew();
                for (long i = 0; i < loops; i++) e.Advance();
                if (watch.Elapsed.TotalSeconds > 0.125) { loops = Math.Max(1, (long)(loops * 0.5 / watch.Elapsed.TotalSeconds)); break; }
                loops *= 4;
            }
            double bestWall = double.PositiveInfinity, bestCpu = double.PositiveInfinity;
            for (int repeat = 0; repeat < 7; repeat++)
            {
                double cpu0 = ThreadCpuSeconds();
                var watch = Stopwatch.StartNew();
                for (long i = 0; i < loops; i++) e.Advance();
                bestWall = Math.Min(bestWall, watch.Elapsed.TotalSeconds / loops);
                bestCpu = Math.Min(bestCpu, Math.Max(ThreadCpuSeconds() - cpu0, 1e-9) / loops);
            }
            output.WriteLine($"d {d,8}: {1 / bestWall,10:F1} steps/s wall, {1 / bestCpu,10:F1} steps/s cpu ({d / bestCpu / 1e6:F0} M element-updates/s cpu)");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static double ThreadCpuSeconds() =>
        OperatingSystem.IsLinux() && ClockGetTime(3 /* CLOCK_THREAD_CPUTIME_ID */, out TimeSpec time) == 0
            ? time.Seconds + time.Nanoseconds * 1e-9
            : Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
