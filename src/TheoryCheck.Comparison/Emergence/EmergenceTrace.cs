namespace TheoryCheck.Comparison.Emergence;

/// <summary>
/// Alignment as it emerges (docs/theory/claims.md §0.10): along SGD runs, at several times from the start, the number of
/// eigenvalues of an empirical test matrix above a threshold and the alignment error err(x, top-r space), each against
/// its prediction at the ODE state of the same time. A <em>block</em> is one measured matrix of a run (a class block Ĥ_cc,
/// a neuron block Ĥ_{W_iW_i}) with its own prediction; a <em>unit</em> is one block of one seed, numbered seed-major
/// (unit = seed · blocks + block). A time is <em>decisive</em> for a block's count when none of its predicted
/// eigenvalues lies in the window where a finite-d measurement cannot tell an outlier from the bulk edge.
/// </summary>
/// <param name="Matrix">The matrix, in the paper's notation (e.g. "Ĥ_cc").</param>
/// <param name="Times">Times t along the runs, ascending.</param>
/// <param name="Blocks">The blocks' names (e.g. "c = 1", "W1"); every seed measures every block.</param>
/// <param name="PredictedCounts">[block][time]: predicted number of eigenvalues above the count threshold.</param>
/// <param name="Decisive">[block][time]: whether the block's count is judged at that time.</param>
/// <param name="PredictedError">[block][time]: predicted err (already scaled or shifted by a negative control, if any).</param>
/// <param name="Seeds">The number of seed replicates.</param>
/// <param name="MeasuredCounts">[unit][time]: measured number of eigenvalues above the unit's threshold.</param>
/// <param name="MeasuredError">[unit][time]: measured err of the unit.</param>
public sealed record EmergenceTrace(string Matrix, double[] Times, string[] Blocks, int[][] PredictedCounts, bool[][] Decisive,
    double[][] PredictedError, int Seeds, int[][] MeasuredCounts, double[][] MeasuredError)
{
    /// <summary>What distinguishes this trace among a claim's traces (e.g. "λ = 3"), prefixed to check names; null for none.</summary>
    public string? Label { get; init; }

    /// <summary>A file-name suffix for <see cref="Label"/> ("" without a label): "λ = 3" → "-lambda-3".</summary>
    public string FileSuffix { get; init; } = "";

    /// <summary>
    /// Optional locations check: [block][time] the predicted outliers clear of the edge window (descending), compared with
    /// the measured top eigenvalues <see cref="MeasuredValues"/> in rank order; null for none.
    /// </summary>
    public double[][][]? PredictedLocations { get; init; }

    /// <summary>[block][time]: the predicted bulk edge (for the figure); null for none.</summary>
    public double[][]? PredictedEdges { get; init; }

    /// <summary>[unit][time]: the measured top eigenvalues (descending), for the locations check.</summary>
    public double[][][]? MeasuredValues { get; init; }

    /// <summary>The unit's name, "seed s, block" (1-based seed).</summary>
    public string Unit(int unit) => $"seed {unit / Blocks.Length + 1}, {Blocks[unit % Blocks.Length]}";

    /// <summary>The block of a unit.</summary>
    public int BlockOf(int unit) => unit % Blocks.Length;

    /// <summary>[seed][time]: the measured err of each seed (mean over that seed's blocks).</summary>
    public double[][] ErrorBySeed() =>
        Enumerable.Range(0, Seeds).Select(s =>
            Enumerable.Range(0, Times.Length).Select(i => Enumerable.Range(0, Blocks.Length).Average(b => MeasuredError[s * Blocks.Length + b][i])).ToArray())
        .ToArray();

    /// <summary>[time]: the predicted err averaged over the blocks (the figure's dashed line).</summary>
    public double[] MeanPredictedError() =>
        Enumerable.Range(0, Times.Length).Select(i => Enumerable.Range(0, Blocks.Length).Average(b => PredictedError[b][i])).ToArray();
}
