using TheoryCheck.Models.Quadratic;
using TheoryCheck.Theory.Quadratic;

namespace TheoryCheck.Tests.Theory.Quadratic;

/// <summary>The exact second-moment recursion of quadratic.md §2 against closed forms and an exact Monte Carlo.</summary>
public class RecursionTests
{
    [Theory]
    [InlineData(QuadraticNoise.Additive, 0.5)]
    [InlineData(QuadraticNoise.Hessian, 0.5)]
    [InlineData(QuadraticNoise.Additive, 1.5)]
    [InlineData(QuadraticNoise.Hessian, 1.9)]
    public void RecursionEqualsTheClosedFormWithTheNoiseFloor(QuadraticNoise noise, double eta)
    {
        // §2: v_i(t) = (1 − ηλ)^{2t}(v_0 − v*) + v*, v* = ηs/(λ(2 − ηλ)), s = σ² or σ²λ.
        var p = QuadraticParameters.Base with { Noise = noise, StepSize = eta, NoiseVariance = 0.7, InitScale = 3 };
        var solution = QuadraticTheory.Solve(p, 300);
        foreach (long t in new long[] { 0, 1, 2, 7, 50, 300 })
        {
            foreach (var (lambda, v) in new[] { (p.LambdaDominant, solution.Moments(t).Dominant), (p.LambdaBulk, solution.Moments(t).Bulk) })
            {
                double s = noise == QuadraticNoise.Additive ? 0.7 : 0.7 * lambda;
                double floor = eta * s / (lambda * (2 - eta * lambda));
                double expected = Math.Pow(1 - eta * lambda, 2 * t) * (9 - floor) + floor;
                Assert.Equal(expected, v, 1e-11 * Math.Max(1, expected));
            }
        }
    }

    [Theory]
    [InlineData(QuadraticNoise.Additive, QuadraticMethod.Dom)]
    [InlineData(QuadraticNoise.Hessian, QuadraticMethod.Bulk)]
    [InlineData(QuadraticNoise.Streaming, QuadraticMethod.Dom)]
    [InlineData(QuadraticNoise.Streaming, QuadraticMethod.Bulk)]
    [InlineData(QuadraticNoise.Streaming, QuadraticMethod.Sgd)]
    public void TwoLevelPathEqualsThePerCoordinatePath(QuadraticNoise noise, QuadraticMethod method)
    {
        var p = new QuadraticParameters
        {
            Dimension = 50, DominantCount = 4, LambdaBulk = 0.05, StepSize = 0.1, Noise = noise, Batch = 3,
            NoiseVariance = 0.4, InitScale = 2, Method = method, SwitchAt = 20,
        };
        var solution = QuadraticTheory.Solve(p, 60);
        var lambda = Enumerable.Range(0, p.Dimension).Select(p.Lambda).ToArray();
        var v = Enumerable.Repeat(4.0, p.Dimension).ToArray();
        var next = new double[p.Dimension];
        var scratch = new double[p.Dimension];
        for (long t = 0; t < 60; t++)
        {
            SecondMomentRecursion.Step(p, lambda, p.DominantCount, v, next, scratch, p.MethodAt(t), p.StepSize);
            (v, next) = (next, v);
            var m = solution.Moments(t + 1);
            Assert.Equal(m.Dominant, v[0], 1e-12 * m.Dominant);
            Assert.Equal(m.Dominant, v[p.DominantCount - 1], 1e-12 * m.Dominant);
            Assert.Equal(m.Bulk, v[p.DominantCount], 1e-12 * m.Bulk);
            Assert.Equal(m.Bulk, v[^1], 1e-12 * m.Bulk);
        }
    }

    [Fact]
    public void FrozenBlocksDoNotMove()
    {
        var dom = QuadraticTheory.Solve(QuadraticParameters.Base with { Method = QuadraticMethod.Dom, SwitchAt = 10 }, 30);
        var bulk = QuadraticTheory.Solve(QuadraticParameters.Base with { Method = QuadraticMethod.Bulk, SwitchAt = 10 }, 30);
        for (long t = 11; t <= 30; t++)
        {
            Assert.Equal(dom.Moments(10).Bulk, dom.Moments(t).Bulk);
            Assert.Equal(bulk.Moments(10).Dominant, bulk.Moments(t).Dominant);
        }
        Assert.NotEqual(dom.Moments(10).Dominant, dom.Moments(11).Dominant);
        Assert.NotEqual(bulk.Moments(10).Bulk, bulk.Moments(11).Bulk);
    }

