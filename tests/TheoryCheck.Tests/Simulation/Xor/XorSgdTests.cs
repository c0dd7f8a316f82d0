using TheoryCheck.Models;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Xor;

namespace TheoryCheck.Tests.Simulation.Xor;

public sealed class XorSgdTests
{
    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>xor.md §3: the statistics at t = 0 equal (v0, mmu0, mnu0, rperp0·I) to 1e-12 at every d ≥ K + 2, and the frame is orthonormal.</summary>
    [Theory]
    [InlineData(4, 6)]
    [InlineData(4, 37)]
    [InlineData(6, 1000)]
    public void WarmStartStatisticsAreExact(int width, int d)
    {
        var p = new XorParameters(width, rperp0: 0.7);
        var sim = new XorSgdSimulation(p, d, seed: 3);
        var s = sim.TryStatistics()!;
        var expected = XorStatistics.WarmStart(p).ToPacked();
        var actual = s.ToPacked();
        for (int i = 0; i < actual.Length; i++) Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-12, $"entry {i}: {actual[i]} vs {expected[i]}");
        Assert.True(Math.Abs(Dot(sim.Mu, sim.Mu) - 1) <= 1e-14 && Math.Abs(Dot(sim.Mu, sim.Nu)) <= 1e-14 && Math.Abs(Dot(sim.Nu, sim.Nu) - 1) <= 1e-14);
    }

    [Fact]
    public void RandomInitialisationHasTheDocumentedLaw()
    {
        const int width = 8, d = 2000;
        var sim = new XorSgdSimulation(new XorParameters(width, init: XorInitialisation.Random), d, seed: 5);
        double norms = 0, v2 = 0;
        for (int i = 0; i < width; i++)
        {
            norms += Dot(sim.Weight(i), sim.Weight(i));
            v2 += sim.V[i] * sim.V[i];
        }
        Assert.InRange(norms / width, 1 - 5 * Math.Sqrt(2.0 / (d * width)), 1 + 5 * Math.Sqrt(2.0 / (d * width)));
        Assert.InRange(v2 / width, 0.1, 3); // χ²_8/8
        // m = O(d^{-1/2}) (xor.md §8).
        Assert.All(sim.TryStatistics()!.Mmu.ToArray(), m => Assert.InRange(m, -5 / Math.Sqrt(d), 5 / Math.Sqrt(d)));
    }

    /// <summary>
    /// Three SGD steps recomputed by hand from the documented stream positions (cluster ⌊4u⌋ with u at raw position ℓ − 1
    /// of xor.sgd; noise at normal positions (ℓ − 1)d…): X = ϑ + Z/√λ, gradients at the OLD parameters
    /// (v_i ← v_i − δ(e g(u_i) + βv_i), W_i ← W_i − δ(e v_i 1_i X + βW_i) with the old v_i); and the training window of the
    /// state regenerates exactly these samples.
    /// </summary>
    [Fact]
    public void StepsMatchAHandComputationAndTheTrainingWindowRegeneratesTheSamples()
    {
        const int d = 30, k = 4;
        const long seed = 42;
        var p = new XorParameters(k, 2.5, 0.3, 1.7);
        var sim = new XorSgdSimulation(p, d, seed);
        var w = Enumerable.Range(0, k).Select(i => sim.Weight(i).ToArray()).ToArray();
        var v = sim.V.ToArray();
        double delta = p.CDelta / d;
        var key = XorStreams.Sgd(seed, d);
        var samples = new double[3][];
        sim.AdvanceTo(3);
        for (int step = 1; step <= 3; step++)
        {
            double uniform = new RandomStream(key, (ulong)(step - 1)).NextDouble();
            int cluster = (int)(4 * uniform);
            var z = new double[d];
            RandomStream.FillNormal(key, (ulong)((step - 1) * d), z);
            var x = new double[d];
            for (int i = 0; i < d; i++)
                x[i] = XorClusters.MuCoordinate(cluster) * sim.Mu[i] + XorClusters.NuCoordinate(cluster) * sim.Nu[i] + z[i] / Math.Sqrt(p.Lambda);
            samples[step - 1] = x;
            var u = w.Select(row => Dot(row, x)).ToArray();
            double s = 0;
            for (int i = 0; i < k; i++) s += v[i] * Math.Max(u[i], 0);
            double e = 1 / (1 + Math.Exp(-s)) - XorClusters.Label(cluster);
            var vNew = new double[k];
            for (int i = 0; i < k; i++)
            {
                double active = u[i] > 0 ? 1 : 0;
                vNew[i] = v[i] - delta * (e * Math.Max(u[i], 0) + p.Beta * v[i]);
                for (int j = 0; j < d; j++) w[i][j] -= delta * (e * v[i] * active * x[j] + p.Beta * w[i][j]);
            }
            v = vNew;
        }
        for (int i = 0; i < k; i++)
        {
            Assert.True(Math.Abs(sim.V[i] - v[i]) <= 1e-13, $"v[{i}]");
            for (int j = 0; j < d; j++) Assert.True(Math.Abs(sim.Weight(i)[j] - w[i][j]) <= 1e-13, $"W[{i}][{j}]");
        }
        var window = XorSampleSet.Training(sim.Snapshot(), 0.1); // M = ⌈0.1·30⌉ = 3: steps 1..3
        Assert.Equal(3, window.Count);
        for (int j = 0; j < 3; j++)
            for (int i = 0; i < d; i++) Assert.True(Math.Abs(window.Sample(j)[i] - samples[j][i]) <= 1e-15);
    }

    /// <summary>A run is a pure function of (parameters, d, seed): bit-identical on repeat, when split into chunks, and when
    /// replicates run concurrently on several threads.</summary>
    [Fact]
    public void RunsAreBitIdenticalAndThreadCountIndependent()
    {
        var p = new XorParameters(lambda: 30);
        var problem = new XorSimulationProblem(p, 257, 11, TimeGrid.Uniform(2, 0.5), [1.0]);
        var engine = new XorSgd(new XorPopulationRule { LossPoints = 256, AccuracyPoints = 256 });
        var a = engine.Run(problem);
        var b = engine.Run(problem);
        Assert.Equal(a.FinalState!.Weights.ToArray(), b.FinalState!.Weights.ToArray());
        foreach (var (name, values) in a.Trajectory.Observables) Assert.Equal(values, b.Trajectory[name]);
        // Chunked stepping gives the same state.
        var chunked = new XorSgdSimulation(p, 257, 11);
        foreach (long target in new long[] { 1, 2, 100, 101, 257, 514 }) chunked.AdvanceTo(target);
        Assert.Equal(a.FinalState.Weights.ToArray(), chunked.Snapshot().Weights.ToArray());
        // Concurrent replicates (two threads) give the single-thread results.
        var parallel = TheoryCheck.Simulation.Common.ParallelEnsemble.Run(4, i => engine.Run(problem with { }).FinalState!.Weights.ToArray(), 2);
        Assert.All(parallel, weights => Assert.Equal(a.FinalState.Weights.ToArray(), weights));
        Assert.Single(a.Snapshots);
        Assert.Equal(257, a.Snapshots[0].Step);
        // Another seed differs.
        Assert.NotEqual(a.FinalState.Weights.ToArray(), engine.Run(new XorSimulationProblem(p, 257, 12, TimeGrid.Uniform(2, 0.5))).FinalState!.Weights.ToArray());
    }

    [Fact]
    public void EngineRecordsAtTheNearestStepWithTheOdeObservableNames()
    {
        var p = XorParameters.Default;
        var engine = new XorSgd(new XorPopulationRule { LossPoints = 256, AccuracyPoints = 256 });
        Assert.Equal(EngineNames.Full, engine.Name);
        var run = engine.Run(new XorSimulationProblem(p, 101, 1, TimeGrid.Uniform(1, 0.3)));
        Assert.Equal("sgd", run.Trajectory.Engine);
        Assert.Equal(XorModel.ObservableNames(4), run.Trajectory.Names);
        Assert.Equal(new long[] { 0, 30, 61, 91, 101 }, run.RecordSteps); // round(t·d/c_δ), halves up
        Assert.Equal(101, run.Trajectory.Dimension);
        Assert.False(run.Status.Diverged);
        Assert.True(run.StepsPerSecond > 0);
        Assert.Equal(4, run.Trajectory["covered"][0]);
        var initial = run.Statistics[0].ToPacked();
        Assert.Equal(initial, XorStatistics.WarmStart(p).ToPacked().Select((x, i) => run.Trajectory.Observables[i].Value[0]).ToArray());
    }

    /// <summary>
    /// Divergence is a status, never an exception or numbers: with δβ = 5 the penalty step multiplies v and W by −4 per step,
    /// the parameters overflow and the run stops with DivergedAt; the trajectory keeps only the finite records.
    /// </summary>
    [Fact]
    public void DivergenceIsReportedAsAStatus()
    {
        var p = new XorParameters(cdelta: 1000);
        // δ = c_δ/d = 100: t = 1e5 is 1000 steps, recorded every 10.
        var run = new XorSgd(new XorPopulationRule { LossPoints = 256, AccuracyPoints = 256 }).Run(new XorSimulationProblem(p, 10, 1, TimeGrid.Uniform(1e5, 1000)));
        Assert.True(run.Status.Diverged);
        Assert.NotNull(run.Status.Step);
        Assert.InRange(run.Status.Step!.Value, 100, 1000);
        Assert.Null(run.FinalState);
        Assert.InRange(run.Trajectory.Times.Count, 10, 100);
        Assert.All(run.Trajectory.Observables.Take(XorStatistics.PackedLength(4)), o => Assert.All(o.Value, x => Assert.True(double.IsFinite(x))));
        // A non-finite parameter injected by hand is caught at the next step.
        var sim = new XorSgdSimulation(XorParameters.Default, 20, 1);
        var weights = new double[4 * 20];
        weights[3] = double.NaN;
        sim.SetParameters(weights, [0.8, 0.7, -0.8, -0.7]);
        var status = sim.AdvanceTo(5);
        Assert.True(status.Diverged);
        Assert.Equal(1, status.Step);
        Assert.Equal(0, sim.Step);
        Assert.Null(sim.TryStatistics());
    }

    [Fact]
    public void DimensionBelowKPlusTwoIsBadInput()
    {
        var e = Assert.Throws<InputException>(() => new XorSimulationProblem(new XorParameters(6), 7, 1, TimeGrid.Uniform(1, 1)));
        Assert.Contains("'d'", e.Message);
    }
}
