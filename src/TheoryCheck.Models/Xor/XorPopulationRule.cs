namespace TheoryCheck.Models.Xor;

/// <summary>
/// The randomised-QMC settings of the population loss and accuracy (xor.md §6): R blocks (independent Owen
/// scramblings) of n Sobol' points each, with a fixed seed, so the values are deterministic functions of the state
/// and the standard error comes from the spread of the R block estimates. Defaults: R = 4, n = 2^12 for both (total
/// 2^14 points); for the accuracy the points are (K − 1)-dimensional (one direction is integrated exactly,
/// <see cref="XorPopulationMetrics"/>).
/// </summary>
public sealed record XorPopulationRule
{
    /// <summary>Default settings.</summary>
    public static XorPopulationRule Default { get; } = new();

    /// <summary>n, points per block of the loss rule (≥ 2; a power of 2 keeps the net property).</summary>
    public int LossPoints { get; init => field = value >= 2 ? value : throw new ArgumentException("LossPoints must be ≥ 2"); } = 1 << 12;

    /// <summary>n, points per block of the accuracy rule.</summary>
    public int AccuracyPoints { get; init => field = value >= 2 ? value : throw new ArgumentException("AccuracyPoints must be ≥ 2"); } = 1 << 12;

    /// <summary>R ≥ 2 independent scramblings (blocks).</summary>
    public int Blocks { get; init => field = value >= 2 ? value : throw new ArgumentException("Blocks must be ≥ 2"); } = 4;

    /// <summary>Scrambling seed.</summary>
    public ulong Seed { get; init; } = 0x786F72706F70UL; // "xorpop"
}
