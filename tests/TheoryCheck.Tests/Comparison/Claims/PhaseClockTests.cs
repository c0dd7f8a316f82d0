using System.Diagnostics;
using TheoryCheck.Comparison.Claims;

namespace TheoryCheck.Tests.Comparison.Claims;

public class PhaseClockTests
{
    [Fact]
    public void TheoryAndSimulationAreAlwaysPresentInThatOrder()
    {
        var clock = new PhaseClock();
        Assert.Equal(["theory", "simulation"], clock.Timings.Keys);
        Assert.All(clock.Timings.Values, v => Assert.Equal(0, v));
        clock.LapSimulation();
        clock.LapTheory();
        Assert.Equal(["theory", "simulation"], clock.Timings.Keys);
    }

    [Fact]
    public void OtherPhasesFollowInTheOrderOfTheirFirstLap()
    {
        var clock = new PhaseClock();
        clock.Lap("spectra");
        clock.LapTheory();
        clock.Lap("io");
        clock.Lap("spectra");
        Assert.Equal(["theory", "simulation", "spectra", "io"], clock.Timings.Keys);
        Assert.Throws<ArgumentException>(() => clock.Lap(" "));
    }

    [Fact]
    public void LapsPartitionTheElapsedTimeAndTimingsIsASnapshot()
    {
        // Laps are disjoint intervals from the clock's start: their sum never exceeds a stopwatch started before the
        // clock and read after the last lap, every phase is ≥ 0, and a phase only grows.
        var outer = Stopwatch.StartNew();
        var clock = new PhaseClock();
        double previousTheory = 0;
        for (int i = 0; i < 200; i++)
        {
            SpinFor(TimeSpan.FromMicroseconds(10));
            if (i % 2 == 0) clock.LapTheory(); else clock.LapSimulation();
            double theory = clock.Timings["theory"];
            Assert.True(theory >= previousTheory);
            previousTheory = theory;
        }
        var snapshot = clock.Timings;
        double total = outer.Elapsed.TotalSeconds;
        Assert.All(snapshot.Values, v => Assert.True(v > 0));
        Assert.True(snapshot.Values.Sum() <= total, $"laps {snapshot.Values.Sum()} s exceed the elapsed {total} s");

        SpinFor(TimeSpan.FromMilliseconds(1));
        clock.LapTheory();
        Assert.Equal(previousTheory, snapshot["theory"]);
        Assert.True(clock.Timings["theory"] > snapshot["theory"]);
    }

    private static void SpinFor(TimeSpan span)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < span) Thread.SpinWait(10);
    }
}
