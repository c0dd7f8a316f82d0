namespace TheoryCheck.Simulation.Engines;

/// <summary>
/// The walk of a trajectory recorder over its record steps (one per grid time) and snapshot steps (full states kept for
/// spectra), shared by the engines of every model: every distinct step of the two ascending lists is visited once, in
/// order; at each, the snapshots due there are taken before the records (claims.md §0: record at the step nearest t/δ).
/// </summary>
public static class StepSchedule
{
    /// <summary>
    /// Visits the union of <paramref name="recordSteps"/> and <paramref name="snapshotSteps"/> (each ascending): for each
    /// distinct step s, <paramref name="advance"/>(s) steps the simulation there and returns false to stop the walk
    /// (divergence, statistics unavailable); then <paramref name="snapshot"/> runs once per snapshot step equal to s and
    /// <paramref name="record"/>(s) once per record step equal to s.
    /// </summary>
    public static void Walk(IReadOnlyList<long> recordSteps, IReadOnlyList<long> snapshotSteps, Func<long, bool> advance, Action snapshot, Action<long> record)
    {
        int nextRecord = 0, nextSnapshot = 0;
        while (nextRecord < recordSteps.Count || nextSnapshot < snapshotSteps.Count)
        {
            long target = Math.Min(
                nextRecord < recordSteps.Count ? recordSteps[nextRecord] : long.MaxValue,
                nextSnapshot < snapshotSteps.Count ? snapshotSteps[nextSnapshot] : long.MaxValue);
            if (!advance(target)) return;
            for (; nextSnapshot < snapshotSteps.Count && snapshotSteps[nextSnapshot] == target; nextSnapshot++) snapshot();
            for (; nextRecord < recordSteps.Count && recordSteps[nextRecord] == target; nextRecord++) record(target);
        }
    }
}
