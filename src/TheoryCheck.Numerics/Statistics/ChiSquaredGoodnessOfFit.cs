using MathNet.Numerics;

namespace TheoryCheck.Numerics.Statistics;

/// <summary>
/// Pearson's χ² goodness-of-fit test of observed counts O_j against a fully specified law with cell probabilities p_j
/// (no fitted parameters): expected counts E_j = N p_j (N = Σ O_j), cells with E_j below a minimum merged with their
/// neighbours in order (ordered categories, e.g. a count), then
/// <code>
/// X² = Σ_j (O_j − E_j)²/E_j,   ν = (cells after merging) − 1,   p-value = P(χ²_ν ≥ X²) = 1 − F_ν(X²).
/// </code>
/// Domain: counts ≥ 0 with N ≥ 1, probabilities ≥ 0 summing to 1 (within 1e-9), same length. The test is undefined
/// (<see cref="Defined"/> false, p-value NaN) when fewer than two cells remain after merging.
/// </summary>
public sealed record ChiSquaredGoodnessOfFit
{
    /// <summary>The cells after merging: index ranges [first, last] of the original cells.</summary>
    public required IReadOnlyList<(int First, int Last)> Cells { get; init; }

    /// <summary>Observed counts of the merged cells.</summary>
    public required IReadOnlyList<double> Observed { get; init; }

    /// <summary>Expected counts of the merged cells.</summary>
    public required IReadOnlyList<double> Expected { get; init; }

    /// <summary>X².</summary>
    public required double Statistic { get; init; }

    /// <summary>ν = cells − 1.</summary>
    public required int DegreesOfFreedom { get; init; }

    /// <summary>P(χ²_ν ≥ X²) (NaN when undefined).</summary>
    public required double PValue { get; init; }

    /// <summary>False when fewer than two cells remain (no test possible).</summary>
    public bool Defined => DegreesOfFreedom >= 1;

    /// <summary>True when the test rejects the law at <paramref name="level"/> (p-value &lt; level).</summary>
    public bool RejectsAt(double level) => Defined && PValue < level;

    /// <summary>
    /// The test of <paramref name="observed"/> against <paramref name="probabilities"/>, merging cells in order until every
    /// merged cell expects at least <paramref name="minimumExpected"/> (default 5; a short last run is merged into the
    /// previous cell). Cells with p_j = 0 and O_j = 0 are dropped before merging.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths differ, negative or non-finite entries, N = 0, probabilities not summing to 1,
    /// or a count in a cell of probability 0 (impossible under the law: the law is rejected outright — reported as an
    /// exception because X² is infinite).</exception>
    public static ChiSquaredGoodnessOfFit Test(IReadOnlyList<double> observed, IReadOnlyList<double> probabilities, double minimumExpected = 5)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (observed.Count != probabilities.Count) throw new ArgumentException("observed counts and probabilities must have the same length");
        if (observed.Any(o => !(o >= 0) || double.IsInfinity(o))) throw new ArgumentException("observed counts must be finite and ≥ 0");
        if (probabilities.Any(p => !(p >= 0) || p > 1)) throw new ArgumentException("probabilities must lie in [0, 1]");
        if (Math.Abs(probabilities.Sum() - 1) > 1e-9) throw new ArgumentException($"probabilities must sum to 1 (sum {probabilities.Sum():R})");
        double total = observed.Sum();
        if (!(total > 0)) throw new ArgumentException("at least one observation");
        var kept = Enumerable.Range(0, observed.Count).Where(j => probabilities[j] > 0 || observed[j] > 0).ToList();
        if (kept.Any(j => probabilities[j] == 0))
            throw new ArgumentException($"an observation in cell {kept.First(j => probabilities[j] == 0)} of probability 0: X² is infinite");

        var cells = new List<(int First, int Last)>();
        var o = new List<double>();
        var e = new List<double>();
        int start = -1;
        double oSum = 0, eSum = 0;
        foreach (int j in kept)
        {
            if (start < 0) start = j;
            oSum += observed[j];
            eSum += total * probabilities[j];
            if (eSum >= minimumExpected)
            {
                cells.Add((start, j));
                o.Add(oSum);
                e.Add(eSum);
                start = -1;
                oSum = eSum = 0;
            }
        }
        if (start >= 0)
        {
            if (cells.Count > 0)
            {
                cells[^1] = (cells[^1].First, kept[^1]);
                o[^1] += oSum;
                e[^1] += eSum;
            }
            else
            {
                cells.Add((start, kept[^1]));
                o.Add(oSum);
                e.Add(eSum);
            }
        }
        double statistic = 0;
        for (int c = 0; c < cells.Count; c++) statistic += (o[c] - e[c]) * (o[c] - e[c]) / e[c];
        int dof = cells.Count - 1;
        // P(χ²_ν ≥ X²) = Q(ν/2, X²/2), the upper regularised incomplete gamma (no loss of digits in the tail).
        double p = dof >= 1 ? SpecialFunctions.GammaUpperRegularized(dof / 2.0, statistic / 2) : double.NaN;
        return new ChiSquaredGoodnessOfFit { Cells = cells, Observed = o, Expected = e, Statistic = statistic, DegreesOfFreedom = dof, PValue = p };
    }
}
