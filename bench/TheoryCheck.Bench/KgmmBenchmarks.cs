using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Numerics.Spectra;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Simulation.Kgmm;
using TheoryCheck.Numerics.Kernels;

namespace TheoryCheck.Bench;

/// <summary>
/// kgmm hot paths (issue 3): online SGD steps at d = 1000, 4000, 16000 (k = 3), the normal generator alone (its share
/// of a step), and the top-12 eigenpairs of the full empirical Hessian (k = 4, φ = 3, β excluded) by Lanczos, with the
/// dense MathNet oracle at a smaller size. Peers: bench/peers/kgmm_sgd.py and bench/peers/kgmm_eigsh.py; the console
/// commands of <see cref="RunCommand"/> measure our side back to back with them (docs/performance-kgmm.md).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 7)]
public class KgmmBenchmarks
{
    private const int StepsPerInvoke = 2000;

    private KgmmSgdSimulation _simulation = null!;
    private double[] _normals = null!;
    private ulong _position;

    /// <summary>Data dimension of the SGD benchmarks.</summary>
    [Params(1000, 4000, 16000)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _simulation = new KgmmSgdSimulation(new KgmmParameters(3, 3, 0.1, 1), Dimension, 1);
        _simulation.AdvanceTo(1000);
        _normals = new double[Dimension];
    }

    /// <summary>One SGD step (k = 3, λ = 3, β = 0.1, c_δ = 1), averaged over 2000 steps per invocation.</summary>
    [Benchmark(OperationsPerInvoke = StepsPerInvoke)]
    public long SgdStep()
    {
        _simulation.AdvanceTo(_simulation.Step + StepsPerInvoke);
        return _simulation.Step;
    }

    /// <summary>
    /// The d standard normals of one step alone (Philox4x32-10 + Box–Muller, fill of a reused buffer): the baseline, so
    /// BenchmarkDotNet's Ratio column of <see cref="SgdStep"/> is (cost of a step)/(cost of its normals), measured in one run.
    /// </summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = StepsPerInvoke)]
    public double NormalsOfOneStep()
    {
        var key = KgmmStreams.Sgd(1, Dimension);
        for (int i = 0; i < StepsPerInvoke; i++)
        {
            RandomStream.FillNormal(key, _position, _normals);
            _position += (ulong)Dimension;
        }
        return _normals[0];
    }

