using BenchmarkDotNet.Attributes;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Theory.Kgmm;

namespace TheoryCheck.Bench;

/// <summary>
/// Cost of one kgmm effective-ODE right-hand side (kgmm.md §5–§6: one pass over the Gauss–Hermite nodes for all k
/// classes) at a generic state, for k = 3 (n = 10: 100 nodes), k = 4 (n = 10: 1000 nodes) and k = 6 (sparse level 5).
/// Run: <c>dotnet run -c Release --project bench/TheoryCheck.Bench -- --filter '*KgmmTheory*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class KgmmTheoryBenchmarks
{
    private KgmmEffectiveOde _rhs = null!;
    private double[] _state = null!;
    private double[] _derivative = null!;

    /// <summary>Number of classes k.</summary>
    [Params(3, 4, 6)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var p = new KgmmParameters(K, 3, 0.1, 1);
        _rhs = KgmmTheory.RightHandSide(p, order: 10);
        var m = new double[K * K];
        var r = new double[K * K];
        for (int c = 0; c < K; c++)
            for (int a = 0; a < K; a++)
            {
                m[c * K + a] = c == a ? 0.6 : -0.6 / (K - 1);
                r[c * K + a] = (c == a ? 0.5 : 0.0) + 0.1 * Math.Cos(c + a);
            }
        for (int c = 0; c < K; c++)
            for (int e = 0; e < K; e++)
                for (int a = 0; a < K; a++) r[c * K + e] += m[c * K + a] * m[e * K + a];
        _state = new double[_rhs.StateLength];
        new KgmmStatistics(K, m, r).Pack(_state);
        _derivative = new double[_rhs.StateLength];
    }

    /// <summary>One right-hand-side evaluation (D, H̄, Ḡ for all classes, then (3.1)–(3.2)).</summary>
    [Benchmark]
    public double RightHandSide()
    {
        _rhs.Derivative(_state, _derivative);
        return _derivative[0];
    }
}
