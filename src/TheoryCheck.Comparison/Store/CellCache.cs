using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace TheoryCheck.Comparison.Store;

/// <summary>
/// The cells of one run (docs/design-notes.md, "Results store"): a claim asks for a cell by the JSON of everything that
/// determines it; the cache returns the stored cell, or computes and stores it, or — in a shard run, for a cell another
/// shard owns and the store lacks — reports it pending. Thread-safe (cells are independent files).
/// </summary>
public sealed class CellCache
{
    private int _computed, _reused, _pending;

    /// <param name="store">Where cells are kept (null: compute every cell, keep nothing).</param>
    /// <param name="shard">The shard of this run, or null for all cells.</param>
    public CellCache(ResultStore? store, ShardSpec? shard = null)
    {
        if (shard is not null && store is null) throw new ArgumentException("a shard run needs a store", nameof(shard));
        Store = store;
        Shard = shard;
    }

    /// <summary>The store, or null.</summary>
    public ResultStore? Store { get; }

    /// <summary>The shard of this run, or null.</summary>
    public ShardSpec? Shard { get; }

    /// <summary>Cells computed by this run.</summary>
    public int Computed => _computed;

    /// <summary>Cells read from the store.</summary>
    public int Reused => _reused;

    /// <summary>Cells left to other shards.</summary>
    public int Pending => _pending;

    /// <summary>
    /// The cell keyed by <paramref name="parts"/>: read from the store, or computed (and stored); false when it belongs
    /// to another shard and is not stored yet.
    /// </summary>
    public bool TryGet<T>(JsonObject parts, Func<T> compute, Func<T, JsonObject> write, Func<JsonObject, T> read, [MaybeNullWhen(false)] out T value)
    {
        if (Store is null)
        {
            value = compute();
            Interlocked.Increment(ref _computed);
            return true;
        }
        string key = StoreKey.Of(parts);
        if (Store.ReadCell(key) is { } stored)
        {
            value = read(stored["value"]!.AsObject());
            Interlocked.Increment(ref _reused);
            return true;
        }
        if (Shard is not null && !Shard.Owns(key))
        {
            value = default;
            Interlocked.Increment(ref _pending);
            return false;
        }
        value = compute();
        Store.WriteCell(key, new JsonObject { ["key"] = parts.DeepClone(), ["value"] = write(value) });
        Interlocked.Increment(ref _computed);
        return true;
    }
}
