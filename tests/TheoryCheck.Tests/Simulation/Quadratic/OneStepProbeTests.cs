using TheoryCheck.Models.Quadratic;
using TheoryCheck.Simulation.Quadratic;

namespace TheoryCheck.Tests.Simulation.Quadratic;

public class OneStepProbeTests
{
    private static double[] State(QuadraticParameters p, double dominant, double bulk) =>
        Enumerable.Range(0, p.Dimension).Select(i => i < p.DominantCount ? dominant : bulk).ToArray();

    [Theory]
    [InlineData(QuadraticNoise.Additive, QuadraticMethod.Sgd, 0.6)]
    [InlineData(QuadraticNoise.Additive, QuadraticMethod.Dom, 1.5)]
    [InlineData(QuadraticNoise.Additive, QuadraticMethod.Bulk, 1.5)]
    [InlineData(QuadraticNoise.Hessian, QuadraticMethod.Sgd, 1.2)]
    [InlineData(QuadraticNoise.Hessian, QuadraticMethod.Bulk, 0.3)]
    public void GaussianProbeMatchesTheExactOneStepExpectation(QuadraticNoise noise, QuadraticMethod method, double eta)
    {
        // For a deterministic state: E[S_S'] = (1 − ηλ_S)²S_S + η²s_S|S| on a moving block, s_S = σ² (additive) or
        // σ²λ_S (hessian), written here independently.
        var p = QuadraticParameters.Base with { DominantCount = 200, LambdaBulk = 0.2, Noise = noise };
        var e = State(p, 1.0, 0.5);
        var r = OneStepProbe.Run(p, e, method, eta, 20_000, seed: 3, threads: 2);
        double sd = 200, sb = 1800 * 0.25, noiseB = noise == QuadraticNoise.Hessian ? 0.2 : 1.0;
        double nd = method == QuadraticMethod.Bulk ? sd : Math.Pow(1 - eta, 2) * sd + eta * eta * 200;
        double nb = method == QuadraticMethod.Dom ? sb : Math.Pow(1 - 0.2 * eta, 2) * sb + eta * eta * 1800 * noiseB;
        double dL = 0.5 * ((nd - sd) + 0.2 * (nb - sb));
        Assert.True(Math.Abs(r.LossChange.Mean - dL) <= 5 * r.LossChange.StandardError, $"{r.LossChange} vs {dL}");
        Assert.True(Math.Abs(r.DominantGradient.Mean - nd) <= 5 * Math.Max(r.DominantGradient.StandardError, 1e-12));
        Assert.True(Math.Abs(r.BulkGradient.Mean - 0.04 * nb) <= 5 * Math.Max(r.BulkGradient.StandardError, 1e-12));
        double ratio = nd / (nd + 0.04 * nb) - 200.0 / 218.0;
        Assert.True(Math.Abs(r.RatioOfMeansChange.Mean - ratio) <= 5 * r.RatioOfMeansChange.StandardError + 1e-12,
            $"{r.RatioOfMeansChange} vs {ratio}");
        Assert.Equal(200.0 / 218.0, r.InitialAlignment, 1e-12);
    }

    [Theory]
    [InlineData(QuadraticMethod.Sgd)]
    [InlineData(QuadraticMethod.Dom)]
    [InlineData(QuadraticMethod.Bulk)]
    public void StreamingProbeMatchesTheExactOneStepExpectation(QuadraticMethod method)
    {
        // E[e_i'²] = (1 − ηλ_i)²e_i² + (η²/b)[λ_i²e_i² + λ_i(eᵀHe + σ²)] on moving coordinates (Gaussian fourth moments;
        // quadratic.md §1); frozen coordinates keep e_i².
        var p = QuadraticParameters.Base with { Dimension = 300, DominantCount = 10, LambdaBulk = 0.05, Noise = QuadraticNoise.Streaming, Batch = 4, StepSize = 0.3 };
        var e = State(p, 0.8, 1.7);
        var r = OneStepProbe.Run(p, e, method, 0.3, 20_000, seed: 11, threads: 2);
        double q = 10 * 0.64 + 290 * 0.05 * 1.7 * 1.7;
        double Next(double l, double v) => Math.Pow(1 - 0.3 * l, 2) * v + 0.09 / 4 * (l * l * v + l * (q + 1));
        double dD = method == QuadraticMethod.Bulk ? 0 : 10 * (Next(1, 0.64) - 0.64);
        double dB = method == QuadraticMethod.Dom ? 0 : 290 * 0.05 * (Next(0.05, 2.89) - 2.89);
        double dL = 0.5 * (dD + dB);
        Assert.True(Math.Abs(r.LossChange.Mean - dL) <= 5 * r.LossChange.StandardError, $"{r.LossChange} vs {dL}");
    }

    [Fact]
    public void ProbesAreIndependentOfTheThreadCount()
    {
        var p = QuadraticParameters.Base with { Dimension = 500 };
        var e = State(p, 0.6, 30);
        var one = OneStepProbe.Run(p, e, QuadraticMethod.Bulk, 0.55, 1000, 8, threads: 1);
        var two = OneStepProbe.Run(p, e, QuadraticMethod.Bulk, 0.55, 1000, 8, threads: 2);
        Assert.Equal(one.LossChange, two.LossChange);
        Assert.Equal(one.RatioOfMeansChange, two.RatioOfMeansChange);
    }

    [Theory]
    [InlineData(QuadraticMethod.Sgd)]
    [InlineData(QuadraticMethod.Dom)]
    [InlineData(QuadraticMethod.Bulk)]
    public void StreamingSweepEqualsOneProbePerStepSize(QuadraticMethod method)
    {
        // A sweep shares each draw between the step sizes; every η must get exactly the bits of its own probe
        // (d above the chunk length, so the per-chunk sums of several chunks are combined).
        var p = QuadraticParameters.Base with { Dimension = 5000, DominantCount = 10, LambdaBulk = 0.05, Noise = QuadraticNoise.Streaming, Batch = 2 };
        var e = State(p, 0.8, 1.7);
        double[] etas = [0.2, 0.9, 1.7];
        var sweep = OneStepProbe.RunSweep(p, e, method, etas, 300, seed: 5, threads: 2);
        for (int h = 0; h < etas.Length; h++)
        {
            var single = OneStepProbe.Run(p, e, method, etas[h], 300, seed: 5, threads: 1);
            Assert.Equal(single.LossChange, sweep[h].LossChange);
            Assert.Equal(single.AlignmentChange, sweep[h].AlignmentChange);
            Assert.Equal(single.DominantGradient, sweep[h].DominantGradient);
            Assert.Equal(single.BulkGradient, sweep[h].BulkGradient);
            Assert.Equal(single.RatioOfMeansChange, sweep[h].RatioOfMeansChange);
        }
    }
}
