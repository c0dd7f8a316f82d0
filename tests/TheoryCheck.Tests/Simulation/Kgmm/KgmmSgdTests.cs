using TheoryCheck.Simulation.Common;
using TheoryCheck.Models;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Kgmm;
using TheoryCheck.Tests.Models.Kgmm;
using static TheoryCheck.Tests.Simulation.Kgmm.KgmmTestSupport;

namespace TheoryCheck.Tests.Simulation.Kgmm;

public sealed class KgmmSgdTests
{
    private static readonly KgmmParameters Reference = new(3, 3, 0.1, 1);

    [Theory]
    [InlineData(3, 30)]
    [InlineData(4, 101)]
    [InlineData(2, 1000)]
    public void MeansAreOrthonormalAndInitialisationHasVariance1OverD(int k, int d)
    {
        var sim = new KgmmSgdSimulation(new KgmmParameters(k, 3, 0.1, 1), d, seed: 5);
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
                Assert.True(Math.Abs(NaiveDot(sim.Mean(a), sim.Mean(b)) - (a == b ? 1 : 0)) <= 1e-12);
        // ‖x^c‖² ~ χ²_d/d: mean 1, sd √(2/d); sum over c: 5 standard errors.
        double total = 0;
        for (int c = 0; c < k; c++) total += NaiveDot(sim.Weight(c), sim.Weight(c));
        Assert.True(Math.Abs(total / k - 1) <= 5 * Math.Sqrt(2.0 / (d * k)), $"mean ‖x^c‖² = {total / k}");
    }

    /// <summary>
    /// The training window (kgmm.md §14) is exactly the samples SGD used: starting from the snapshot at step ℓ − M, the
    /// hand-written update x^c ← x^c − δ[(π_c − δ_bc)Y + βx^c] with the window's samples, in order, reproduces the state
    /// at step ℓ; with the window shifted by one step (the samples of ℓ − M … ℓ − 1) it does not. Also: fewer than M steps
    /// is refused with a message naming M and the steps taken.
    /// </summary>
    [Fact]
    public void TrainingWindowIsTheSamplesSgdUsed()
    {
        const int d = 24, k = 3;
        const long seed = 7;
        var p = new KgmmParameters(k, 2.5, 0.3, 1.7, [0.5, 0.3, 0.2]);
        var sim = new KgmmSgdSimulation(p, d, seed);
        sim.AdvanceTo(37);
        var before = sim.Snapshot();                       // step ℓ − M = 37
        sim.AdvanceTo(37 + 12);
        var after = sim.Snapshot();                        // step ℓ = 49
        var window = KgmmTestSamples.Training(after, 0.5); // M = ⌈0.5·24⌉ = 12: steps 38..49
        Assert.Equal(12, window.Count);
        Assert.Equal(KgmmSampleSource.Training, window.Source);
        Assert.Equal(49, window.LastStep);
        double delta = p.CDelta / d;
        double Replay(KgmmTestSamples shifted)
        {
            var x = new double[k][];
            for (int c = 0; c < k; c++) x[c] = before.Weight(c).ToArray();
            for (int j = 0; j < shifted.Count; j++)
            {
                var y = shifted.Sample(j).ToArray();
                int b = shifted.Labels[j];
                var pi = NaiveSoftmax(Enumerable.Range(0, k).Select(c => NaiveDot(x[c], y)).ToArray());
                for (int c = 0; c < k; c++)
                {
                    double w = pi[c] - (c == b ? 1 : 0);
                    for (int i = 0; i < d; i++) x[c][i] -= delta * (w * y[i] + p.Beta * x[c][i]);
                }
            }
            double worst = 0;
            for (int c = 0; c < k; c++)
                for (int i = 0; i < d; i++) worst = Math.Max(worst, Math.Abs(after.Weight(c)[i] - x[c][i]));
            return worst;
        }
        Assert.True(Replay(window) <= 1e-13, $"replay of the window: max |Δx| = {Replay(window)}");
        var shifted = KgmmTestSamples.Training(Earlier(p, d, seed, 48), 0.5); // steps 37..48
        Assert.True(Replay(shifted) > 1e-6, "a window shifted by one step must not reproduce the state");
        var early = new KgmmSgdSimulation(p, d, seed);
        early.AdvanceTo(11);
        var error = Assert.Throws<ArgumentException>(() => KgmmTestSamples.Training(early.Snapshot(), 0.5));
        Assert.Contains("M = 12", error.Message);
        Assert.Contains("after 11 steps", error.Message);
    }

