using BenchmarkDotNet.Attributes;
using TheoryCheck.Numerics.Spectra;

namespace TheoryCheck.Bench;

/// <summary>
/// Spectral tools: thick-restart Lanczos (top 12) on a matrix-free kgmm-like full Hessian (k = 4 blocks, operator
/// dimension n = k·d, M = 3d test samples, matvec O(k·M·d)), and Lanczos against the dense oracle at n = 500.
/// </summary>
/// <remarks>
/// The matrix-free operator is (1/M) Σ_j H_j ⊗ Y_jY_jᵀ with Y_j = μ_{b_j} + Z_j/√λ (λ = 30, orthonormal means
/// μ_a = e_a, Z_j ~ N(0, I_d)) and softmax Hessian weights H_j = diag(π_j) − π_jπ_jᵀ at logits ζ_c = 2 μ_c·Y_j:
/// the outlier–minibulk–bulk structure of kgmm.md §9.5 (k outliers + k(k − 2) minibulk = 12 for k = 4).
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SpectraBenchmarks
{
    private const int Blocks = 4;
    private const double Lambda = 30;

    private WeightedGramOperator _hessian = null!;
    private DenseSymmetricOperator _dense = null!;
    private double[] _vector = null!;
    private double[] _product = null!;

    /// <summary>Sample dimension d; the operator dimension is n = 4·d (d = 2000 gives n = 8000).</summary>
    [Params(500, 2000)]
    public int SampleDimension { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int d = SampleDimension, m = 3 * d, k = Blocks;
        var random = new Random(20240607);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

        var samples = new double[m * d];
        var weights = new double[m * k * k];
        var pi = new double[k];
        for (int j = 0; j < m; j++)
        {
            int label = j % k;
            Span<double> y = samples.AsSpan(j * d, d);
            for (int i = 0; i < d; i++) y[i] = Normal() / Math.Sqrt(Lambda);
            y[label] += 1; // μ_b = e_b
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++) { pi[c] = 2 * y[c]; max = Math.Max(max, pi[c]); }
            double sum = 0;
            for (int c = 0; c < k; c++) { pi[c] = Math.Exp(pi[c] - max); sum += pi[c]; }
            for (int c = 0; c < k; c++) pi[c] /= sum;
            for (int c = 0; c < k; c++)
                for (int c2 = 0; c2 < k; c2++)
                    weights[(j * k + c) * k + c2] = (c == c2 ? pi[c] : 0) - pi[c] * pi[c2];
        }
        _hessian = new WeightedGramOperator(samples, m, d, weights, k);
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
