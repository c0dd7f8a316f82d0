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
    /// <c>dotnet run -c Release --project bench/TheoryCheck.Bench -- --quadratic-cputime [--json PATH]</c>. Same protocol
    /// as bench/peers/quadratic_sgd.py (which uses process CPU time and, given <c>--ours PATH</c>, prints the ratios).
    /// </summary>
    public static void RunCpuTimeProbe(TextWriter output, string? jsonPath = null)
    {
        var results = new Dictionary<string, object>();
        foreach (int d in new[] { 10_000, 100_000, 1_000_000 })
        {
            var e = new QuadraticEngine(Parameters(d), 1);
            Measurement step = CpuTime.Measure(() => e.Advance(), targetSeconds: 0.5);
            output.WriteLine($"d {d,8}: {1 / step.WallSeconds,10:F1} steps/s wall, {1 / step.CpuSeconds,10:F1} steps/s cpu ({d / step.CpuSeconds / 1e6:F0} M element-updates/s cpu)");
            results[d.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                new { steps_per_s_wall = 1 / step.WallSeconds, steps_per_s_cpu = 1 / step.CpuSeconds };
        }

        CpuTime.WriteJson(jsonPath, new { results });
    }
}
