using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using TheoryCheck.Numerics.Gaussian;

namespace TheoryCheck.Bench;

/// <summary>
/// The k-GMM right-hand-side kernel (kgmm.md §6): E π(m + Q C z) for the softmax π over k classes, integrated in
/// k − 1 = 2 and 3 dimensions (Q the Helmert basis of 1⊥, C C ᵀ = QᵀRQ/λ), with tensor Gauss–Hermite n = 10, the
/// level-4 Genz–Keister sparse grid and 4096 scrambled Sobol points. Three paths: the caller's loop over
/// pre-transformed nodes (Transform once, then softmax and accumulate; what an ODE right-hand side does per call),
/// the same with one vectorised exponential over all nodes,
/// the delegate-based <see cref="GaussianExpectation.Integrate"/>, and the full <see cref="GaussianExpectation.Evaluate(StandardNormalRule, ReadOnlySpan{double}, PsdSquareRoot, GaussianIntegrand, int)"/> with its error estimate.
/// </summary>
[MemoryDiagnoser]
public class GaussianBenchmarks
{
    private StandardNormalRule _rule = null!;
    private PsdSquareRoot _root = null!;
    private double[] _mean = null!;
    private double[] _nodes = null!;
    private double[] _result = null!;
    private double[] _probabilities = null!;
    private GaussianIntegrand _softmax = null!;

    /// <summary>Number of classes k (integration dimension k − 1).</summary>
    [Params(3, 4)]
    public int Classes { get; set; }

    /// <summary>Rule: tensor Gauss–Hermite n = 10, sparse grid level 4, scrambled Sobol N = 4096 (one scrambling).</summary>
    [Params("GaussHermite10", "SparseLevel4", "Sobol4096")]
    public string Rule { get; set; } = "GaussHermite10";

