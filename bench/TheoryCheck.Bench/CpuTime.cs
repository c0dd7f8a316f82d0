using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace TheoryCheck.Bench;

/// <summary>
/// Thread-CPU-time probes for a shared machine, where wall-clock benchmarks also measure the neighbours: calibrate an
/// inner loop to about <c>targetSeconds</c>, then report the best of <c>repeats</c> repeats per call, by wall clock and
/// by this thread's CPU time (CLOCK_THREAD_CPUTIME_ID on Linux, process time elsewhere). The peers in bench/peers
/// use the same protocol with process CPU time.
/// </summary>
internal static class CpuTime
{
    /// <summary>True when the per-thread clock is available (Linux).</summary>
    public static bool HasThreadClock => OperatingSystem.IsLinux();

    /// <summary>CPU seconds consumed by the calling thread (process CPU time when the thread clock is unavailable).</summary>
    public static double ThreadSeconds() =>
        OperatingSystem.IsLinux() && ClockGetTime(3 /* CLOCK_THREAD_CPUTIME_ID */, out TimeSpec time) == 0
            ? time.Seconds + (time.Nanoseconds * 1e-9)
            : Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>Best-of-repeats seconds per call of <paramref name="body"/>, by wall clock and by thread CPU time.</summary>
    public static Measurement Measure(Action body, double targetSeconds = 0.25, int repeats = 7)
    {
        WarmUp(body);
        long loops = 1;
        while (true)
        {
            var watch = Stopwatch.StartNew();
            for (long i = 0; i < loops; i++) body();
            if (watch.Elapsed.TotalSeconds > targetSeconds / 4)
            {
                loops = Math.Max(1, (long)(loops * targetSeconds / watch.Elapsed.TotalSeconds));
                break;
            }

            loops *= 4;
        }

        double bestWall = double.PositiveInfinity, bestCpu = double.PositiveInfinity;
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            double cpu0 = ThreadSeconds();
            var watch = Stopwatch.StartNew();
            for (long i = 0; i < loops; i++) body();
            bestWall = Math.Min(bestWall, watch.Elapsed.TotalSeconds / loops);
            bestCpu = Math.Min(bestCpu, Math.Max(ThreadSeconds() - cpu0, 1e-9) / loops);
        }

        return new Measurement(bestWall, bestCpu, loops);
    }

    /// <summary>
    /// Runs <paramref name="body"/> for at least 0.5 s and 200 calls (at most 2 s unless one call takes longer), pausing
    /// 10 ms every 50 ms, so tiered compilation
    /// (call counting, then the background tier-1 compile, which a loaded machine can starve) has replaced the tier-0
    /// code before anything is timed. Without it the first probe of a method could time tier-0 code (seen: 50× slower
    /// for TensorPrimitives.Exp).
    /// </summary>
    private static void WarmUp(Action body)
    {
        var watch = Stopwatch.StartNew();
        double lastPause = 0;
        for (long calls = 0; watch.Elapsed.TotalSeconds < 0.5 || (calls < 200 && watch.Elapsed.TotalSeconds < 2); calls++)
        {
            body();
            if (watch.Elapsed.TotalSeconds - lastPause > 0.05)
            {
                Thread.Sleep(10);
                lastPause = watch.Elapsed.TotalSeconds;
            }
        }
    }

    /// <summary>Writes <paramref name="value"/> as indented JSON to <paramref name="path"/> when a path was given.</summary>
    public static void WriteJson(string? path, object value)
    {
        if (path is null) return;
        File.WriteAllText(path, JsonSerializer.Serialize(value, new JsonSerializerOptions { WriteIndented = true }));
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
