namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// Randomised quasi-Monte Carlo rules for z ~ N(0, I_k): R independent Owen scramblings of the first N Sobol points,
/// each mapped coordinate-wise by Φ⁻¹ (<see cref="NormalQuantile"/>); all N·R nodes weigh 1/(N·R). Deterministic
/// given the seed (common random numbers across calls). N should be a power of 2 (net property).
/// </summary>
public static class SobolRule
{
    /// <summary>Creates the rule (replicates: the R scramblings; with R = 1 the N points are treated as iid, which
    /// typically overstates the error of a smooth integrand).</summary>
    /// <param name="k">Dimension, 1 ≤ k ≤ <see cref="SobolSequence.MaxDimension"/>.</param>
    /// <param name="pointsPerRandomization">N ≥ 2 points per scrambling (a power of 2 is best).</param>
    /// <param name="scrambleSeed">Seed of the scramblings.</param>
    /// <param name="randomizations">R ≥ 1 independent scramblings; the standard error uses their spread.</param>
    public static StandardNormalRule Create(int k, int pointsPerRandomization, ulong scrambleSeed, int randomizations = 8)
    {
        if (k < 1 || k > SobolSequence.MaxDimension)
            throw new ArgumentException($"Sobol dimension must be in [1, {SobolSequence.MaxDimension}] (got {k}).", nameof(k));
        if (pointsPerRandomization < 2)
            throw new ArgumentException($"Sobol rule needs N ≥ 2 points (got {pointsPerRandomization}).", nameof(pointsPerRandomization));
        if (randomizations < 1)
            throw new ArgumentException($"Number of randomisations must be ≥ 1 (got {randomizations}).", nameof(randomizations));
        long total = (long)pointsPerRandomization * randomizations;
        if (total > StandardNormalRule.MaxNodeCount)
            throw new ArgumentException($"Sobol rule N·R = {total} exceeds {StandardNormalRule.MaxNodeCount} nodes.", nameof(pointsPerRandomization));

        int n = pointsPerRandomization;
        var nodes = new double[total * k];
        var weights = new double[total];
        Array.Fill(weights, 1.0 / total);
        var seeds = new ulong[k];
        var digits = new uint[n * k];
        for (int i = 0; i < n; i++)
            for (int d = 0; d < k; d++) digits[i * k + d] = SobolSequence.Digits(i, d);
        for (int r = 0; r < randomizations; r++)
        {
            var seeder = new SplitMix64(scrambleSeed ^ SplitMix64.Mix((ulong)r + 0x5851F42D4C957F2DUL));
            for (int d = 0; d < k; d++) seeds[d] = seeder.Next();
            int offset = r * n;
            for (int i = 0; i < n; i++)
                for (int d = 0; d < k; d++)
                    nodes[(offset + i) * (long)k + d] = NormalQuantile.Evaluate(SobolSequence.OwenScramble(digits[i * k + d], seeds[d]));
        }
        string name = randomizations == 1
            ? $"scrambled Sobol N={n}, k={k}, seed={scrambleSeed}"
            : $"scrambled Sobol N={n} × {randomizations} randomisations, k={k}, seed={scrambleSeed}";
        return randomizations >= 2
            ? new StandardNormalRule(k, nodes, weights, name, StandardNormalRuleFamily.ScrambledSobol, null, null, null, randomizations, n)
            : new StandardNormalRule(k, nodes, weights, name, StandardNormalRuleFamily.ScrambledSobol, null, null, null, n, 1);
    }
}
