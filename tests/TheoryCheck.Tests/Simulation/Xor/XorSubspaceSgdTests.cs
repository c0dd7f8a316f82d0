using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Xor;

namespace TheoryCheck.Tests.Simulation.Xor;

/// <summary>
/// The xor subspace engine as an engine (docs/theory/subspace.md §10.5–§10.6): its random numbers sit at the documented
/// stream positions, the trajectory document is the full engine's, a run is a pure function of (parameters, d, seed),
/// the initial law is exact (warm: the given statistics; random: Bartlett), divergence is a status, d = 10⁸ costs
/// nothing more, and a step allocates nothing.
/// </summary>
public sealed class XorSubspaceSgdTests
{
    private static readonly XorParameters Reference = new(4, lambda: 2, beta: 0.05, cdelta: 1);

    /// <summary>
    /// A run replayed step by step from the documented streams (cluster ⌊4u⌋, u at raw position ℓ−1 of xor.subspace.sgd;
    /// noise coordinates at its normal positions [(ℓ−1)·n, ℓ·n), n = K + 2; χ²: first attempt at normal and raw position
    /// ℓ−1 of xor.subspace.chi2, further attempts at positions 0, 1, … of xor.subspace.chi2.retry(ℓ), boost uniform at raw
    /// position ℓ−1 of xor.subspace.chi2.boost) through the single step gives the engine's coordinates and v bit for bit,
    /// however the run is split. d = K + 3 exercises the boost and frequent retries, d = K + 2 the zero residual.
    /// </summary>
    [Theory]
    [InlineData(4, 7, 700, XorInitialisation.Warm)]
    [InlineData(4, 6, 700, XorInitialisation.Random)]
    [InlineData(4, 50, 1300, XorInitialisation.Random)]
    [InlineData(8, 1000, 600, XorInitialisation.Random)]
    [InlineData(2, 5, 600, XorInitialisation.Warm)]
    public void EngineStepsAreTheDocumentedDrawsThroughTheSingleStep(int k, int d, int steps, XorInitialisation init)
    {
        const long seed = 17;
        var parameters = new XorParameters(k, lambda: 2, beta: 0.2, cdelta: 1.3, init: init);
        var engine = new XorSubspaceSimulation(parameters, d, seed);
        var replay = new XorSubspaceSimulation(parameters, d, seed);
        int n = k + 2;
        var sgd = XorSubspaceStreams.Sgd(seed, d);
        var chi = XorSubspaceStreams.ChiSquared(seed, d);
        var sampler = GammaSampler.ChiSquared(d - n);
        var g = new double[n];
        int retries = 0;
        for (int step = 1; step <= steps; step++)
        {
            ulong index = (ulong)(step - 1);
            int cluster = (int)Math.Floor(4 * new RandomStream(sgd, index).NextDouble());
            RandomStream.FillNormal(sgd, index * (ulong)n, g);
            double gamma = 0;
            if (d > n)
            {
                if (!sampler.TryAttempt(new RandomStream(chi, index).NextNormal(), new RandomStream(chi, index).NextDouble(), out gamma))
                {
                    retries++;
                    var retry = XorSubspaceStreams.ChiSquaredRetry(seed, d, step);
                    for (ulong attempt = 0; !sampler.TryAttempt(new RandomStream(retry, attempt).NextNormal(), new RandomStream(retry, attempt).NextDouble(), out gamma); attempt++)
                    {
                    }
                }
                if (sampler.NeedsBoost) gamma = sampler.Boost(gamma, new RandomStream(XorSubspaceStreams.ChiSquaredBoost(seed, d), index).NextDouble());
            }
            Assert.True(replay.StepWith(cluster, g, Math.Sqrt(2 * gamma), default));
        }
        for (long s = 1; s < steps; s += 97) engine.AdvanceTo(s);
        engine.AdvanceTo(steps);
        Assert.Equal(replay.Coordinates.ToArray(), engine.Coordinates.ToArray());
        Assert.Equal(replay.V.ToArray(), engine.V.ToArray());
        if (d == n + 1) Assert.True(retries > 5, $"only {retries} retries: the retry path was not exercised");
        // The run moved.
        Assert.NotEqual(new XorSubspaceSimulation(parameters, d, seed).V.ToArray(), engine.V.ToArray());
    }

    [Fact]
    public void TheRegistryListsBothEnginesWithFullAsDefault()
    {
        Assert.Equal(new[] { EngineNames.Full, EngineNames.Subspace }, XorEngines.All.Names);
        Assert.IsType<XorSgd>(XorEngines.All.Default);
        Assert.IsType<XorSubspaceSgd>(XorEngines.All[EngineNames.Subspace]);
    }