    [GlobalSetup]
    public void Setup()
    {
        int k = Classes, r = k - 1;
        const double lambda = 3.0;
        // R = I + small off-diagonal coupling (a typical mid-trajectory state); Σ_reduced = QᵀRQ/λ.
        var q = new double[k, r];
        for (int j = 0; j < r; j++)
        {
            double norm = Math.Sqrt((j + 1.0) * (j + 2.0));
            for (int i = 0; i <= j; i++) q[i, j] = 1.0 / norm;
            q[j + 1, j] = -(j + 1.0) / norm;
        }
        var rMatrix = new double[k, k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) rMatrix[i, j] = i == j ? 1.0 : 0.15;
        var reduced = new double[r, r];
        for (int a = 0; a < r; a++)
            for (int b = 0; b < r; b++)
                for (int i = 0; i < k; i++)
                    for (int j = 0; j < k; j++) reduced[a, b] += q[i, a] * rMatrix[i, j] * q[j, b] / lambda;
        var c = PsdSquareRoot.Compute(reduced);
        var factor = new double[k * r];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < r; j++)
                for (int l = 0; l < r; l++) factor[i * r + j] += q[i, l] * c[l, j];
        _root = PsdSquareRoot.FromFactor(factor, k, r);
        _mean = new double[k];
        for (int i = 0; i < k; i++) _mean[i] = i == 0 ? 0.7 : -0.7 / (k - 1);
        _rule = Rule switch
        {
            "GaussHermite10" => GaussHermite.Tensor(r, 10),
            "SparseLevel4" => SparseGrid.GenzKeister(r, 4),
            "Sobol4096" => SobolRule.Create(r, 4096, scrambleSeed: 12345, randomizations: 1),
            _ => throw new ArgumentException($"Unknown rule {Rule}."),
        };
        _nodes = new double[_rule.Count * k];
        _rule.Transform(_mean, _root, _nodes);
        _result = new double[k];
        _probabilities = new double[k];
        _softmax = Softmax;
    }

    private static void Softmax(ReadOnlySpan<double> zeta, Span<double> output)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < zeta.Length; i++) max = Math.Max(max, zeta[i]);
        double sum = 0;
        for (int i = 0; i < zeta.Length; i++) sum += output[i] = Math.Exp(zeta[i] - max);
        double inverse = 1.0 / sum;
        for (int i = 0; i < zeta.Length; i++) output[i] *= inverse;
    }

    /// <summary>Transform the nodes for the current (m, C), then softmax-and-accumulate in the caller's loop.</summary>
    [Benchmark(Baseline = true)]
    public double TransformAndLoop()
    {
        int k = Classes;
        _rule.Transform(_mean, _root, _nodes);
        var weights = _rule.Weights;
        Span<double> result = _result;
        Span<double> p = _probabilities;
        result.Clear();
        ReadOnlySpan<double> nodes = _nodes;
        for (int j = 0; j < weights.Length; j++)
        {
            Softmax(nodes.Slice(j * k, k), p);
            double w = weights[j];
            for (int i = 0; i < k; i++) result[i] += w * p[i];
        }
        return result[0];
    }

    /// <summary>
    /// Transform the nodes, subtract each node's max, one vectorised TensorPrimitives.Exp
    /// over all Count·k values, then normalise and accumulate per node: the same softmax expectation with the
    /// exponentials in SIMD (what numpy does), to show the headroom of the scalar per-node loop.
    /// </summary>
    [Benchmark]
    public double TransformAndVectorisedExp()
    {
        int k = Classes;
        _rule.Transform(_mean, _root, _nodes);
        Span<double> nodes = _nodes;
        var weights = _rule.Weights;
        for (int j = 0; j < weights.Length; j++)
        {
            Span<double> zeta = nodes.Slice(j * k, k);
            double max = double.NegativeInfinity;
            for (int i = 0; i < k; i++) max = Math.Max(max, zeta[i]);
            for (int i = 0; i < k; i++) zeta[i] -= max;
        }

        TensorPrimitives.Exp(nodes, nodes);
        Span<double> result = _result;
        result.Clear();
        for (int j = 0; j < weights.Length; j++)
        {
            ReadOnlySpan<double> e = nodes.Slice(j * k, k);
            double sum = 0;
            for (int i = 0; i < k; i++) sum += e[i];
            double scale = weights[j] / sum;
            for (int i = 0; i < k; i++) result[i] += scale * e[i];
        }

        return result[0];
    }

    /// <summary><see cref="GaussianExpectation.Integrate"/> with a delegate integrand (no allocation).</summary>
    [Benchmark]
    public double IntegrateDelegate()
    {
        GaussianExpectation.Integrate(_rule, _mean, _root, _softmax, _result);
        return _result[0];
    }

    /// <summary>
    /// Thread-CPU time per expectation (best of 7 repeats of about 0.25 s) of the tensor Gauss–Hermite n = 10 rule for
    /// k = 3 and 4 (2 and 3 dimensions), by the caller's loop and by the delegate path:
    /// <c>dotnet run -c Release --project bench/TheoryCheck.Bench -- --gaussian-cputime [--json PATH]</c>. The JSON
    /// holds the mean, the factor and the expectation, so bench/peers/gaussian_expectation.py (<c>--ours PATH</c>)
    /// integrates exactly the same integrand and prints the ratios.
    /// </summary>
    public static void RunCpuTimeProbe(TextWriter output, string? jsonPath = null)
    {
        output.WriteLine($"E softmax(m + C z), tensor Gauss–Hermite n = 10; thread CPU time: {CpuTime.HasThreadClock}");
        var cases = new List<object>();
        foreach (int classes in new[] { 3, 4 })
        {
            var bench = new GaussianBenchmarks { Classes = classes, Rule = "GaussHermite10" };
            bench.Setup();
            bench.IntegrateDelegate();
            double[] value = (double[])bench._result.Clone();
            Measurement loop = CpuTime.Measure(() => bench.TransformAndLoop());
            Measurement integrate = CpuTime.Measure(() => bench.IntegrateDelegate());
            Measurement vectorised = CpuTime.Measure(() => bench.TransformAndVectorisedExp());
            double vectorisedDifference = 0;
            for (int i = 0; i < classes; i++) vectorisedDifference = Math.Max(vectorisedDifference, Math.Abs(bench._result[i] - value[i]));
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) bench.IntegrateDelegate();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            output.WriteLine(
                $"k {classes} ({bench._rule.Count} nodes in {classes - 1} dims): caller's loop {loop.CpuSeconds * 1e6,7:F2} µs cpu " +
                $"({loop.WallSeconds * 1e6,7:F2} wall), Integrate {integrate.CpuSeconds * 1e6,7:F2} µs cpu ({integrate.WallSeconds * 1e6,7:F2} wall), " +
                $"{allocated / 1000.0:F0} B allocated per Integrate; vectorised exp {vectorised.CpuSeconds * 1e6,7:F2} µs cpu " +
                $"(differs by {vectorisedDifference:E1}); E π = [{string.Join(", ", value.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}]");
            cases.Add(new
            {
                classes,
                nodes = bench._rule.Count,
                mean = bench._mean,
                factor = bench._root.Factor.ToArray(),
                factor_columns = bench._root.Columns,
                value,
                loop_seconds_wall = loop.WallSeconds,
                loop_seconds_cpu = loop.CpuSeconds,
                integrate_seconds_wall = integrate.WallSeconds,
                integrate_seconds_cpu = integrate.CpuSeconds,
                integrate_bytes_allocated = allocated / 1000.0,
                vectorised_seconds_wall = vectorised.WallSeconds,
                vectorised_seconds_cpu = vectorised.CpuSeconds,
                vectorised_max_difference = vectorisedDifference,
            });
        }

        CpuTime.WriteJson(jsonPath, new { cases });
    }

    /// <summary>Value plus error estimate (refinement and, for deterministic rules, the coarser companion).</summary>
    [Benchmark]
    public double EvaluateWithErrorEstimate() => GaussianExpectation.Evaluate(_rule, _mean, _root, _softmax, Classes).Value[0];
}
