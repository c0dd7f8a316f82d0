namespace TheoryCheck.Comparison.Catalog;

/// <summary>
/// Arguments of <c>theorycheck spectrum MODEL --d D --seed N --t T --matrix hessian|g [--block NAME]
/// [--samples-ratio φ] [--top n]</c>: run SGD to time T, draw M = ⌈φ·d⌉ fresh test samples and compute the top
/// eigenpairs of the empirical test Hessian or G matrix (β excluded), of one block or the full matrix.
/// </summary>
public sealed record SpectrumRequest(int Dimension, ulong Seed, double Time, string Matrix, string? Block, double SamplesRatio, int Top)
{
    /// <summary>
    /// The work budget in SGD element-updates (<see cref="WorkEstimate"/>) that the adaptive parts — the ODE's step
    /// budget, Lanczos's restarts — are held to (they then end with a recorded fault); null: their own defaults.
    /// </summary>
    public double? WorkBudget { get; init; }
}
