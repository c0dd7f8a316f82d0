namespace TheoryCheck.Numerics.Statistics;

/// <summary>How a <see cref="BinomialInterval"/> is computed.</summary>
public enum BinomialIntervalMethod
{
    /// <summary>
    /// Wilson score interval: the p with |p̂ − p| ≤ z√(p(1 − p)/n), z = Φ^{-1}(1 − α/2). Coverage close to nominal on
    /// average, never outside [0, 1], not degenerate at x = 0 or n.
    /// </summary>
    Wilson,

    /// <summary>
    /// Clopper–Pearson ("exact") interval: the p not rejected by either one-sided binomial test at level α/2,
    /// [B(α/2; x, n − x + 1), B(1 − α/2; x + 1, n − x)] with B the Beta quantile (0 for x = 0, 1 for x = n). Coverage at
    /// least the nominal level for every p (conservative); the dual of the two-sided exact binomial test.
    /// </summary>
    ClopperPearson,
}