    private static KgmmState Earlier(KgmmParameters p, int d, long seed, long step)
    {
        var sim = new KgmmSgdSimulation(p, d, seed);
        sim.AdvanceTo(step);
        return sim.Snapshot();
    }

    /// <summary>
    /// Three SGD steps recomputed by hand from the documented stream positions (label: raw position ℓ−1 of stream
    /// kgmm.sgd; noise: normal positions (ℓ−1)d…): Y = μ_b + Z/√λ, logits at the OLD x for all k vectors, softmax,
    /// x^c ← x^c − δ[(π_c − δ_bc)Y + βx^c].
    /// </summary>
    [Fact]
    public void StepsMatchAHandComputationWithGradientsAtTheOldWeights()
    {
        const int d = 30, k = 3;
        const long seed = 42;
        var p = new KgmmParameters(k, 2.5, 0.3, 1.7, [0.5, 0.3, 0.2]);
        var sim = new KgmmSgdSimulation(p, d, seed);
        var x = new double[k][];
        for (int c = 0; c < k; c++) x[c] = sim.Weight(c).ToArray();
        double delta = p.CDelta / d;
        var key = KgmmStreams.Sgd(seed, d);
        sim.AdvanceTo(3);
        bool sawNonLabelClassWithLargeGradient = false;
        for (int step = 1; step <= 3; step++)
        {
            var stream = new RandomStream(key, (ulong)(step - 1));
            double u = stream.NextDouble();
            int b = u < p.P[0] ? 0 : u < p.P[0] + p.P[1] ? 1 : 2;
            var z = new double[d];
            RandomStream.FillNormal(key, (ulong)((step - 1) * d), z);
            var y = new double[d];
            for (int i = 0; i < d; i++) y[i] = sim.Mean(b)[i] + z[i] / Math.Sqrt(p.Lambda);
            var pi = NaiveSoftmax(Enumerable.Range(0, k).Select(c => NaiveDot(x[c], y)).ToArray());
            var updated = new double[k][];
            for (int c = 0; c < k; c++)
            {
                double w = pi[c] - (c == b ? 1 : 0);
                if (c != b && w > 0.05) sawNonLabelClassWithLargeGradient = true;
                updated[c] = new double[d];
                for (int i = 0; i < d; i++) updated[c][i] = x[c][i] - delta * (w * y[i] + p.Beta * x[c][i]);
            }
            x = updated;
        }
        Assert.True(sawNonLabelClassWithLargeGradient);
        for (int c = 0; c < k; c++)
            for (int i = 0; i < d; i++)
                Assert.True(Math.Abs(sim.Weight(c)[i] - x[c][i]) <= 1e-13, $"x[{c}][{i}]: {sim.Weight(c)[i]} vs {x[c][i]}");
        // A Gauss–Seidel variant (class c's logits after updating classes < c) is a different algorithm: make sure the
        // comparison above can tell them apart by repeating step 1 that way.
        var gs = new KgmmSgdSimulation(p, d, seed);
        var xs = new double[k][];
        for (int c = 0; c < k; c++) xs[c] = gs.Weight(c).ToArray();
        gs.AdvanceTo(1);
        {
            var stream = new RandomStream(key, 0);
            double u = stream.NextDouble();
            int b = u < p.P[0] ? 0 : u < p.P[0] + p.P[1] ? 1 : 2;
            var z = new double[d];
            RandomStream.FillNormal(key, 0, z);
            var y = z.Select((zi, i) => gs.Mean(b)[i] + zi / Math.Sqrt(p.Lambda)).ToArray();
            double maxDifference = 0;
            for (int c = 0; c < k; c++)
            {
                var pi = NaiveSoftmax(Enumerable.Range(0, k).Select(e => NaiveDot(xs[e], y)).ToArray());
                double w = pi[c] - (c == b ? 1 : 0);
                for (int i = 0; i < d; i++) xs[c][i] -= delta * (w * y[i] + p.Beta * xs[c][i]);
                for (int i = 0; i < d; i++) maxDifference = Math.Max(maxDifference, Math.Abs(gs.Weight(c)[i] - xs[c][i]));
            }
            Assert.True(maxDifference > 1e-8, "sequential and simultaneous updates should differ");
        }
    }

