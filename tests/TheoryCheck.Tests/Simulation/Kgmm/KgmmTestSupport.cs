using TheoryCheck.Models.Kgmm;
using TheoryCheck.Simulation.Kgmm;
using TheoryCheck.Tests.Models.Kgmm;

namespace TheoryCheck.Tests.Simulation.Kgmm;

/// <summary>Shared helpers: an SGD engine whose population loss uses a test-only tensor Gauss–Hermite rule.</summary>
internal static class KgmmTestSupport
{
    public static KgmmObservables Observables(KgmmParameters parameters)
    {
        var (nodes, weights) = TestRules.Tensor(parameters.K - 1, 12);
        return new KgmmObservables(parameters, new KgmmGaussianMoments(parameters, nodes, weights, "test GH n=12"));
    }

    public static KgmmSgd Engine() => new(Observables);

    /// <summary>Plain-loop dot product (independent of the simulation kernels).</summary>
    public static double NaiveDot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }

    /// <summary>Plain softmax with Math.Exp (max subtracted).</summary>
    public static double[] NaiveSoftmax(double[] logits)
    {
        double max = logits.Max();
        var e = logits.Select(z => Math.Exp(z - max)).ToArray();
        double s = e.Sum();
        return e.Select(v => v / s).ToArray();
    }
}
