using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Kgmm;
using static TheoryCheck.Tests.Simulation.Kgmm.KgmmTestSupport;

namespace TheoryCheck.Tests.Simulation.Kgmm;

/// <summary>
/// The subspace engine as an engine (docs/theory/subspace.md §7–§8): its random numbers sit at the documented stream
/// positions, the k = 3 kernel gives the bits of the generic step, the trajectory document is the full engine's, a run
/// is a pure function of (parameters, d, seed), divergence is a status, and a step allocates nothing.
/// </summary>
public sealed class KgmmSubspaceSgdTests
{
    private static readonly KgmmParameters Reference = new(3, 3, 0.1, 1, [0.5, 0.3, 0.2]);

    /// <summary>
    /// A run replayed step by step from the documented streams (label: raw position ℓ−1 of kgmm.subspace.sgd; noise
    /// coordinates: its normal positions [(ℓ−1)·2k, ℓ·2k); χ²: first attempt at normal and raw position ℓ−1 of
    /// kgmm.subspace.chi2, further attempts at positions 0, 1, … of kgmm.subspace.chi2.retry(ℓ), boost uniform at raw
    /// position ℓ−1 of kgmm.subspace.chi2.boost) through the generic step gives the engine's coordinates bit for bit —
    /// for k = 3 this also shows the register kernel equals the generic one. d = 2k + 1 exercises the boost and
    /// frequent retries, d = 2k the zero residual.
    /// </summary>
    [Theory]
    [InlineData(3, 7, 700)]
    [InlineData(3, 6, 700)]
    [InlineData(3, 50, 1300)]
    [InlineData(4, 9, 600)]
    [InlineData(2, 1000, 600)]
    public void EngineStepsAreTheDocumentedDrawsThroughTheGenericStep(int k, int d, int steps)
    {
        const long seed = 17;
        var parameters = new KgmmParameters(k, 2, 0.2, 1.3);
        var engine = new KgmmSubspaceSimulation(parameters, d, seed);
        var replay = new KgmmSubspaceSimulation(parameters, d, seed);
        Assert.Equal(engine.Coordinates.ToArray(), replay.Coordinates.ToArray());
        var sgd = KgmmSubspaceStreams.Sgd(seed, d);
        var chi = KgmmSubspaceStreams.ChiSquared(seed, d);
        var sampler = GammaSampler.ChiSquared(d - 2 * k);
        var cumulative = KgmmStreams.Cumulative(parameters.Probabilities);
        var g = new double[2 * k];
        int retries = 0;
        for (int step = 1; step <= steps; step++)
        {
            ulong index = (ulong)(step - 1);
            int label = KgmmStreams.Label(new RandomStream(sgd, index).NextDouble(), cumulative);
            RandomStream.FillNormal(sgd, index * (ulong)(2 * k), g);
            double gamma = 0;
            if (d > 2 * k)
            {
                if (!sampler.TryAttempt(new RandomStream(chi, index).NextNormal(), new RandomStream(chi, index).NextDouble(), out gamma))
                {
                    retries++;
                    var retry = KgmmSubspaceStreams.ChiSquaredRetry(seed, d, step);
                    for (ulong attempt = 0; !sampler.TryAttempt(new RandomStream(retry, attempt).NextNormal(), new RandomStream(retry, attempt).NextDouble(), out gamma); attempt++)
                    {
                    }
                }
                if (sampler.NeedsBoost) gamma = sampler.Boost(gamma, new RandomStream(KgmmSubspaceStreams.ChiSquaredBoost(seed, d), index).NextDouble());
            }
            Assert.True(replay.StepWith(label, g, Math.Sqrt(2 * gamma), default));
        }
        // Split unevenly, across chunk boundaries.
        for (long s = 1; s < steps; s += 97) engine.AdvanceTo(s);
        engine.AdvanceTo(steps);
        Assert.Equal(replay.Coordinates.ToArray(), engine.Coordinates.ToArray());
        if (d == 7) Assert.True(retries > 5, $"only {retries} retries: the retry path was not exercised");
    }