    /// <summary>
    /// Spectra of the full empirical Hessian (k = 4, φ = 3, β excluded) at the state of <see cref="SpectrumState"/>:
    /// one product, the top 12 eigenpairs by Lanczos (tolerance 1e-10, with and without the fresh-start check) at
    /// d = 2000 (kd = 8000, M = 6000), and Lanczos against the dense MathNet oracle at d = 500 (kd = 2000, M = 1500).
    /// </summary>
    [MemoryDiagnoser]
    [SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
    public class Spectrum
    {
        private KgmmEmpiricalOperator _hessian = null!;
        private KgmmEmpiricalOperator _hessianTwoThreads = null!;
        private KgmmEmpiricalOperator _smallHessian = null!;
        private double[] _vector = null!;
        private double[] _product = null!;

        [GlobalSetup]
        public void Setup()
        {
            _hessian = SpectrumOperator(2000, threads: 1);
            _hessianTwoThreads = SpectrumOperator(2000, threads: 2);
            _smallHessian = SpectrumOperator(500, threads: 1);
            _vector = new double[_hessian.Dimension];
            new RandomStream(StreamKey.Derive(1, "bench.vector")).FillNormal(_vector);
            _product = new double[_hessian.Dimension];
        }

        /// <summary>One product, d = 2000, k = 4, M = 6000, 1 thread.</summary>
        [Benchmark]
        public double MatvecD2000()
        {
            _hessian.Apply(_vector, _product);
            return _product[0];
        }

        /// <summary>One product, 2 threads (same bits).</summary>
        [Benchmark]
        public double MatvecD2000TwoThreads()
        {
            _hessianTwoThreads.Apply(_vector, _product);
            return _product[0];
        }

        /// <summary>Top 12 eigenpairs, d = 2000, Lanczos defaults (fresh-start check on), 1 thread.</summary>
        [Benchmark]
        public double Top12D2000() => Lanczos.TopEigenpairs(_hessian, 12).Values[11];

        /// <summary>Top 12 eigenpairs, d = 2000, without the fresh-start check, 1 thread.</summary>
        [Benchmark]
        public double Top12D2000WithoutCheck() =>
            Lanczos.TopEigenpairs(_hessian, 12, new LanczosOptions { FreshStartCheck = false }).Values[11];

        /// <summary>Top 12 eigenpairs, d = 2000, Lanczos defaults, 2 threads for the products.</summary>
        [Benchmark]
        public double Top12D2000TwoThreads() => Lanczos.TopEigenpairs(_hessianTwoThreads, 12).Values[11];

        /// <summary>Top 12 eigenpairs, d = 500 (kd = 2000), Lanczos defaults, 1 thread.</summary>
        [Benchmark]
        public double Top12D500() => Lanczos.TopEigenpairs(_smallHessian, 12).Values[11];

        /// <summary>All eigenpairs of the same d = 500 matrix by the dense MathNet oracle (materialise 2000², EVD).</summary>
        [Benchmark]
        public double DenseOracleD500() => DenseEigenOracle.Decompose(_smallHessian).Values[11];
    }

    /// <summary>
    /// The benchmark state of the spectra: k = 4, λ = 100, β = 0.25, c_δ = 1, SGD to t = 20 at dimension d, seed 1
    /// (the kgmm.full-structure setting: 4 outliers + 8 minibulk eigenvalues on top of the bulk).
    /// </summary>
    public static KgmmState SpectrumState(int dimension)
    {
        var simulation = new KgmmSgdSimulation(new KgmmParameters(4, 100, 0.25, 1), dimension, 1);
        simulation.AdvanceTo(20L * dimension);
        return simulation.Snapshot();
    }

    private static KgmmEmpiricalOperator SpectrumOperator(int dimension, int threads)
    {
        var state = SpectrumState(dimension);
        return KgmmEmpiricalOperator.ForFullMatrix(state, KgmmTestSamples.Draw(state, 3), KgmmMatrixKind.Hessian, threads);
    }

    /// <summary>
    /// Console commands for side-by-side peer runs (not BenchmarkDotNet; plain Stopwatch timing, best of repeats):
    /// <c>kgmm-sgd-rate [seconds] [d ...]</c> prints SGD steps/s and the generator's normals/s per d;
    /// <c>kgmm-export DIR [d] [--dense]</c> writes the spectrum benchmark's samples (DIR/samples.npy, M×d) and Hessian
    /// weights (DIR/weights.npy, M×k×k) for bench/peers/kgmm_eigsh.py, times our top-12 Lanczos (1 and 2 threads) and
    /// writes its eigenvalues to DIR/lanczos_values.txt; --dense also times the dense oracle on the materialised matrix.
    /// Returns null when <paramref name="args"/> is not such a command.
    /// </summary>
    public static int? RunCommand(string[] args)
    {
        if (args.Length == 0) return null;
        switch (args[0])
        {
            case "kgmm-sgd-rate":
                {
                    double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 2;
                    int[] dims = args.Length > 2 ? args[2..].Select(int.Parse).ToArray() : [1000, 4000, 16000];
                    Console.WriteLine($"TheoryCheck kgmm SGD (k = 3), random path {RandomStream.BestPath}, kernels {FixedOrderKernels.Path}, .NET {Environment.Version}");
                    foreach (int d in dims) SgdRate(d, seconds);
                    return 0;
                }
            case "kgmm-step-cputime":
                {
                    int[] dims = args.Length > 1 ? args[1..].Select(int.Parse).ToArray() : [1000, 4000, 16000];
                    Console.WriteLine($"TheoryCheck kgmm full-engine step vs its d normals (k = 3), thread CPU time, best of 7 interleaved repeats; random path {RandomStream.BestPath}, kernels {FixedOrderKernels.Path}");
                    foreach (int d in dims) StepAgainstNormals(d);
                    return 0;
                }
            case "kgmm-pargen-rate":
                {
                    double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 2;
                    int[] dims = args.Length > 2 ? args[2..].Select(int.Parse).ToArray() : [1000, 4000, 16000];
                    Console.WriteLine($"TheoryCheck kgmm full engine, 1 vs 2 generator threads interleaved (k = 3), best of 5 rounds each; random path {RandomStream.BestPath}, kernels {FixedOrderKernels.Path}");
                    foreach (int d in dims) GeneratorThreadsRate(d, seconds);
                    return 0;
                }
            case "kgmm-export":
                Export(args[1], args.Length > 2 && int.TryParse(args[2], out int dd) ? dd : 2000, args.Contains("--dense"));
                return 0;
            default:
                return null;
        }
    }

    /// <summary>
    /// One step of the full engine against the d normals it draws, by thread CPU time, the two measured alternately
    /// (7 rounds, best of each) so that both see the same machine state; also the fused update pass alone.
    /// </summary>
    private static void StepAgainstNormals(int d)
    {
        const int Steps = 200;
        var simulation = new KgmmSgdSimulation(new KgmmParameters(3, 3, 0.1, 1), d, 1);
        simulation.AdvanceTo(1000);
        var buffer = new double[d];
        var key = KgmmStreams.Sgd(1, d);
        ulong position = 0;
        var rows = new AlignedBuffer(3, d);
        var sample = new AlignedBuffer(1, d);
        var next = new AlignedBuffer(1, d);
        var mean = new AlignedBuffer(1, d);
        RandomStream.FillNormal(key, 0, sample.Row(0));
        double[] coefficients = [-1e-4, 2e-4, -1e-4];
        var dots = new double[3];
        double bestStep = double.MaxValue, bestNormals = double.MaxValue, bestPass = double.MaxValue;
        var generator = new NormalBlockGenerator(key);
        for (int round = 0; round < 7; round++)
        {
            var step = CpuTime.Measure(() => simulation.AdvanceTo(simulation.Step + Steps), 0.15, 3);
            var normals = CpuTime.Measure(() =>
            {
                for (int i = 0; i < Steps; i++, position += (ulong)d) generator.Fill(position, buffer);
            }, 0.15, 3);
            var pass = CpuTime.Measure(() =>
            {
                for (int i = 0; i < Steps; i++)
                    FixedOrderKernels.UpdateRowsAndNextDots(rows.All, rows.Stride, 1 - 1e-6, coefficients, sample.Row(0), next.Row(0), 0.5, mean.Row(0), dots);
            }, 0.15, 3);
            bestStep = Math.Min(bestStep, step.CpuSeconds / Steps);
            bestNormals = Math.Min(bestNormals, normals.CpuSeconds / Steps);
            bestPass = Math.Min(bestPass, pass.CpuSeconds / Steps);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"d={d} step_us={bestStep * 1e6:F3} normals_us={bestNormals * 1e6:F3} ratio_step_over_normals={bestStep / bestNormals:F3} fused_pass_alone_us={bestPass * 1e6:F3} load={File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    }

    /// <summary>
    /// µs per step (wall) and process CPU per step of one run with 1 and 2 generator threads (docs/performance.md,
    /// "Whole process"), measured alternately in 1456-step advances (the records of a t-step 0.1 run at d = 16000).
    /// </summary>
    private static void GeneratorThreadsRate(int d, double seconds)
    {
        var process = Process.GetCurrentProcess();
        var simulations = new[] { new KgmmSgdSimulation(new KgmmParameters(3, 3, 0.1, 1), d, 1, 1), new KgmmSgdSimulation(new KgmmParameters(3, 3, 0.1, 1), d, 1, 2) };
        foreach (var s in simulations) s.AdvanceTo(2000);
        var bestWall = new[] { double.MaxValue, double.MaxValue };
        var bestCpu = new[] { double.MaxValue, double.MaxValue };
        for (int round = 0; round < 5; round++)
            for (int which = 0; which < 2; which++)
            {
                var simulation = simulations[which];
                long steps = 0;
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                while (clock.Elapsed.TotalSeconds < seconds / 10)
                {
                    simulation.AdvanceTo(simulation.Step + 1456);
                    steps += 1456;
                }
                double wall = clock.Elapsed.TotalSeconds;
                process.Refresh();
                double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
                bestWall[which] = Math.Min(bestWall[which], wall / steps);
                bestCpu[which] = Math.Min(bestCpu[which], cpu / steps);
            }
        foreach (var s in simulations) s.Dispose();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"d={d} one_thread_us={bestWall[0] * 1e6:F2} (cpu {bestCpu[0] * 1e6:F2}) two_threads_us={bestWall[1] * 1e6:F2} (cpu {bestCpu[1] * 1e6:F2}) speedup={bestWall[0] / bestWall[1]:F2} load={File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    }

    private static void SgdRate(int d, double seconds)
    {
        var simulation = new KgmmSgdSimulation(new KgmmParameters(3, 3, 0.1, 1), d, 1);
        simulation.AdvanceTo(2000);
        var process = Process.GetCurrentProcess();
        double best = 0, bestCpu = 0;
        for (int repeat = 0; repeat < 5; repeat++)
        {
            long steps = 0;
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds / 5)
            {
                simulation.AdvanceTo(simulation.Step + 200);
                steps += 200;
            }
            double wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
            best = Math.Max(best, steps / wall);
            bestCpu = Math.Max(bestCpu, steps / Math.Max(cpu, 1e-9));
        }
        var buffer = new double[d];
        var key = StreamKey.Derive(1, "bench.normals");
        ulong position = 0;
        double bestNormals = 0, bestNormalsCpu = 0;
        for (int repeat = 0; repeat < 5; repeat++)
        {
            long count = 0;
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds / 10)
            {
                for (int i = 0; i < 50; i++, position += (ulong)d) RandomStream.FillNormal(key, position, buffer);
                count += 50L * d;
            }
            double wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
            bestNormals = Math.Max(bestNormals, count / wall);
            bestNormalsCpu = Math.Max(bestNormalsCpu, count / Math.Max(cpu, 1e-9));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"d={d} k=3 best_steps_per_s={best:F1} cpu_steps_per_s={bestCpu:F1} normals_per_s={bestNormals:E3} cpu_normals_per_s={bestNormalsCpu:E3} generator_fraction_of_step={best * d / bestNormals:F2}"));
    }

    private static void Export(string directory, int d, bool dense)
    {
        Directory.CreateDirectory(directory);
        var clock = Stopwatch.StartNew();
        var state = SpectrumState(d);
        var samples = KgmmTestSamples.Draw(state, 3);
        Console.WriteLine($"state + samples: {clock.Elapsed.TotalSeconds:F2} s (d = {d}, k = 4, M = {samples.Count})");
        int k = state.K, m = samples.Count;
        WriteNpy(Path.Combine(directory, "samples.npy"), samples.ToRowMajorArray(), [m, d]);
        var op = KgmmEmpiricalOperator.ForFullMatrix(state, samples, KgmmMatrixKind.Hessian, threads: 1);
        var weights = new double[m * k * k];
        for (int j = 0; j < m; j++) op.Weights(j).CopyTo(weights.AsSpan(j * k * k, k * k));
        WriteNpy(Path.Combine(directory, "weights.npy"), weights, [m, k, k]);

        LanczosResult? result = null;
        foreach (int threads in new[] { 1, 2 })
        {
            var threaded = KgmmEmpiricalOperator.ForFullMatrix(state, samples, KgmmMatrixKind.Hessian, threads);
            double bestMatvec = double.MaxValue, bestLanczos = double.MaxValue;
            var u = new double[threaded.Dimension];
            var v = new double[threaded.Dimension];
            u[0] = 1;
            for (int repeat = 0; repeat < 5; repeat++)
            {
                var t = Stopwatch.StartNew();
                threaded.Apply(u, v);
                bestMatvec = Math.Min(bestMatvec, t.Elapsed.TotalSeconds);
            }
            for (int repeat = 0; repeat < 3; repeat++)
            {
                var t = Stopwatch.StartNew();
                result = Lanczos.TopEigenpairs(threaded, 12);
                bestLanczos = Math.Min(bestLanczos, t.Elapsed.TotalSeconds);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"TheoryCheck threads={threads}: matvec {bestMatvec * 1e3:F2} ms, Lanczos top-12 {bestLanczos:F3} s ({result!.MatvecCount} matvecs, converged {result.Converged}, max residual {result.ResidualNorms.Max():E2})"));
        }
        File.WriteAllLines(Path.Combine(directory, "lanczos_values.txt"), result!.Values.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
        Console.WriteLine("top-12: " + string.Join(", ", result.Values.Select(x => x.ToString("G6", CultureInfo.InvariantCulture))));
        if (dense)
        {
            var t = Stopwatch.StartNew();
            var decomposition = DenseEigenOracle.Decompose(op);
            double maxDifference = 0;
            for (int i = 0; i < 12; i++) maxDifference = Math.Max(maxDifference, Math.Abs(decomposition.Values[i] - result.Values[i]));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"dense oracle (materialise {op.Dimension}² + MathNet EVD): {t.Elapsed.TotalSeconds:F1} s, max |θ_dense − θ_Lanczos| over top 12 = {maxDifference:E2}"));
        }
    }

    /// <summary>Writes a little-endian float64 C-order .npy file (format version 1.0).</summary>
    private static void WriteNpy(string path, double[] data, int[] shape)
    {
        string shapeText = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
        string header = $"{{'descr': '<f8', 'fortran_order': False, 'shape': {shapeText}, }}";
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - total % 64) % 64) + "\n";
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        writer.Write(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 });
        writer.Write((ushort)header.Length);
        writer.Write(Encoding.ASCII.GetBytes(header));
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan());
        writer.Write(bytes);
    }
}
