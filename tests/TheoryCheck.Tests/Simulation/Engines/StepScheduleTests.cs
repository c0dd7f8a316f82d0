using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Tests.Simulation.Engines;

/// <summary>The recorders' shared walk: every distinct step once, in order, snapshots before records, stop on request.</summary>
public sealed class StepScheduleTests
{
    private static List<string> Walk(long[] records, long[] snapshots, long stopAt = long.MaxValue)
    {
        var log = new List<string>();
        long at = -1;
        StepSchedule.Walk(records, snapshots,
            target =>
            {
                log.Add($"advance {target}");
                at = target;
                return target < stopAt;
            },
            () => log.Add($"snapshot {at}"),
            target => log.Add($"record {target}"));
        return log;
    }

    [Fact]
    public void Visits_the_union_in_order_with_repeats_and_snapshots_first() =>
        Assert.Equal(["advance 0", "record 0", "advance 2", "snapshot 2", "record 2", "record 2", "advance 3", "snapshot 3", "snapshot 3", "advance 5", "record 5"],
            Walk([0, 2, 2, 5], [2, 3, 3]));

    [Fact]
    public void Stops_when_advance_says_so_without_recording_that_step() =>
        Assert.Equal(["advance 0", "record 0", "advance 2"], Walk([0, 2, 5], [2], stopAt: 2));

    [Fact]
    public void Nothing_to_visit_advances_nothing() => Assert.Empty(Walk([], []));
}
