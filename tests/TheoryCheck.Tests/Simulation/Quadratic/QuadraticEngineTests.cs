using TheoryCheck.Models.Quadratic;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Quadratic;

namespace TheoryCheck.Tests.Simulation.Quadratic;

public class QuadraticEngineTests
{
    private static double[] Normals(ulong seed, string label, ulong position, int count)
    {
        var z = new double[count];
        RandomStream.FillNormal(StreamKey.Derive(seed, label), position, z);
        return z;
    }

    private static QuadraticParameters Small(QuadraticNoise noise, QuadraticMethod method = QuadraticMethod.Sgd, long switchAt = 0) => new()
    {
        // d = 2100 > one chunk, k = 37 (not a multiple of the vector width): exercises chunk and tail paths.
        Dimension = 2100, DominantCount = 37, LambdaDominant = 1.3, LambdaBulk = 0.07, StepSize = 0.4, Noise = noise,
        NoiseVariance = 0.6, Batch = 3, InitScale = 2.5, Method = method, SwitchAt = switchAt,
    };

    [Theory]
    [InlineData(QuadraticNoise.Additive, QuadraticMethod.Sgd)]
    [InlineData(QuadraticNoise.Additive, QuadraticMethod.Dom)]
    [InlineData(QuadraticNoise.Hessian, QuadraticMethod.Sgd)]
    [InlineData(QuadraticNoise.Hessian, QuadraticMethod.Bulk)]
    [InlineData(QuadraticNoise.Streaming, QuadraticMethod.Sgd)]
    [InlineData(QuadraticNoise.Streaming, QuadraticMethod.Dom)]
    [InlineData(QuadraticNoise.Streaming, QuadraticMethod.Bulk)]
    public void TwoStepsMatchAHandComputationWithTheSameNoise(QuadraticNoise noise, QuadraticMethod method)
    {
        // Step 0 is SGD, step 1 uses the method (switch_at = 1). The expected states use the documented stream positions.
        var p = Small(noise, method, switchAt: 1);
        const ulong seed = 42;
        int d = p.Dimension, k = p.DominantCount, b = p.Batch;
        var e = Normals(seed, "quadratic/init", 0, d).Select(z => 2.5 * z).ToArray();
        var engine = new QuadraticEngine(p, seed);
        for (int i = 0; i < d; i++) Assert.Equal(e[i], engine.State[i]);
        for (int t = 0; t < 2; t++)
        {
            var m = p.MethodAt(t);
            var g = new double[d];
            if (noise == QuadraticNoise.Streaming)
            {
                for (int j = 0; j < b; j++)
                {
                    var z = Normals(seed, "quadratic/noise", (ulong)((t * b + j) * (d + 1)), d + 1);
                    double inner = 0;
                    for (int i = 0; i < d; i++) inner += Math.Sqrt(p.Lambda(i)) * z[i] * e[i];
                    double residual = inner - Math.Sqrt(0.6) * z[d];
                    for (int i = 0; i < d; i++) g[i] += residual * Math.Sqrt(p.Lambda(i)) * z[i] / b;
                }
            }
            else
            {
                var z = Normals(seed, "quadratic/noise", (ulong)(t * d), d);
                for (int i = 0; i < d; i++)
                    g[i] = p.Lambda(i) * e[i] + Math.Sqrt(0.6 * (noise == QuadraticNoise.Hessian ? p.Lambda(i) : 1)) * z[i];
            }
            var before = engine.State.ToArray();
            for (int i = 0; i < d; i++)
            {
                bool frozen = m == QuadraticMethod.Dom ? i >= k : m == QuadraticMethod.Bulk && i < k;
                if (!frozen) e[i] -= 0.4 * g[i];
            }
            Assert.True(engine.Advance());
            for (int i = 0; i < d; i++)
            {
                bool frozen = m == QuadraticMethod.Dom ? i >= k : m == QuadraticMethod.Bulk && i < k;
                if (frozen) Assert.Equal(before[i], engine.State[i]); // bit-identical
                else Assert.Equal(e[i], engine.State[i], 1e-12 * (1 + Math.Abs(e[i])));
            }
        }
        Assert.Equal(QuadraticObservables.Alignment(e, p), engine.Alignment, 1e-12);
        Assert.Equal(QuadraticObservables.Loss(e, p), engine.Loss, 1e-10 * engine.Loss);
    }

    [Theory]
    [InlineData(QuadraticMethod.Dom)]
    [InlineData(QuadraticMethod.Bulk)]
    public void ProjectedMethodsFreezeTheirBlockExactlyAndFollowSgdBeforeTheSwitch(QuadraticMethod method)
    {
        var p = Small(QuadraticNoise.Additive, method, switchAt: 5);
        var sgd = new QuadraticEngine(p with { Method = QuadraticMethod.Sgd }, 9);
        var projected = new QuadraticEngine(p, 9);
        for (int t = 0; t < 5; t++) { sgd.Advance(); projected.Advance(); }
        Assert.True(sgd.State.SequenceEqual(projected.State));
        var atSwitch = projected.State.ToArray();
        for (int t = 0; t < 20; t++) { sgd.Advance(); projected.Advance(); }
        int k = p.DominantCount;
        var frozen = method == QuadraticMethod.Dom ? (k, p.Dimension) : (0, k);
        var moving = method == QuadraticMethod.Dom ? (0, k) : (k, p.Dimension);
        Assert.True(projected.State[frozen.Item1..frozen.Item2].SequenceEqual(atSwitch.AsSpan(frozen.Item1..frozen.Item2)));
        // The moving block uses the same noise as SGD there, and (additive noise) does not see the other block.
        Assert.True(projected.State[moving.Item1..moving.Item2].SequenceEqual(sgd.State[moving.Item1..moving.Item2]));
    }

