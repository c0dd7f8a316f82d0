namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// The stored interpolants of all accepted steps: for step j its start time tⱼ, its step hⱼ (signed) and its m
/// coefficient vectors of <see cref="HairerInterpolant"/>; step j covers [tⱼ, tⱼ₊₁] with tⱼ₊₁ the next start.
/// Coefficients live in fixed-size chunks below the large-object-heap threshold, so growing never copies them.
/// </summary>
internal sealed class DenseTrajectory
{
    private const int ChunkDoubles = 8192; // 64 KiB

    private readonly List<double> starts = [];
    private readonly List<double> steps = [];
    private readonly List<double[]> chunks = [];
    private readonly int blockLength;
    private readonly int blocksPerChunk;

    public DenseTrajectory(int dimension, int vectorCount)
    {
        Dimension = dimension;
        VectorCount = vectorCount;
        blockLength = dimension * vectorCount;
        blocksPerChunk = Math.Max(1, ChunkDoubles / blockLength);
    }

    public int Dimension { get; }

    public int VectorCount { get; }

    public int Count => starts.Count;

    public void Add(double start, double step, ReadOnlySpan<double> stepCoefficients)
    {
        int index = starts.Count;
        if (index % blocksPerChunk == 0)
        {
            chunks.Add(new double[blocksPerChunk * blockLength]);
        }

        stepCoefficients.CopyTo(Block(index));
        starts.Add(start);
        steps.Add(step);
    }

    /// <summary>Interpolates at <paramref name="t"/>, which the caller has checked lies in the covered interval.</summary>
    public void Evaluate(double t, Span<double> destination)
    {
        int j = FindSegment(t);
        HairerInterpolant.Evaluate(Block(j), (t - starts[j]) / steps[j], destination);
    }

    private Span<double> Block(int index) =>
        chunks[index / blocksPerChunk].AsSpan((index % blocksPerChunk) * blockLength, blockLength);

    private int FindSegment(double t)
    {
        // Last segment whose start is at or before t along the direction of integration.
        double direction = steps[0] >= 0 ? 1.0 : -1.0;
        int low = 0, high = starts.Count - 1;
        while (low < high)
        {
            int middle = (low + high + 1) >> 1;
            if ((t - starts[middle]) * direction >= 0)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }
}
