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
    /// -- --random-cputime [--json PATH]</c>. Same protocol as bench/peers/numpy_normals.py, which uses process CPU
    /// time and, given <c>--ours PATH</c>, prints the ratios.
    /// </summary>
    public static void RunCpuTimeProbe(TextWriter output, string? jsonPath = null)
    {
        StreamKey key = StreamKey.Derive(2024, "bench");
        output.WriteLine($"best path: {RandomStream.BestPath}; thread CPU time: {CpuTime.HasThreadClock}");
        var rows = new List<object>();
        foreach (int length in new[] { 1000, 4000, 16000, 1_000_000 })
        {
            var buffer = new double[length];
            foreach (SimdPath path in Paths)
            {
                ulong position = 0;
                Measurement normal = CpuTime.Measure(() =>
                {
                    RandomStream.FillNormal(key, position, buffer, path);
                    position += (ulong)length;
                });
                Measurement uniform = CpuTime.Measure(() =>
                {
                    RandomStream.FillUniform(key, position, buffer, path);
                    position += (ulong)length;
                });
                output.WriteLine(
                    $"size {length,8} {path,-9}: normals {length / normal.WallSeconds / 1e6,7:F1} M/s wall, {length / normal.CpuSeconds / 1e6,7:F1} M/s cpu; " +
                    $"uniforms {length / uniform.WallSeconds / 1e6,7:F1} M/s wall, {length / uniform.CpuSeconds / 1e6,7:F1} M/s cpu");
                rows.Add(new
                {
                    size = length,
                    path = path.ToString(),
                    best = path == RandomStream.BestPath,
                    normals_per_s_wall = length / normal.WallSeconds,
                    normals_per_s_cpu = length / normal.CpuSeconds,
                    uniforms_per_s_wall = length / uniform.WallSeconds,
                    uniforms_per_s_cpu = length / uniform.CpuSeconds,
                });
            }
        }

        CpuTime.WriteJson(jsonPath, new { best_path = RandomStream.BestPath.ToString(), results = rows });
    }
}
