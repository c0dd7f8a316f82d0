using System.Globalization;
using TheoryCheck.Models;

namespace TheoryCheck.Comparison.Store;

/// <summary>
/// One shard of a run, <c>--shard i/n</c>: shard index i ∈ [0, n) (0-based, as Slurm's array task ids) of n. A cell
/// belongs to the shard <see cref="StoreKey.Shard"/> of its key, so the split is deterministic and independent of the
/// machine; the n shards together compute every cell exactly once.
/// </summary>
/// <param name="Index">Shard index i, 0 ≤ i &lt; n.</param>
/// <param name="Count">Number of shards n ≥ 1.</param>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>Parses <c>i/n</c>; bad text throws <see cref="InputException"/> with one line.</summary>
    public static ShardSpec Parse(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            || count < 1 || index >= count)
            throw new InputException($"--shard must be i/n with 0 ≤ i < n, n ≥ 1 (shards are 0-based, as Slurm array task ids; got '{text}')");
        return new ShardSpec(index, count);
    }

    /// <summary>True when the cell or claim with <paramref name="key"/> belongs to this shard.</summary>
    public bool Owns(string key) => StoreKey.Shard(key, Count) == Index;

    /// <summary>"i/n".</summary>
    public override string ToString() => $"{Index}/{Count}";
}
