namespace TheoryCheck.Comparison.Emergence;

/// <summary>
/// Alignment as it emerges (docs/theory/claims.md §0.10): along SGD runs, at several times from the start, the number of
/// eigenvalues of an empirical test matrix above a threshold and the alignment error err(x, top-r space), each against
/// its prediction at the ODE state of the same time. A <em>unit</em> is one measured matrix of one run (e.g. one block
/// of one seed); a time is <em>decisive</em> for the count when no predicted eigenvalue lies in the window where a
/// finite-d measurement cannot tell an outlier from the bulk edge.
/// </summary>
/// <param name="Matrix">The matrix, in the paper's notation (e.g. "Ĥ_cc").</param>
/// <param name="Times">Times t along the runs, ascending.</param>
/// <param name="PredictedCounts">Predicted number of eigenvalues above the count threshold at each time.</param>
/// <param name="Decisive">Whether the count is judged at each time.</param>
/// <param name="PredictedError">Predicted err at each time (already scaled or shifted by a negative control, if any).</param>
/// <param name="Units">Names of the measured units (e.g. "seed 2, c = 1").</param>
/// <param name="UnitSeeds">The seed replicate (0-based) each unit belongs to.</param>
/// <param name="MeasuredCounts">[unit][time]: measured number of eigenvalues above the threshold.</param>
/// <param name="MeasuredError">[unit][time]: measured err of the unit.</param>
public sealed record EmergenceTrace(string Matrix, double[] Times, int[] PredictedCounts, bool[] Decisive, double[] PredictedError,
    string[] Units, int[] UnitSeeds, int[][] MeasuredCounts, double[][] MeasuredError)
{
    /// <summary>What distinguishes this trace among a claim's traces (e.g. "λ = 3"), prefixed to check names; null for none.</summary>
    public string? Label { get; init; }

    /// <summary>A file-name suffix for <see cref="Label"/> ("" without a label): "λ = 3" → "-lambda-3".</summary>
    public string FileSuffix { get; init; } = "";

    /// <summary>
    /// Optional locations check: [time] the predicted outliers clear of the edge window (descending), compared with the
    /// measured top eigenvalues <see cref="MeasuredValues"/> in rank order; null for none.
    /// </summary>
    public double[][]? PredictedLocations { get; init; }

    /// <summary>The predicted bulk edge at each time (for the figure); null for none.</summary>
    public double[]? PredictedEdges { get; init; }

    /// <summary>[unit][time]: the measured top eigenvalues (descending), for the locations check.</summary>
    public double[][][]? MeasuredValues { get; init; }

    /// <summary>The number of seed replicates.</summary>
    public int Seeds => UnitSeeds.Max() + 1;

    /// <summary>[seed][time]: the measured err of each seed (mean over that seed's units).</summary>
    public double[][] ErrorBySeed() =>
        Enumerable.Range(0, Seeds).Select(s =>
        {
            var rows = Enumerable.Range(0, Units.Length).Where(u => UnitSeeds[u] == s).Select(u => MeasuredError[u]).ToList();
            return Enumerable.Range(0, Times.Length).Select(i => rows.Average(r => r[i])).ToArray();
        }).ToArray();
}
