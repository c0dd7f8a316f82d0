using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Running;
using TheoryCheck.Comparison.Store;
using TheoryCheck.Models;
using TheoryCheck.Tests.Comparison.Tracking;

namespace TheoryCheck.Tests.Comparison.Store;

/// <summary>
/// The results store: a resumed run reads finished cells back and gives the numbers of an uninterrupted run, shards
/// together compute every cell once and merge into the single-machine numbers, a second writer is refused, temporaries
/// of a killed run are removed, and result.json documents read back exactly.
/// </summary>
public sealed class ResultStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tc-store-" + Guid.NewGuid().ToString("N"));
    private static readonly ToyMeanModel s_model = new();
    private static readonly IClaim s_claim = s_model.Claims[0];

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private ClaimRunner Runner(ResultStore? store, ShardSpec? shard = null, int threads = 2) =>
        new(Profile.Test, threads) { GitCommit = "test", Store = store, Shard = shard, Models = _ => s_model.Descriptor };

    private static string Reproducible(ClaimResult result)
    {
        var json = result.ToJson(includeTimings: false);
        return json.ToJsonString();
    }

    [Fact]
    public void A_resumed_run_reuses_the_finished_cells_and_gives_the_same_numbers()
    {
        var fresh = Runner(null).Run([s_claim]).Results[0];

        // An interrupted run: only some cells were stored (write them by running a shard of the same cells).
        var store = ResultStore.Open(Path.Combine(_root, "resume"));
        var partial = Runner(store, new ShardSpec(0, 3)).Run([s_claim]);
        Assert.Empty(partial.Results);
        Assert.Equal([s_claim.Info.Id], partial.Pending);
        int stored = store.CellCount;
        Assert.InRange(stored, 1, 23); // 3 sizes × 8 seeds = 24 cells; a third of them, give or take

        var resumed = Runner(store).Run([s_claim]);
        Assert.Equal(stored, resumed.CellsReused);
        Assert.Equal(24 - stored, resumed.CellsComputed);
        Assert.Equal(Reproducible(fresh), Reproducible(resumed.Results[0]));

        // The claim result itself is now stored: the same command again computes nothing.
        var again = Runner(store).Run([s_claim]);
        Assert.Equal(1, again.ReusedClaims);
        Assert.Equal(0, again.CellsComputed);
        Assert.Equal(Reproducible(fresh), Reproducible(again.Results[0]));
    }

    [Fact]
    public void Shards_compute_every_cell_once_and_merge_into_the_single_machine_numbers()
    {
        var single = Runner(null).Run([s_claim, new FixedClaim("a.one")]).Results;
        var stores = Enumerable.Range(0, 3).Select(i => ResultStore.Open(Path.Combine(_root, $"shard{i}"))).ToList();
        int computed = 0, fixedRuns = 0;
        for (int i = 0; i < 3; i++)
        {
            var summary = Runner(stores[i], new ShardSpec(i, 3)).Run([s_claim, new FixedClaim("a.one")]);
            computed += summary.CellsComputed;
            fixedRuns += summary.Results.Count(r => r.Info.Id == "a.one");
        }
        Assert.Equal(24, computed);   // every cell exactly once
        Assert.Equal(1, fixedRuns);   // a whole-claim cell runs in the one shard that owns it

        var merged = ResultStore.Open(Path.Combine(_root, "merged"));
        foreach (var shard in stores) merged.Absorb(shard);
        var summaryMerged = Runner(merged).Run([s_claim, new FixedClaim("a.one")]);
        Assert.Equal(0, summaryMerged.CellsComputed);
        Assert.Equal(single.Select(Reproducible), summaryMerged.Results.Select(Reproducible));
        Assert.Equal(2, merged.LatestClaims().Count);
    }

    [Fact]
    public void Results_do_not_depend_on_threads_or_on_the_shard_split()
    {
        var one = Runner(null, threads: 1).Run([s_claim]).Results[0];
        var two = Runner(null, threads: 2).Run([s_claim]).Results[0];
        Assert.Equal(Reproducible(one), Reproducible(two));
        foreach (int n in new[] { 2, 5 })
        {
            var merged = ResultStore.Open(Path.Combine(_root, $"split{n}"));
            for (int i = 0; i < n; i++)
            {
                var shard = ResultStore.Open(Path.Combine(_root, $"split{n}-{i}"));
                Runner(shard, new ShardSpec(i, n)).Run([s_claim]);
                merged.Absorb(shard);
            }
            Assert.Equal(Reproducible(one), Reproducible(Runner(merged).Run([s_claim]).Results[0]));
        }
    }

    [Fact]
    public void A_second_writer_of_the_same_directory_is_refused()
    {
        string directory = Path.Combine(_root, "locked");
        using (RunLock.Acquire(directory))
        {
            var error = Assert.Throws<InputException>(() => RunLock.Acquire(directory));
            Assert.Contains("another theorycheck run", error.Message);
            Assert.Contains($"pid {Environment.ProcessId}", error.Message);
        }
        using (RunLock.Acquire(directory)) { } // released
    }

    [Fact]
    public void Temporaries_left_by_a_killed_run_are_removed_on_open()
    {
        string directory = Path.Combine(_root, "stale");
        var store = ResultStore.Open(directory);
        store.WriteCell(new string('a', 32), new JsonObject { ["value"] = 1 });
        string stale = Path.Combine(store.Root, "cells", "aa", new string('a', 32) + ".json.tmp-999-deadbeef");
        File.WriteAllText(stale, "half");
        ResultStore.Open(directory);
        Assert.False(File.Exists(stale));
        Assert.Equal(1, store.CellCount);
    }

    [Fact]
    public void Trajectories_read_back_bit_for_bit()
    {
        var trajectory = new TheoryCheck.Models.Observables.Trajectory("m", "sgd", new JsonObject { ["a"] = 1 }, 10, -5,
            [0, 0.1, 1.0 / 3], [new("x", [Math.PI, -0.0, double.Epsilon]), new("y", [1e300, double.NaN, double.PositiveInfinity])],
            TheoryCheck.Models.Observables.RunStatus.DivergedAt(7, 0.7, "boom"), new JsonObject { ["steps"] = 7 })
        { SimulationEngine = "full" };
        var back = TrajectoryJson.Read(JsonNode.Parse(TrajectoryJson.Write(trajectory).ToJsonString())!.AsObject());
        Assert.Equal(trajectory.Times, back.Times);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(trajectory.Observables[i].Key, back.Observables[i].Key);
            Assert.Equal(trajectory.Observables[i].Value.Select(BitConverter.DoubleToInt64Bits), back.Observables[i].Value.Select(BitConverter.DoubleToInt64Bits));
        }
        Assert.Equal(trajectory.Status, back.Status);
        Assert.Equal("full", back.SimulationEngine);
        Assert.Equal(-5, back.Seed);
    }
}
