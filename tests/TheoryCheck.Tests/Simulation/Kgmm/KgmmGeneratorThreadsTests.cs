using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Simulation.Kgmm;
using static TheoryCheck.Tests.Simulation.Kgmm.KgmmTestSupport;

namespace TheoryCheck.Tests.Simulation.Kgmm;

/// <summary>
/// The two-thread normal generator of the full engine (docs/performance.md, "Whole process"): the same bits as one
/// thread for every d (multiples of the SIMD width or not, one or several chunks per step), seed, split of the
/// advances and divergence step; clean shutdown on cancellation, divergence and Dispose; no worker left behind.
/// </summary>
[Collection(GeneratorThreadsCollection.Name)]
public sealed class KgmmGeneratorThreadsTests
{
    private static readonly KgmmParameters Reference = new(3, 3, 0.1, 1);

    [Theory]
    [InlineData(3, 60, 1L)]
    [InlineData(3, 1001, 7L)]
    [InlineData(4, 2048, 3L)]
    [InlineData(2, 4099, 11L)]
    [InlineData(3, 16000, 1L)]
    public void TwoThreadsGiveTheSameStatesAndStatisticsAsOneForAnySplit(int k, int d, long seed)
    {
        var p = new KgmmParameters(k, 3, 0.1, 1);
        using var one = new KgmmSgdSimulation(p, d, seed, generatorThreads: 1);
        using var two = new KgmmSgdSimulation(p, d, seed, generatorThreads: 2);
        using var twoSplit = new KgmmSgdSimulation(p, d, seed, generatorThreads: 2);
        Assert.Equal(2, two.GeneratorThreads);
        long[] targets = [1, 2, 3, 17, 18, 300, 301, 777, 1500];
        long previous = 0;
        foreach (long target in targets)
        {
            one.AdvanceTo(target);
            two.AdvanceTo(target);
            // The same steps in irregular pieces (one step, then the rest in two calls).
            for (long step = previous + 1; step <= target; step = Math.Min(target, step + 1 + (step - previous) * 5) + 1)
                twoSplit.AdvanceTo(step);
            twoSplit.AdvanceTo(target);
            previous = target;
            AssertSameState(one, two);
            AssertSameState(one, twoSplit);
        }
        Assert.Equal(2, StepNormalPipeline.LiveWorkers);
    }

    [Theory]
    [InlineData(1e6, 3.0, 40)]
    [InlineData(1.0, 1e-320, 40)]
    [InlineData(1e6, 3.0, 5000)]
    [InlineData(4e5, 3.0, 10001)]
    public void ADivergingRunStopsAtTheSameStepWithTheSameStatus(double cdelta, double lambda, int d)
    {
        var p = new KgmmParameters(3, lambda, 0.1, cdelta);
        using var one = new KgmmSgdSimulation(p, d, 1, generatorThreads: 1);
        using var two = new KgmmSgdSimulation(p, d, 1, generatorThreads: 2);
        var a = one.AdvanceTo(100_000);
        var b = two.AdvanceTo(100_000);
        Assert.True(a.Diverged);
        Assert.Equal(a.Step, b.Step);
        Assert.Equal(a.Time, b.Time);
        Assert.Equal(a.Message, b.Message);
        Assert.Equal(one.Step, two.Step);
        AssertSameState(one, two, statistics: false);
        // The worker stops at the divergence; later calls return the same status.
        Assert.Equal(0, StepNormalPipeline.LiveWorkers);
        Assert.Equal(b, two.AdvanceTo(200_000));
    }

