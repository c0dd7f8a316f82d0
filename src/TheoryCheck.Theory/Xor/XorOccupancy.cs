namespace TheoryCheck.Theory.Xor;

/// <summary>
/// The occupancy law of xor.md §7.3 [derived; K = 4: paper]: from <c>init = random</c> at λ → ∞ each neuron picks one of
/// the four clusters independently and uniformly (the sign of v_i decides the type, the sign of its overlap the ±
/// cluster), so the number of covered clusters is the number of occupied boxes when K balls fall into 4 boxes:
/// <code>
/// P(exactly j covered) = C(4, j) Σ_{i=0}^{j} (−1)^i C(j, i) ((j − i)/4)^K,
/// P(success) = P(4 covered) = Σ_{j=0}^{4} (−1)^j C(4, j) (1 − j/4)^K   (K = 4: 3/32).
/// </code>
/// </summary>
public static class XorOccupancy
{
    /// <summary>P(all four clusters covered) for width K ≥ 1 (inclusion–exclusion).</summary>
    public static double SuccessProbability(int width) => CoveredProbability(width, 4);

    /// <summary>P(exactly j clusters covered), 0 ≤ j ≤ 4, for width K ≥ 1.</summary>
    public static double CoveredProbability(int width, int covered)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), "width must be ≥ 1");
        if (covered < 0 || covered > 4) throw new ArgumentOutOfRangeException(nameof(covered), "the covered count lies in [0, 4]");
        double sum = 0;
        for (int i = 0; i <= covered; i++)
            sum += (i % 2 == 0 ? 1 : -1) * Binomial(covered, i) * Math.Pow((covered - i) / 4.0, width);
        return Math.Max(0, Binomial(4, covered) * sum);
    }

    /// <summary>The distribution of the covered count, entries j = 0..4 (sums to 1).</summary>
    public static double[] CoveredDistribution(int width) => Enumerable.Range(0, 5).Select(j => CoveredProbability(width, j)).ToArray();

    private static double Binomial(int n, int k)
    {
        double r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }
}
