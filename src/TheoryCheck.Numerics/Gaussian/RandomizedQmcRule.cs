namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// Randomised quasi-Monte Carlo rules for z ~ N(0, I_k) in R independent blocks of n points, the layout every
/// replicate-based error estimate of the project uses: R Owen scramblings of the first n Sobol' points for
/// k ≤ <see cref="SobolSequence.MaxDimension"/> (<see cref="SobolRule"/>), and beyond that plain Monte Carlo from the
/// counter-based stream (<see cref="MonteCarloRule"/>, the R·n draws read as R contiguous blocks of n). Block r occupies
/// nodes [r·n, (r+1)·n); all weights are 1/(R·n). Deterministic given the seed (common random numbers).
/// </summary>
public static class RandomizedQmcRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="k">Dimension ≥ 1.</param>
    /// <param name="pointsPerBlock">n ≥ 2 points per block (a power of 2 keeps the Sobol' net property).</param>
    /// <param name="seed">Scrambling (or Monte Carlo) seed.</param>
    /// <param name="blocks">R ≥ 1 independent blocks.</param>
    public static StandardNormalRule Create(int k, int pointsPerBlock, ulong seed, int blocks)
    {
        if (k < 1) throw new ArgumentException($"Dimension k must be ≥ 1 (got {k}).", nameof(k));
        if (blocks < 1) throw new ArgumentException($"Number of blocks must be ≥ 1 (got {blocks}).", nameof(blocks));
        return k <= SobolSequence.MaxDimension
            ? SobolRule.Create(k, pointsPerBlock, seed, blocks)
            : MonteCarloRule.Create(k, checked(pointsPerBlock * blocks), seed);
    }

    /// <summary>True when <see cref="Create"/> gives scrambled Sobol' points in dimension k (else Monte Carlo).</summary>
    public static bool IsQuasiRandom(int k) => k >= 1 && k <= SobolSequence.MaxDimension;
}