    [Fact]
    public void TheEngineGivesTheSameTrajectoryAndFinalStateAndRecordsTheThreads()
    {
        var grid = TimeGrid.Uniform(0.5, 0.05);
        var problem = new KgmmSimulationProblem(Reference, 3001, 5, grid, [0.125, 0.3]);
        var one = Engine().Run(problem);
        var engine = new KgmmSgd(Observables) { GeneratorThreads = 2 };
        var two = engine.Run(problem);
        Assert.Equal(one.Trajectory.Times, two.Trajectory.Times);
        foreach (var (name, values) in one.Trajectory.Observables)
            Assert.Equal(ListBits(values), ListBits(two.Trajectory.Observables.Single(o => o.Key == name).Value));
        Assert.Equal(one.RecordSteps, two.RecordSteps);
        Assert.Equal(one.Snapshots.Count, two.Snapshots.Count);
        for (int i = 0; i < one.Snapshots.Count; i++) Assert.Equal(Bits(one.Snapshots[i].Weights), Bits(two.Snapshots[i].Weights));
        Assert.Equal(Bits(one.FinalState!.Weights), Bits(two.FinalState!.Weights));
        Assert.Equal(1, one.Trajectory.Diagnostics!["generator_threads"]!.GetValue<int>());
        Assert.Equal(2, two.Trajectory.Diagnostics!["generator_threads"]!.GetValue<int>());
        Assert.Equal(0, StepNormalPipeline.LiveWorkers);
        Assert.Throws<ArgumentOutOfRangeException>(() => new KgmmSgd { GeneratorThreads = 3 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new KgmmSgdSimulation(Reference, 100, 1, 0));
    }

    [Fact]
    public void CancellationStopsTheWorkerAndThrows()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        using var simulation = new KgmmSgdSimulation(Reference, 200, 1, generatorThreads: 2);
        simulation.AdvanceTo(10);
        Assert.Equal(1, StepNormalPipeline.LiveWorkers);
        // The token is checked at step indices that are multiples of 65536, the first being index 0 of a run that
        // has not started; a started run checks it at index 65536.
        Assert.ThrowsAny<OperationCanceledException>(() => simulation.AdvanceTo(70_000, cancelled.Token));
        Assert.Equal(0, StepNormalPipeline.LiveWorkers);
        using var fresh = new KgmmSgdSimulation(Reference, 100, 1, generatorThreads: 2);
        Assert.ThrowsAny<OperationCanceledException>(() => fresh.AdvanceTo(5, cancelled.Token));
        Assert.Equal(0, StepNormalPipeline.LiveWorkers);
    }

    [Fact]
    public void ManyRunsLeaveNoWorkerBehind()
    {
        var grid = TimeGrid.Uniform(0.2, 0.1);
        var engine = new KgmmSgd(Observables) { GeneratorThreads = 2 };
        for (int i = 0; i < 40; i++)
        {
            engine.Run(new KgmmSimulationProblem(Reference, 200 + i, i, grid));
            Assert.Equal(0, StepNormalPipeline.LiveWorkers);
        }
        for (int i = 0; i < 40; i++)
        {
            var simulation = new KgmmSgdSimulation(Reference, 300, i, generatorThreads: 2);
            simulation.AdvanceTo(50);
            simulation.Dispose();
            simulation.Dispose();
            Assert.Throws<ObjectDisposedException>(() => simulation.AdvanceTo(60));
        }
        Assert.Equal(0, StepNormalPipeline.LiveWorkers);
    }

    private static void AssertSameState(KgmmSgdSimulation expected, KgmmSgdSimulation actual, bool statistics = true)
    {
        Assert.Equal(expected.Step, actual.Step);
        Assert.Equal(expected.Status, actual.Status);
        int k = expected.Parameters.K;
        for (int c = 0; c < k; c++) Assert.Equal(Bits(expected.Weight(c)), Bits(actual.Weight(c)));
        if (!statistics) return;
        var m1 = new double[k * k];
        var r1 = new double[k * k];
        var m2 = new double[k * k];
        var r2 = new double[k * k];
        Assert.Equal(expected.TryStatistics(m1, r1), actual.TryStatistics(m2, r2));
        Assert.Equal(Bits(m1), Bits(m2));
        Assert.Equal(Bits(r1), Bits(r2));
    }

    private static long[] Bits(ReadOnlySpan<double> values)
    {
        var bits = new long[values.Length];
        for (int i = 0; i < values.Length; i++) bits[i] = BitConverter.DoubleToInt64Bits(values[i]);
        return bits;
    }

    private static long[] ListBits(IReadOnlyList<double> values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();
}
