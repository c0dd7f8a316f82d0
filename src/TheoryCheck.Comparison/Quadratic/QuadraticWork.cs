using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Models.Quadratic;

namespace TheoryCheck.Comparison.Quadratic;

/// <summary>
/// The cost model of the quadratic model in SGD element-updates (<see cref="WorkEstimate"/>; docs/design-notes.md §8),
/// measured on the development machine: one SGD step costs 1.5·d (additive and Hessian noise: d normals and d updates)
/// or 2.5·b·d (streaming with batch b: the b samples are drawn twice, for the residuals and for the update); one step
/// of the exact recursion costs 10. Memory: the iterate (d doubles), the batch residuals (b doubles), the recursion's
/// moments (2 doubles per step) and the printed document.
/// </summary>
public static class QuadraticWork
{
    /// <summary>Largest number of steps of the exact recursion (<see cref="Theory.Quadratic.QuadraticTheory.Solve(QuadraticParameters, long)"/>).</summary>
    public const long MaxRecursionSteps = 100_000_000;

    /// <summary>Units of one SGD step.</summary>
    public static double StepUnits(QuadraticParameters p) =>
        p.Noise == QuadraticNoise.Streaming ? 2.5 * p.Batch * (p.Dimension + 1.0) : 1.5 * p.Dimension;

    /// <summary>One SGD run of <paramref name="steps"/> steps recording <paramref name="records"/> times (held: <paramref name="documentNumbers"/> printed numbers per record).</summary>
    public static WorkEstimate Sgd(QuadraticParameters p, double steps, int records, int documentNumbers = 3) =>
        new(steps * StepUnits(p) + 2.0 * p.Dimension,
            8.0 * p.Dimension + 8.0 * p.Batch + 2 * 8 * QuadraticEngineChunk + records * (3 * 8.0 + documentNumbers * WorkEstimate.BytesPerDocumentNumber));

    /// <summary>The exact recursion to <paramref name="steps"/> steps, recording <paramref name="records"/> times.</summary>
    public static WorkEstimate Recursion(double steps, int records) =>
        new(10 * steps + 20.0 * records, 16 * (steps + 1) + records * 6 * WorkEstimate.BytesPerDocumentNumber);

    private const int QuadraticEngineChunk = Simulation.Quadratic.QuadraticEngine.ChunkLength;
}
