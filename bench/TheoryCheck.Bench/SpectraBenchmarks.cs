using BenchmarkDotNet.Attributes;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Spectra;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Kgmm;

namespace TheoryCheck.Bench;

/// <summary>
/// Spectral tools on the production path: thick-restart Lanczos (top 12) on the matrix-free full test Hessian Ĥ of
/// kgmm (<see cref="KgmmEmpiricalOperator.ForFullMatrix"/>: k = 4 blocks, operator dimension n = k·d, M = 3d test
/// samples, matvec O(k·M·d)) at the state of one SGD run, and Lanczos against the dense oracle at n = 500.
/// </summary>
/// <remarks>
/// The state is the full-engine SGD iterate at t = 4 of kgmm with k = 4, λ = 30, β = 0.25, c_δ = 1 (seed 20240607),
/// where Ĥ has the outlier–minibulk–bulk structure of kgmm.md §9.5 (k outliers + k(k − 2) minibulk = 12 for k = 4).
/// The product runs on one thread, so the figures are per core.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SpectraBenchmarks
{
    private KgmmEmpiricalOperator _hessian = null!;
    private DenseSymmetricOperator _dense = null!;
    private double[] _vector = null!;
    private double[] _product = null!;

    /// <summary>Sample dimension d; the operator dimension is n = 4·d (d = 2000 gives n = 8000).</summary>
    [Params(500, 2000)]
    public int SampleDimension { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int d = SampleDimension;
        var parameters = new KgmmParameters(4, 30, 0.25, 1);
        var run = KgmmEngines.All[EngineNames.Full].Run(new KgmmSimulationProblem(parameters, d, 20240607, TimeGrid.FromPoints([0, 4])));
        var state = run.FinalState ?? throw new InvalidOperationException($"the SGD run did not complete: {run.Status}");
        _hessian = KgmmEmpiricalOperator.ForFullMatrix(state, KgmmTestSamples.Draw(state, 3), KgmmMatrixKind.Hessian, threads: 1);
        var random = new Random(20240607);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        _vector = new double[_hessian.Dimension];
        for (int i = 0; i < _vector.Length; i++) _vector[i] = Normal();
        _product = new double[_hessian.Dimension];

        const int n = 500;
        var goe = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                goe[i, j] = goe[j, i] = Normal() * (i == j ? Math.Sqrt(2) : 1) / Math.Sqrt(2.0 * n);
        _dense = new DenseSymmetricOperator(goe);
    }

    /// <summary>
    /// Thread-CPU time (best of 7 repeats of about 0.5 s) of one matvec and of top-12 Lanczos for the matrix-free
    /// Hessian at d = 500 and 2000 (so the share of the time spent in matvecs), and of top-12 Lanczos against the dense
    /// oracle at n = 500 with the largest eigenvalue difference:
    /// <c>dotnet run -c Release --project bench/TheoryCheck.Bench -- --spectra-cputime [--json PATH]</c>.
    /// </summary>
    public static void RunCpuTimeProbe(TextWriter output, string? jsonPath = null)
    {
        output.WriteLine($"thread CPU time: {CpuTime.HasThreadClock}");
        var rows = new List<object>();
        SpectraBenchmarks? last = null;
        foreach (int d in new[] { 500, 2000 })
        {
            var bench = new SpectraBenchmarks { SampleDimension = d };
            bench.Setup();
            last = bench;
            LanczosResult top = bench.MatrixFreeTop12();
            Measurement matvec = CpuTime.Measure(() => bench.MatrixFreeMatvec(), targetSeconds: 0.5);
            Measurement lanczos = CpuTime.Measure(() => bench.MatrixFreeTop12(), targetSeconds: 0.5);
            LanczosResult unchecked12 = bench.MatrixFreeTop12WithoutCheck();
            Measurement withoutCheck = CpuTime.Measure(() => bench.MatrixFreeTop12WithoutCheck(), targetSeconds: 0.5);
            double share = top.MatvecCount * matvec.CpuSeconds / lanczos.CpuSeconds;
            output.WriteLine(
                $"matrix-free n = {bench._hessian.Dimension,5} (d {d}, M {3 * d}): matvec {matvec.CpuSeconds * 1e3,8:F3} ms cpu; top-12 Lanczos " +
                $"{lanczos.CpuSeconds * 1e3,8:F1} ms cpu ({top.MatvecCount} matvecs, converged {top.Converged}, matvec share {share:P0}); " +
                $"without fresh-start check {withoutCheck.CpuSeconds * 1e3,8:F1} ms ({unchecked12.MatvecCount} matvecs)");
            rows.Add(new
            {
                sample_dimension = d,
                operator_dimension = bench._hessian.Dimension,
                matvec_seconds_cpu = matvec.CpuSeconds,
                matvec_seconds_wall = matvec.WallSeconds,
                top12_seconds_cpu = lanczos.CpuSeconds,
                top12_seconds_wall = lanczos.WallSeconds,
                top12_matvecs = top.MatvecCount,
                top12_converged = top.Converged,
                top12_without_check_seconds_cpu = withoutCheck.CpuSeconds,
                top12_without_check_matvecs = unchecked12.MatvecCount,
            });
        }

        SpectraBenchmarks dense = last!;
        LanczosResult denseTop = dense.DenseLanczosTop12N500();
        DenseEigenDecomposition oracle = dense.DenseOracleN500();
        double difference = 0;
        for (int i = 0; i < 12; i++) difference = Math.Max(difference, Math.Abs(denseTop.Values[i] - oracle.Values[i]));
        Measurement denseLanczos = CpuTime.Measure(() => dense.DenseLanczosTop12N500(), targetSeconds: 0.5);
        Measurement denseOracle = CpuTime.Measure(() => dense.DenseOracleN500(), targetSeconds: 0.5, repeats: 5);
        Measurement denseMatvec = CpuTime.Measure(() => dense._dense.Apply(dense._vector.AsSpan(0, 500), dense._product.AsSpan(0, 500)));
        double denseShare = denseTop.MatvecCount * denseMatvec.CpuSeconds / denseLanczos.CpuSeconds;
        output.WriteLine(
            $"dense n = 500: matvec {denseMatvec.CpuSeconds * 1e6:F1} µs cpu; top-12 Lanczos {denseLanczos.CpuSeconds * 1e3,8:F2} ms cpu " +
            $"({denseTop.MatvecCount} matvecs, converged {denseTop.Converged}, matvec share {denseShare:P0}); " +
            $"dense oracle (all pairs + residual check) {denseOracle.CpuSeconds * 1e3,8:F1} ms cpu; ratio {denseOracle.CpuSeconds / denseLanczos.CpuSeconds:F1}; " +
            $"max |λ_Lanczos − λ_oracle| over the top 12 = {difference:E2}");
        CpuTime.WriteJson(jsonPath, new
        {
            matrix_free = rows,
            dense_n500 = new
            {
                lanczos_seconds_cpu = denseLanczos.CpuSeconds,
                lanczos_matvecs = denseTop.MatvecCount,
                matvec_seconds_cpu = denseMatvec.CpuSeconds,
                oracle_seconds_cpu = denseOracle.CpuSeconds,
                max_top12_difference = difference,
            },
        });
    }

    /// <summary>One product of the matrix-free Hessian (2·k·M·d multiply–adds).</summary>
    [Benchmark]
    public double MatrixFreeMatvec()
    {
        _hessian.Apply(_vector, _product);
        return _product[0];
    }

    /// <summary>Top 12 eigenpairs of the matrix-free Hessian (tolerance 1e-10, fresh-start check on).</summary>
    [Benchmark]
    public LanczosResult MatrixFreeTop12() => Lanczos.TopEigenpairs(_hessian, 12);

    /// <summary>Top 12 eigenpairs without the fresh-start check (the price of the check).</summary>
    [Benchmark]
    public LanczosResult MatrixFreeTop12WithoutCheck() =>
        Lanczos.TopEigenpairs(_hessian, 12, new LanczosOptions { FreshStartCheck = false });

    /// <summary>Top 12 eigenpairs of a dense 500×500 GOE matrix by Lanczos.</summary>
    [Benchmark]
    public LanczosResult DenseLanczosTop12N500() => Lanczos.TopEigenpairs(_dense, 12);

    /// <summary>All eigenpairs of the same dense 500×500 matrix by the MathNet oracle (baseline).</summary>
    [Benchmark(Baseline = true)]
    public DenseEigenDecomposition DenseOracleN500() => DenseEigenOracle.Decompose(_dense);
}