    [Fact]
    public void TrajectoryDocumentIsTheFullEngines()
    {
        var grid = TimeGrid.Uniform(0.4, 0.05);
        var problem = new KgmmSimulationProblem(new KgmmParameters(3, 5, 0.2, 1), 30, 1, grid, snapshotTimes: [0.1, 0.2]);
        var subspace = new KgmmSubspaceSgd(Observables).Run(problem);
        var full = Engine().Run(problem);
        Assert.Equal(EngineNames.Subspace, new KgmmSubspaceSgd().Name);
        Assert.Equal(full.Trajectory.Names, subspace.Trajectory.Names);
        Assert.Equal(full.Trajectory.Times, subspace.Trajectory.Times);
        Assert.Equal(full.Trajectory.Engine, subspace.Trajectory.Engine);
        Assert.Equal(full.Trajectory.Model, subspace.Trajectory.Model);
        Assert.Equal(full.Trajectory.Parameters.ToJsonString(), subspace.Trajectory.Parameters.ToJsonString());
        Assert.Equal(full.RecordSteps, subspace.RecordSteps);
        Assert.Equal(new long[] { 0, 2, 3, 5, 6, 8, 9, 11, 12 }, subspace.RecordSteps); // δ = 1/30: nearest step, halves up
        Assert.Equal(full.Steps, subspace.Steps);
        Assert.Equal(full.Trajectory.Diagnostics.Select(p => p.Key), subspace.Trajectory.Diagnostics.Select(p => p.Key));
        Assert.Equal("subspace", (string?)subspace.Trajectory.Diagnostics["engine"]);
        Assert.Equal(full.Trajectory.Diagnostics["record_steps"]!.ToJsonString(), subspace.Trajectory.Diagnostics["record_steps"]!.ToJsonString());
        // No full vector: no snapshots, no final state (spectral claims need the full engine).
        Assert.Null(subspace.FinalState);
        Assert.Empty(subspace.Snapshots);
        Assert.Equal(2, full.Snapshots.Count);
        // The observables are those of the recorded statistics.
        var last = subspace.Statistics[^1];
        Assert.Equal(last.MAt(1, 2), subspace.Trajectory["m[2,3]"][^1]);
        Assert.Equal(last.RAt(0, 2), subspace.Trajectory["R[1,3]"][^1]);
        Assert.Equal(last.RperpAt(2, 2), subspace.Trajectory["Rperp[3,3]"][^1], 1e-15);
    }

    [Fact]
    public void RunIsAPureFunctionOfParametersDimensionAndSeed()
    {
        var problems = Enumerable.Range(0, 6).Select(i => new KgmmSimulationProblem(Reference, 40 + i, 5 + i, TimeGrid.Uniform(3, 0.5))).ToArray();
        var engine = new KgmmSubspaceSgd(Observables);
        var one = ParallelEnsemble.Run(problems.Length, i => engine.Run(problems[i]), maxThreads: 1);
        var two = ParallelEnsemble.Run(problems.Length, i => engine.Run(problems[i]), maxThreads: 2);
        for (int i = 0; i < problems.Length; i++)
            foreach (string name in one[i].Trajectory.Names)
                Assert.Equal(one[i].Trajectory[name], two[i].Trajectory[name]);
        // Another seed gives another run.
        Assert.NotEqual(one[0].Trajectory["m[1,1]"][^1], engine.Run(new KgmmSimulationProblem(Reference, 40, 6, TimeGrid.Uniform(3, 0.5))).Trajectory["m[1,1]"][^1]);
    }

    [Fact]
    public void DivergenceIsAStatusWithTheStepAndOnlyFiniteRecordsAreKept()
    {
        // s = 1 − δβ = 1 − (4/6)·8 < −1: the weights grow geometrically until the logits overflow.
        var parameters = new KgmmParameters(3, 3, 8, 4);
        var problem = new KgmmSimulationProblem(parameters, 6, 1, TimeGrid.Uniform(2000, 100));
        var run = new KgmmSubspaceSgd(Observables).Run(problem);
        Assert.True(run.Status.Diverged);
        Assert.NotNull(run.Status.Step);
        Assert.Matches("non-finite (logits|summary statistics)", run.Status.Message);
        Assert.True(run.Trajectory.Times.Count < problem.Grid.Times.Count);
        foreach (string name in run.Trajectory.Names) Assert.All(run.Trajectory[name], v => Assert.True(double.IsFinite(v)));
        Assert.True(run.Steps <= run.Status.Step);
        // The state is frozen: advancing further returns the same status.
        var simulation = new KgmmSubspaceSimulation(parameters, 6, 1);
        var status = simulation.AdvanceTo(1_000_000);
        Assert.True(status.Diverged);
        Assert.Equal(status, simulation.AdvanceTo(2_000_000));
        Assert.Equal(status.Step - 1, simulation.Step);
    }

