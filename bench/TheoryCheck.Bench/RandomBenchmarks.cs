using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Bench;

/// <summary>
/// Throughput of counter-based normals and uniforms into caller-owned spans (normals per second = Length / time).
/// Peer: bench/peers/numpy_normals.py (numpy default_rng, PCG64, standard_normal(size, out=buf)).
/// </summary>
[MemoryDiagnoser]
public class RandomBenchmarks
{
    private double[] buffer = [];
    private ulong position;
    private readonly StreamKey key = StreamKey.Derive(2024, "bench");

    /// <summary>Span length: SGD dimensions 1000, 4000, 16000 and a long fill.</summary>
    [Params(1000, 4000, 16000, 1_000_000)]
    public int Length { get; set; }

    /// <summary>Instruction-set path (all supported ones; they give identical bits).</summary>
    [ParamsSource(nameof(Paths))]
    public SimdPath Path { get; set; }

    public static IEnumerable<SimdPath> Paths => Enum.GetValues<SimdPath>().Where(RandomStream.IsSupported);

    [GlobalSetup]
    public void Setup()
    {
        buffer = new double[Length];
        position = 0;
    }

    [Benchmark]
    public double FillNormal()
    {
        RandomStream.FillNormal(key, position, buffer, Path);
        position += (ulong)Length;
        return buffer[0];
    }

    [Benchmark]
    public double FillUniform()
    {
        RandomStream.FillUniform(key, position, buffer, Path);
        position += (ulong)Length;
        return buffer[0];
    }

    /// <summary>
    /// Thread-CPU-time throughput of every supported path (best of 7 repeats of about 0.25 s), for shared machines
    /// where wall-clock benchmarks measure the neighbours: <c>dotnet run -c Release --project bench/TheoryCheck.Bench
    /// -- --random-cputime</c>. Same protocol as bench/peers/numpy_normals.py, which uses process CPU time.
    /// </summary>
    public static void RunCpuTimeProbe(TextWriter output)
    {
        StreamKey key = StreamKey.Derive(2024, "bench");
        output.WriteLine($"best path: {RandomStream.BestPath}; thread CPU time: {HasThreadClock()}");
        foreach (int length in new[] { 1000, 4000, 16000, 1_000_000 })
        {
            var buffer = new double[length];
            foreach (SimdPath path in Paths)
            {
                ulong position = 0;
                (double wall, double cpu) normal = Measure(() =>
                {
                    RandomStream.FillNormal(key, position, buffer, path);
                    position += (ulong)length;
                }, length);
                (double wall, double cpu) uniform = Measure(() =>
                {
                    RandomStream.FillUniform(key, position, buffer, path);
                    position += (ulong)length;
                }, length);
                output.WriteLine(
                    $"size {length,8} {path,-9}: normals {normal.wall / 1e6,7:F1} M/s wall, {normal.cpu / 1e6,7:F1} M/s cpu; " +
                    $"uniforms {uniform.wall / 1e6,7:F1} M/s wall, {uniform.cpu / 1e6,7:F1} M/s cpu");
            }
        }
    }

    private static (double Wall, double Cpu) Measure(Action fill, int length)
    {
        long loops = 1;
        while (true)
        {
            var watch = Stopwatch.StartNew();
            for (long i = 0; i < loops; i++)
            {
                fill();
            }

            if (watch.Elapsed.TotalSeconds > 0.25 / 4)
            {
                loops = Math.Max(1, (long)(loops * 0.25 / watch.Elapsed.TotalSeconds));
                break;
            }

            loops *= 4;
        }

        double bestWall = double.PositiveInfinity, bestCpu = double.PositiveInfinity;
        for (int repeat = 0; repeat < 7; repeat++)
        {
            double cpu0 = ThreadCpuSeconds();
            var watch = Stopwatch.StartNew();
            for (long i = 0; i < loops; i++)
            {
                fill();
            }

            bestWall = Math.Min(bestWall, watch.Elapsed.TotalSeconds / loops);
            bestCpu = Math.Min(bestCpu, Math.Max(ThreadCpuSeconds() - cpu0, 1e-9) / loops);
        }

        return (length / bestWall, length / bestCpu);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static bool HasThreadClock() => OperatingSystem.IsLinux();

    private static double ThreadCpuSeconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(3 /* CLOCK_THREAD_CPUTIME_ID */, out TimeSpec time) == 0)
        {
            return time.Seconds + (time.Nanoseconds * 1e-9);
        }

        return Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    }
}
