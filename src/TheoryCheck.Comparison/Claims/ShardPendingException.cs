namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// Thrown by a claim in a shard run when some of its cells belong to other shards: its own cells are computed and
/// stored; the claim completes when the shard stores are merged.
/// </summary>
public sealed class ShardPendingException(string message) : Exception(message);