    [Fact]
    public void HundredMillionDimensionsCostNothingMoreAndStartNearTheLimit()
    {
        const int d = 100_000_000;
        var simulation = new KgmmSubspaceSimulation(Reference, d, 3);
        var m = new double[9];
        var r = new double[9];
        Assert.True(simulation.TryStatistics(m, r));
        // m(0) ~ N(0, 1/d) entries, R(0) − I = O(d^{-1/2}) = 1e-4: 6 standard deviations.
        for (int c = 0; c < 3; c++)
        {
            for (int a = 0; a < 3; a++) Assert.InRange(m[c * 3 + a], -6e-4, 6e-4);
            for (int e = 0; e < 3; e++) Assert.InRange(r[c * 3 + e] - (c == e ? 1 : 0), -6 * Math.Sqrt((c == e ? 2.0 : 1.0) / d), 6 * Math.Sqrt((c == e ? 2.0 : 1.0) / d));
        }
        Assert.False(simulation.AdvanceTo(200_000).Diverged);
        Assert.Equal(200_000 * 1e-8, simulation.Time, 1e-15);
    }

    [Fact]
    public void StepsAllocateNothing()
    {
        foreach (var (k, d) in new[] { (3, 1000), (3, 7), (4, 50) })
        {
            var simulation = new KgmmSubspaceSimulation(new KgmmParameters(k, 3, 0.1, 1), d, 1);
            simulation.AdvanceTo(1000);
            long before = GC.GetAllocatedBytesForCurrentThread();
            simulation.AdvanceTo(101_000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
        }
    }

    /// <summary>
    /// The exact initial law (subspace.md §5): m_{ca}(0) ~ N(0, 1/d), R_{cc}(0) ~ χ²_d/d, R_{ce}(0) has mean 0 and
    /// variance 1/d (c ≠ e), checked on 20 000 seeds at d = 2k (where a Bartlett factor with the wrong degrees of
    /// freedom would be far off) by 5-standard-error moment checks.
    /// </summary>
    [Fact]
    public void InitialStatisticsHaveTheLawOfAGaussianInitialisation()
    {
        const int k = 3, d = 6, n = 20_000;
        var parameters = new KgmmParameters(k, 3, 0.1, 1);
        var samples = Enumerable.Range(0, n).Select(i =>
        {
            var s = new KgmmSubspaceSimulation(parameters, d, i);
            var m = new double[k * k];
            var r = new double[k * k];
            s.TryStatistics(m, r);
            return (m, r);
        }).ToArray();
        void Check(Func<(double[] M, double[] R), double> statistic, double mean, double variance, string name)
        {
            var x = samples.Select(statistic).ToArray();
            double average = x.Average();
            double sampleVariance = x.Sum(v => (v - average) * (v - average)) / (n - 1);
            Assert.True(Math.Abs(average - mean) <= 5 * Math.Sqrt(variance / n), $"{name}: mean {average} vs {mean}");
            // Variance of the sample variance ≈ (μ₄ − σ⁴)/n; μ₄ ≤ 15σ⁴ for these laws (χ²_6/6: 9.0σ⁴... bounded by 15).
            Assert.True(Math.Abs(sampleVariance - variance) <= 5 * Math.Sqrt(14 * variance * variance / n), $"{name}: variance {sampleVariance} vs {variance}");
        }
        Check(s => s.M[1], 0, 1.0 / d, "m[1,2]");
        Check(s => s.M[4], 0, 1.0 / d, "m[2,2]");
        Check(s => s.R[0], 1, 2.0 / d, "R[1,1]");
        Check(s => s.R[8], 1, 2.0 / d, "R[3,3]");
        Check(s => s.R[1], 0, 1.0 / d, "R[1,2]");
        Check(s => s.R[5], 0, 1.0 / d, "R[2,3]");
    }
}
