namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// A claim whose simulation runs are store cells (<see cref="ClaimContext.Cells"/>): in a shard run it computes the
/// cells its shard owns and completes only when every cell is stored (after <c>merge</c>); other claims are whole cells,
/// run by the one shard that owns their key.
/// </summary>
public interface IShardableClaim : IClaim;