    [Fact]
    public void RunIsIndependentOfHowItIsSplitIntoAdvances()
    {
        var whole = new KgmmSgdSimulation(Reference, 70, 9);
        var pieces = new KgmmSgdSimulation(Reference, 70, 9);
        whole.AdvanceTo(500);
        for (long s = 1; s <= 500; s += s % 7 == 0 ? 3 : 1) pieces.AdvanceTo(Math.Min(s, 500));
        pieces.AdvanceTo(500);
        for (int c = 0; c < 3; c++) Assert.Equal(whole.Weight(c).ToArray(), pieces.Weight(c).ToArray());
    }

    [Fact]
    public void StatisticsAreSymmetricAndConsistentWithTheWeights()
    {
        var run = Engine().Run(new KgmmSimulationProblem(Reference, 64, 3, TimeGrid.Uniform(2, 0.5)));
        var state = run.FinalState!;
        var statistics = run.Statistics[^1];
        Assert.Equal(state.Step, run.RecordSteps[^1]);
        for (int c = 0; c < 3; c++)
            for (int e = 0; e < 3; e++)
            {
                Assert.Equal(statistics.RAt(c, e), statistics.RAt(e, c));
                Assert.True(Math.Abs(statistics.RAt(c, e) - NaiveDot(state.Weight(c), state.Weight(e))) <= 1e-13);
                Assert.True(Math.Abs(statistics.MAt(c, e) - NaiveDot(state.Weight(c), state.Mean(e))) <= 1e-13);
            }
        // The trajectory's last entries are those statistics.
        Assert.Equal(statistics.MAt(1, 2), run.Trajectory["m[2,3]"][^1]);
        Assert.Equal(statistics.RAt(0, 2), run.Trajectory["R[1,3]"][^1]);
        Assert.Equal(statistics.RperpAt(1, 1), run.Trajectory["Rperp[2,2]"][^1], 1e-15);
    }

    [Fact]
    public void TrajectoryHasTheModelObservableNamesAndGridTimes()
    {
        var grid = TimeGrid.Uniform(0.2, 0.05);
        var run = Engine().Run(new KgmmSimulationProblem(new KgmmParameters(4, 5, 0.2, 1), 30, 1, grid));
        Assert.Equal(KgmmModel.ObservableNames(4), run.Trajectory.Names);
        Assert.Equal("sgd", run.Trajectory.Engine);
        Assert.Equal(grid.Times, run.Trajectory.Times);
        // δ = 1/30: t = 0.05 is 1.5 steps (rounded up to 2), t = 0.1 is exactly 3 steps.
        Assert.Equal(new long[] { 0, 2, 3, 5 }, run.RecordSteps.Take(4));
        Assert.Equal(6, run.Steps);
        Assert.False(run.Status.Diverged);
        Assert.Equal(0.25, run.Trajectory["accuracy"][0], 0.2); // uninformative start: 1/k up to O(d^-1/2)
        Assert.True(run.Trajectory.Diagnostics["steps_per_second"] is not null);
    }