    /// <summary>
    /// Exact per-coordinate process of quadratic.md §1 simulated directly (general diagonal H, streaming noise with
    /// explicit samples x_j ~ N(0, H) and labels, Dom-SGD after a switch): the replicate mean of e_i² must match
    /// v_i(t) within 5 standard errors at every coordinate and step.
    /// </summary>
    [Theory]
    [InlineData(QuadraticNoise.Streaming, QuadraticMethod.Dom)]
    [InlineData(QuadraticNoise.Streaming, QuadraticMethod.Sgd)]
    [InlineData(QuadraticNoise.Hessian, QuadraticMethod.Bulk)]
    [InlineData(QuadraticNoise.Additive, QuadraticMethod.Sgd)]
    public void RecursionMatchesAMonteCarloOfThePerCoordinateProcess(QuadraticNoise noise, QuadraticMethod method)
    {
        double[] lambda = [1.5, 0.9, 0.3, 0.2, 0.1];
        const int k = 2, steps = 6, replicates = 40_000, batch = 2;
        var p = new QuadraticParameters
        {
            Dimension = lambda.Length, DominantCount = k, LambdaDominant = 1.5, LambdaBulk = 0.1, StepSize = 0.4,
            Noise = noise, NoiseVariance = 0.5, Batch = batch, InitScale = 1.2, Method = method, SwitchAt = 3,
        };
        // Theory: general per-coordinate recursion.
        int d = lambda.Length;
        var v = new double[steps + 1][];
        v[0] = Enumerable.Repeat(1.44, d).ToArray();
        var scratch = new double[d];
        for (int t = 0; t < steps; t++)
        {
            v[t + 1] = new double[d];
            SecondMomentRecursion.Step(p, lambda, k, v[t], v[t + 1], scratch, p.MethodAt(t), p.StepSize);
        }
        // Monte Carlo.
        var rng = new Random(12345);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var sum = new double[steps + 1, d];
        var sumSq = new double[steps + 1, d];
        var e = new double[d];
        var g = new double[d];
        var x = new double[d];
        for (int r = 0; r < replicates; r++)
        {
            for (int i = 0; i < d; i++) e[i] = 1.2 * Normal();
            for (int t = 0; t <= steps; t++)
            {
                for (int i = 0; i < d; i++) { sum[t, i] += e[i] * e[i]; sumSq[t, i] += e[i] * e[i] * e[i] * e[i]; }
                if (t == steps) break;
                Array.Clear(g);
                switch (noise)
                {
                    case QuadraticNoise.Additive:
                        for (int i = 0; i < d; i++) g[i] = lambda[i] * e[i] + Math.Sqrt(0.5) * Normal();
                        break;
                    case QuadraticNoise.Hessian:
                        for (int i = 0; i < d; i++) g[i] = lambda[i] * e[i] + Math.Sqrt(0.5 * lambda[i]) * Normal();
                        break;
                    default:
                        for (int j = 0; j < batch; j++)
                        {
                            double inner = 0;
                            for (int i = 0; i < d; i++) { x[i] = Math.Sqrt(lambda[i]) * Normal(); inner += x[i] * e[i]; }
                            double residual = inner - Math.Sqrt(0.5) * Normal();
                            for (int i = 0; i < d; i++) g[i] += residual * x[i] / batch;
                        }
                        break;
                }
                var m = p.MethodAt(t);
                for (int i = 0; i < d; i++)
                {
                    bool frozen = m == QuadraticMethod.Dom ? i >= k : m == QuadraticMethod.Bulk && i < k;
                    if (!frozen) e[i] -= p.StepSize * g[i];
                }
            }
        }
        for (int t = 0; t <= steps; t++)
            for (int i = 0; i < d; i++)
            {
                double mean = sum[t, i] / replicates;
                double se = Math.Sqrt((sumSq[t, i] / replicates - mean * mean) / replicates);
                Assert.True(Math.Abs(mean - v[t][i]) <= 5 * se, $"t = {t}, i = {i}: MC {mean} ± {se}, recursion {v[t][i]}");
            }
    }

    [Fact]
    public void ExpectedLossIsHalfTheCurvatureWeightedSum()
    {
        var p = QuadraticParameters.Base;
        var s = QuadraticTheory.Solve(p, 100);
        var m = s.Moments(100);
        Assert.Equal(0.5 * (20 * m.Dominant + 1980 * 0.001 * m.Bulk), s.Loss(100), 1e-9);
        // At t = 0: ½ R² tr H = ½·1e4·(20 + 1.98).
        Assert.Equal(0.5 * 1e4 * 21.98, s.Loss(0), 1e-8);
    }

    [Fact]
    public void UnstableStreamingRecursionIsReportedAsDiverged()
    {
        // Σ(η/b)λ_i/(2 − ηλ_i(1 + 1/b)) = 20·0.9/(2 − 1.8) + … > 1: unstable.
        var p = QuadraticParameters.Base with { Noise = QuadraticNoise.Streaming, StepSize = 0.9 };
        Assert.False(SecondMomentRecursion.StreamingStable(p));
        var s = QuadraticTheory.Solve(p, 100_000);
        Assert.True(s.Status.Diverged);
        Assert.True(s.LastStep < 100_000);
        Assert.True(SecondMomentRecursion.StreamingStable(p with { StepSize = 0.05, Batch = 8 }));
    }
}