    [Fact]
    public void TrajectoryDocumentIsTheFullEngines()
    {
        var grid = TimeGrid.Uniform(0.4, 0.05);
        var problem = new XorSimulationProblem(Reference, 30, 1, grid, snapshotTimes: [0.1, 0.2]);
        var rule = new XorPopulationRule { LossPoints = 256, AccuracyPoints = 256, Blocks = 2 };
        var subspace = new XorSubspaceSgd(rule).Run(problem);
        var full = new XorSgd(rule).Run(problem);
        Assert.Equal(EngineNames.Subspace, new XorSubspaceSgd().Name);
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
        Assert.Equal("full", (string?)full.Trajectory.Diagnostics["engine"]);
        Assert.Null(subspace.FinalState);
        Assert.Empty(subspace.Snapshots);
        Assert.Equal(2, full.Snapshots.Count);
        Assert.NotNull(full.FinalState);
        // Every observable is there and is the one of the recorded statistics.
        var last = subspace.Statistics[^1];
        Assert.Equal(last.V[1], subspace.Trajectory["v[2]"][^1]);
        Assert.Equal(last.Mnu[3], subspace.Trajectory["mnu[4]"][^1]);
        Assert.Equal(last.RperpAt(1, 2), subspace.Trajectory["Rperp[2,3]"][^1]);
        var row = new double[subspace.Trajectory.Names.Count()];
        new XorObservables(Reference, rule).Evaluate(last, row);
        foreach (string name in new[] { "loss", "accuracy", "covered" })
            Assert.Equal(row[subspace.Trajectory.Names.ToList().IndexOf(name)], subspace.Trajectory[name][^1]);
        Assert.InRange(subspace.Trajectory["accuracy"][^1], 0.5, 1);
    }

    [Fact]
    public void RunIsAPureFunctionOfParametersDimensionAndSeed()
    {
        var parameters = new XorParameters(4, lambda: 2, init: XorInitialisation.Random);
        var rule = new XorPopulationRule { LossPoints = 256, AccuracyPoints = 256, Blocks = 2 };
        var problems = Enumerable.Range(0, 6).Select(i => new XorSimulationProblem(parameters, 40 + i, 5 + i, TimeGrid.Uniform(3, 0.5))).ToArray();
        var engine = new XorSubspaceSgd(rule);
        var one = ParallelEnsemble.Run(problems.Length, i => engine.Run(problems[i]), maxThreads: 1);
        var two = ParallelEnsemble.Run(problems.Length, i => engine.Run(problems[i]), maxThreads: 2);
        for (int i = 0; i < problems.Length; i++)
            foreach (string name in one[i].Trajectory.Names)
                Assert.Equal(one[i].Trajectory[name], two[i].Trajectory[name]);
        Assert.NotEqual(one[0].Trajectory["mmu[1]"][^1],
            engine.Run(new XorSimulationProblem(parameters, 40, 6, TimeGrid.Uniform(3, 0.5))).Trajectory["mmu[1]"][^1]);
    }

    /// <summary>The warm start (xor.md §3) is deterministic in frame coordinates: the statistics are (v0, mmu0, mnu0, rperp0·I) exactly.</summary>
    [Theory]
    [InlineData(4, 6)]
    [InlineData(6, 1000)]
    public void WarmStartStatisticsAreExact(int width, int d)
    {
        var p = new XorParameters(width, rperp0: 0.7);
        var s = new XorSubspaceSimulation(p, d, 3).TryStatistics()!;
        Assert.Equal(p.V0.ToArray(), s.V.ToArray());
        Assert.Equal(p.Mmu0.ToArray(), s.Mmu.ToArray());
        Assert.Equal(p.Mnu0.ToArray(), s.Mnu.ToArray());
        for (int i = 0; i < width; i++)
            for (int j = 0; j < width; j++) Assert.Equal(i == j ? 0.7 : 0.0, s.RperpAt(i, j), 1e-15);
    }