    [Fact]
    public void DefaultEngineLossMatchesAHighOrderRule()
    {
        var p = new KgmmParameters(3, 3, 0.1, 1, [0.5, 0.3, 0.2]);
        var run = new KgmmSgd().Run(new KgmmSimulationProblem(p, 80, 2, TimeGrid.Uniform(6, 1)));
        var (nodes, weights) = TestRules.Tensor(2, 30);
        var reference = new KgmmGaussianMoments(p, nodes, weights, "GH 30");
        for (int i = 0; i < run.Statistics.Count; i++)
        {
            var s = run.Statistics[i];
            Assert.Equal(reference.Loss(s.M, s.R, p.Beta), run.Trajectory[KgmmModel.Loss][i], 1e-8);
            Assert.Equal(KgmmAccuracy.Evaluate(p, s.M, s.R).Value, run.Trajectory[KgmmModel.Accuracy][i], 1e-12);
        }
    }

    [Fact]
    public void SameSeedGivesIdenticalRunsAndAnotherSeedDoesNot()
    {
        var problem = new KgmmSimulationProblem(Reference, 50, 17, TimeGrid.Uniform(1, 0.25));
        var a = Engine().Run(problem);
        var b = Engine().Run(problem);
        var c = Engine().Run(problem with { });
        var other = Engine().Run(new KgmmSimulationProblem(Reference, 50, 18, TimeGrid.Uniform(1, 0.25)));
        foreach (var name in a.Trajectory.Names)
        {
            Assert.Equal(a.Trajectory[name], b.Trajectory[name]);
            Assert.Equal(a.Trajectory[name], c.Trajectory[name]);
        }
        Assert.NotEqual(a.Trajectory["m[1,1]"][^1], other.Trajectory["m[1,1]"][^1]);
        Assert.Equal(a.FinalState!.Weights.ToArray(), b.FinalState!.Weights.ToArray());
    }

    [Fact]
    public void EnsembleIsBitIdenticalForOneAndTwoThreads()
    {
        var problems = (from d in new[] { 40, 64 } from seed in new long[] { 1, 2, 3 }
                        select new KgmmSimulationProblem(Reference, d, seed, TimeGrid.Uniform(1, 0.5), snapshotTimes: [0.5])).ToList();
        var engine = Engine();
        var one = ParallelEnsemble.Run(problems.Count, i => engine.Run(problems[i]), maxThreads: 1);
        var two = ParallelEnsemble.Run(problems.Count, i => engine.Run(problems[i]), maxThreads: 2);
        Assert.Equal(6, one.Length);
        for (int i = 0; i < problems.Count; i++)
        {
            Assert.Same(problems[i], one[i].Problem);
            Assert.Equal(problems[i].Dimension, one[i].Trajectory.Dimension);
            foreach (var name in one[i].Trajectory.Names) Assert.Equal(one[i].Trajectory[name], two[i].Trajectory[name]);
            Assert.Equal(one[i].FinalState!.Weights.ToArray(), two[i].FinalState!.Weights.ToArray());
            Assert.Equal(one[i].Snapshots[0].Weights.ToArray(), two[i].Snapshots[0].Weights.ToArray());
            Assert.Equal(problems[i].StepAt(0.5), one[i].Snapshots[0].Step);
        }
    }