    [Fact]
    public void EnsemblesAreBitIdenticalForAnyThreadCount()
    {
        var p = Small(QuadraticNoise.Streaming);
        ulong[] seeds = [1, 2, 3, 4, 5];
        long[] steps = [0, 1, 7, 20];
        var one = QuadraticSimulator.RunEnsemble(p, seeds, steps, threads: 1);
        var two = QuadraticSimulator.RunEnsemble(p, seeds, steps, threads: 2);
        for (int s = 0; s < seeds.Length; s++)
        {
            Assert.Equal(one.Runs[s].Alignment, two.Runs[s].Alignment);
            Assert.Equal(one.Runs[s].Loss, two.Runs[s].Loss);
            var single = QuadraticSimulator.Run(p, seeds[s], steps);
            Assert.Equal(single.Loss, one.Runs[s].Loss);
        }
    }

    [Theory]
    [InlineData(QuadraticNoise.Additive)]
    [InlineData(QuadraticNoise.Hessian)]
    public void SeedMeanOfTheLossMatchesTheClosedForm(QuadraticNoise noise)
    {
        // E[L(t)] = ½Σ_i λ_i[(1 − ηλ_i)^{2t}(R² − v_i*) + v_i*], v_i* = ηs_i/(λ_i(2 − ηλ_i)) (independent of the code under test).
        var p = Small(noise) with { Dimension = 60, DominantCount = 6 };
        long[] steps = [0, 1, 3, 10, 40];
        var seeds = Enumerable.Range(0, 400).Select(i => (ulong)(1000 + i)).ToArray();
        var ensemble = QuadraticSimulator.RunEnsemble(p, seeds, steps, threads: 2);
        foreach (long t in steps)
        {
            double expected = 0;
            for (int i = 0; i < p.Dimension; i++)
            {
                double l = p.Lambda(i), s = noise == QuadraticNoise.Hessian ? 0.6 * l : 0.6, floor = 0.4 * s / (l * (2 - 0.4 * l));
                expected += 0.5 * l * (Math.Pow(1 - 0.4 * l, 2 * t) * (6.25 - floor) + floor);
            }
            var (mean, _, se) = QuadraticEnsemble.Summary(ensemble.LossAt(t));
            Assert.True(Math.Abs(mean - expected) <= 5 * se, $"t = {t}: mean {mean} ± {se}, expected {expected}");
        }
    }

    [Fact]
    public void SeedMeanOfTheStreamingLossMatchesAnIndependentRecursion()
    {
        // Per-coordinate recursion written here: v_i' = (1 − ηλ_i)²v_i + η²(λ_i²v_i + λ_i(Σλv + σ²))/b.
        var p = Small(QuadraticNoise.Streaming) with { Dimension = 40, DominantCount = 4, StepSize = 0.2 };
        long[] steps = [0, 2, 8, 25];
        var seeds = Enumerable.Range(0, 600).Select(i => (ulong)(77 + i)).ToArray();
        var ensemble = QuadraticSimulator.RunEnsemble(p, seeds, steps, threads: 2);
        var v = Enumerable.Repeat(6.25, p.Dimension).ToArray();
        for (long t = 0; t <= 25; t++)
        {
            if (steps.Contains(t))
            {
                double expected = 0;
                for (int i = 0; i < v.Length; i++) expected += 0.5 * p.Lambda(i) * v[i];
                var (mean, _, se) = QuadraticEnsemble.Summary(ensemble.LossAt(t));
                Assert.True(Math.Abs(mean - expected) <= 5 * se, $"t = {t}: mean {mean} ± {se}, expected {expected}");
            }
            double sum = 0;
            for (int i = 0; i < v.Length; i++) sum += p.Lambda(i) * v[i];
            for (int i = 0; i < v.Length; i++)
            {
                double l = p.Lambda(i), a = 1 - 0.2 * l;
                v[i] = a * a * v[i] + 0.04 * (l * l * v[i] + l * (sum + 0.6)) / 3;
            }
        }
    }

    [Fact]
    public void DivergenceIsReportedWithTheStep()
    {
        // Streaming noise with η = 0.9 < 2/λ_D is unstable (Σ(η/b)λ_i/(2 − ηλ_i(1 + 1/b)) ≫ 1): ‖e‖ grows geometrically.
        var p = QuadraticParameters.Base with { Dimension = 200, DominantCount = 20, Noise = QuadraticNoise.Streaming, StepSize = 0.9, InitScale = 1 };
        var steps = Enumerable.Range(0, 2001).Select(i => (long)i).ToArray();
        var run = QuadraticSimulator.Run(p, 5, steps);
        Assert.True(run.Status.Diverged);
        Assert.NotNull(run.Status.Step);
        Assert.True(run.Status.Step > 1 && run.Status.Step < 2000);
        Assert.Equal(run.Status.Step, run.Steps.Length);   // records t = 0 … step − 1 only
        Assert.All(run.Loss, l => Assert.True(double.IsFinite(l)));
        var doc = run.ToTrajectory().ToJson();
        Assert.Equal("diverged", doc["status"]!["state"]!.GetValue<string>());
    }
}