    /// <summary>
    /// The exact random initial law (subspace.md §10.3): W_i·μ, W_i·ν ~ N(0, 1/d), v_i ~ N(0, 1), and R⊥(0) Wishart
    /// W_K(d − 2, I/d): E R⊥_ii = (d − 2)/d, Var R⊥_ii = 2(d − 2)/d², R⊥_ij (i ≠ j) mean 0, variance (d − 2)/d²; checked on
    /// 20 000 seeds at d = K + 2 (where a Bartlett factor with the wrong degrees of freedom, e.g. d − 1 − i or d − i, would
    /// be off by many standard errors) by 5-standard-error moment checks.
    /// </summary>
    [Fact]
    public void RandomInitialStatisticsHaveTheLawOfAGaussianInitialisation()
    {
        const int k = 4, d = 6, n = 20_000;
        var parameters = new XorParameters(k, init: XorInitialisation.Random);
        var samples = Enumerable.Range(0, n).Select(i => new XorSubspaceSimulation(parameters, d, i).TryStatistics()!).ToArray();
        void Check(Func<XorStatistics, double> statistic, double mean, double variance, string name)
        {
            var x = samples.Select(statistic).ToArray();
            double average = x.Average();
            double sampleVariance = x.Sum(v => (v - average) * (v - average)) / (n - 1);
            Assert.True(Math.Abs(average - mean) <= 5 * Math.Sqrt(variance / n), $"{name}: mean {average} vs {mean}");
            Assert.True(Math.Abs(sampleVariance - variance) <= 5 * Math.Sqrt(14 * variance * variance / n), $"{name}: variance {sampleVariance} vs {variance}");
        }
        Check(s => s.Mmu[0], 0, 1.0 / d, "mmu[1]");
        Check(s => s.Mnu[3], 0, 1.0 / d, "mnu[4]");
        Check(s => s.V[2], 0, 1.0, "v[3]");
        for (int i = 0; i < k; i++)
        {
            int c = i;
            Check(s => s.RperpAt(c, c), (d - 2.0) / d, 2.0 * (d - 2) / ((double)d * d), $"Rperp[{i + 1},{i + 1}]");
        }
        Check(s => s.RperpAt(0, 3), 0, (d - 2.0) / ((double)d * d), "Rperp[1,4]");
        Check(s => s.RperpAt(1, 2), 0, (d - 2.0) / ((double)d * d), "Rperp[2,3]");
    }

    [Fact]
    public void DivergenceIsAStatusWithTheStepAndOnlyFiniteRecordsAreKept()
    {
        // 1 − δβ = 1 − (4/6)·8 < −1: the weights grow geometrically until the output overflows.
        var parameters = new XorParameters(4, lambda: 2, beta: 8, cdelta: 4);
        var problem = new XorSimulationProblem(parameters, 6, 1, TimeGrid.Uniform(2000, 100));
        var run = new XorSubspaceSgd(new XorPopulationRule { LossPoints = 64, AccuracyPoints = 64, Blocks = 2 }).Run(problem);
        Assert.True(run.Status.Diverged);
        Assert.NotNull(run.Status.Step);
        Assert.Matches("non-finite (pre-activations|second layer|summary statistics)", run.Status.Message);
        Assert.True(run.Trajectory.Times.Count < problem.Grid.Times.Count);
        foreach (string name in run.Trajectory.Names) Assert.All(run.Trajectory[name], v => Assert.True(double.IsFinite(v)));
        var simulation = new XorSubspaceSimulation(parameters, 6, 1);
        var status = simulation.AdvanceTo(1_000_000);
        Assert.True(status.Diverged);
        Assert.Equal(status, simulation.AdvanceTo(2_000_000));
    }

    [Fact]
    public void HundredMillionDimensionsCostNothingMoreAndStartNearTheLimit()
    {
        const int d = 100_000_000;
        var simulation = new XorSubspaceSimulation(new XorParameters(4, init: XorInitialisation.Random), d, 3);
        var s = simulation.TryStatistics()!;
        for (int i = 0; i < 4; i++)
        {
            Assert.InRange(s.Mmu[i], -6e-4, 6e-4);
            for (int j = 0; j < 4; j++)
                Assert.InRange(s.RperpAt(i, j) - (i == j ? 1 : 0), -6 * Math.Sqrt((i == j ? 2.0 : 1.0) / d), 6 * Math.Sqrt((i == j ? 2.0 : 1.0) / d));
        }
        Assert.False(simulation.AdvanceTo(200_000).Diverged);
        Assert.Equal(200_000 * 1e-8, simulation.Time, 1e-15);
    }

    [Fact]
    public void StepsAllocateNothing()
    {
        foreach (var (k, d) in new[] { (4, 1000), (4, 7), (8, 50) })
        {
            var simulation = new XorSubspaceSimulation(new XorParameters(k, lambda: 2), d, 1);
            simulation.AdvanceTo(1000);
            long before = GC.GetAllocatedBytesForCurrentThread();
            simulation.AdvanceTo(101_000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
        }
    }
}
