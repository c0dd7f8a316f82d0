namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// Plain Monte Carlo rules for z ~ N(0, I_k): N fixed normal vectors (common random numbers: the same draws at every
/// use), weights 1/N, optionally antithetic (pairs z, −z, which integrate odd functions exactly). Error: the sample
/// standard error over the N draws (over the N/2 pair means when antithetic).
/// </summary>
/// <remarks>
/// Draws come from the project's counter-based stream keyed by (seed, 0) (Philox4x32-10 with Box–Muller,
/// <c>Numerics/Random</c>), so a rule depends only on its seed.
/// </remarks>
public static class MonteCarloRule
{
    /// <summary>Creates the rule.</summary>
    /// <param name="k">Dimension ≥ 1.</param>
    /// <param name="count">N ≥ 2 nodes (even when antithetic).</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <param name="antithetic">Use the pairs (z, −z).</param>
    public static StandardNormalRule Create(int k, int count, ulong seed, bool antithetic = false)
    {
        if (k < 1) throw new ArgumentException($"Dimension k must be ≥ 1 (got {k}).", nameof(k));
        if (count < 2) throw new ArgumentException($"Monte Carlo needs N ≥ 2 nodes (got {count}).", nameof(count));
        if (antithetic && (count & 1) != 0) throw new ArgumentException($"Antithetic Monte Carlo needs an even N (got {count}).", nameof(count));
        if ((long)count * k > int.MaxValue || count > StandardNormalRule.MaxNodeCount)
            throw new ArgumentException($"Monte Carlo N={count}, k={k} exceeds {StandardNormalRule.MaxNodeCount} nodes.", nameof(count));
        var nodes = new double[count * k];
        var weights = new double[count];
        Array.Fill(weights, 1.0 / count);
        if (antithetic)
        {
            var draws = new double[count / 2 * k];
            FillStandardNormals(seed, draws);
            for (int j = 0; j < count / 2; j++)
                for (int d = 0; d < k; d++)
                {
                    double z = draws[j * k + d];
                    nodes[2 * j * k + d] = z;
                    nodes[(2 * j + 1) * k + d] = -z;
                }
        }
        else
        {
            FillStandardNormals(seed, nodes);
        }
        string name = $"Monte Carlo N={count}, k={k}, seed={seed}" + (antithetic ? ", antithetic" : "");
        return antithetic
            ? new StandardNormalRule(k, nodes, weights, name, StandardNormalRuleFamily.MonteCarlo, null, null, null, count / 2, 2)
            : new StandardNormalRule(k, nodes, weights, name, StandardNormalRuleFamily.MonteCarlo, null, null, null, count, 1);
    }

    /// <summary>Independent N(0, 1) draws from the counter-based stream (seed, 0) (Philox4x32-10, Box–Muller).</summary>
    private static void FillStandardNormals(ulong seed, Span<double> destination) =>
        TheoryCheck.Numerics.Random.RandomStream.FillNormal(new TheoryCheck.Numerics.Random.StreamKey(seed, 0), 0, destination);
}