    /// <summary>
    /// E[Δm]/δ over independent single steps from one fixed x equals −(D P + H̄ m/λ + β m) (kgmm.md §5.3), which is
    /// exact at every d by the Gaussian closure (§4); D and H̄ from the Models' Gauss–Hermite moments (n = 12).
    /// Tolerance: 5 standard errors per entry, N = 40000 steps.
    /// </summary>
    [Fact]
    public void ExpectedOneStepChangeOfMMatchesTheClosureDrift()
    {
        const int d = 60, k = 3, n = 40_000;
        var p = new KgmmParameters(k, 3, 0.1, 1, [0.5, 0.3, 0.2]);
        var sim = new KgmmSgdSimulation(p, d, 8);
        sim.AdvanceTo(240); // t = 4: a non-trivial m
        var start = sim.Snapshot();
        var fixedWeights = start.Weights.ToArray();
        var m0 = start.Statistics();
        var m = new double[k * k];
        var r = new double[k * k];
        var sum = new double[k * k];
        var sumSquares = new double[k * k];
        for (int i = 0; i < n; i++)
        {
            sim.SetWeights(fixedWeights);
            sim.AdvanceTo(sim.Step + 1);
            Assert.True(sim.TryStatistics(m, r));
            for (int j = 0; j < k * k; j++)
            {
                double change = (m[j] - m0.M[j]) / sim.StepSize;
                sum[j] += change;
                sumSquares[j] += change * change;
            }
        }
        var (nodes, weights) = TestRules.Tensor(k - 1, 12);
        var moments = new KgmmGaussianMoments(p, nodes, weights, "GH 12");
        var dMatrix = new double[k * k];
        var hbar = new double[k * k];
        var gbar = new double[k * k];
        moments.Evaluate(m0.M, m0.R, dMatrix, hbar, gbar);
        double largest = 0;
        for (int c = 0; c < k; c++)
            for (int a = 0; a < k; a++)
            {
                double hm = 0;
                for (int e = 0; e < k; e++) hm += hbar[c * k + e] * m0.MAt(e, a);
                double drift = -p.P[a] * dMatrix[c * k + a] - hm / p.Lambda - p.Beta * m0.MAt(c, a);
                int j = c * k + a;
                double mean = sum[j] / n;
                double standardError = Math.Sqrt((sumSquares[j] / n - mean * mean) / n);
                Assert.True(Math.Abs(mean - drift) <= 5 * standardError, $"m[{c},{a}]: simulated {mean} ± {standardError}, closure {drift}");
                largest = Math.Max(largest, Math.Abs(drift) / standardError);
            }
        Assert.True(largest > 20, "the drift should be resolved by the sample size");
    }

    /// <summary>
    /// cdelta = 10⁶: (1 − δβ) = −2499 multiplies x every step until it overflows. λ = 10⁻³²⁰: the softmax gradient weights
    /// are bounded, so a tiny λ only diverges once ‖Y‖ ~ λ^{-1/2} = 10¹⁶⁰ makes the logits x·Y overflow (step 2).
    /// </summary>
    [Theory]
    [InlineData(1e6, 3.0)]
    [InlineData(1.0, 1e-320)]
    public void DivergenceIsReportedWithTheStepAndOnlyFiniteRecordsAreKept(double cdelta, double lambda)
    {
        var p = new KgmmParameters(3, lambda, 0.1, cdelta);
        double delta = cdelta / 40;
        var grid = TimeGrid.Uniform(200 * delta, 10 * delta);
        var run = Engine().Run(new KgmmSimulationProblem(p, 40, 1, grid));
        Assert.True(run.Status.Diverged);
        Assert.NotNull(run.Status.Step);
        Assert.Null(run.FinalState);
        Assert.True(run.Trajectory.Times.Count < grid.Times.Count);
        // The kept statistics are finite (the population loss/accuracy at λ = 1e-320 are outside the quadrature's range).
        foreach (var (name, values) in run.Trajectory.Observables)
            if (name != KgmmModel.Loss && name != KgmmModel.Accuracy) Assert.All(values, v => Assert.True(double.IsFinite(v)));
        Assert.Equal("diverged", run.Trajectory.ToJson()["status"]!["state"]!.GetValue<string>());
        Assert.Equal(run.Status.Step, run.Trajectory.ToJson()["status"]!["step"]!.GetValue<long>());
        Assert.True(run.Steps <= run.Status.Step);
        Assert.True(run.Steps < 200);
    }

    [Fact]
    public void ProblemValidatesDimension()
    {
        Assert.Throws<InputException>(() => new KgmmSimulationProblem(Reference, 5, 1, TimeGrid.Uniform(1, 1)));
        Assert.Throws<InputException>(() => new KgmmSgdSimulation(Reference, 5, 1));
    }
}
