namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// The stored interpolants of all accepted steps: for step j its start time tⱼ, its step hⱼ (signed) and its m
/// coefficient vectors of <see cref="HairerInterpolant"/>; step j covers [tⱼ, tⱼ₊₁] with tⱼ₊₁ the next start.
/// </summary>
internal sealed class DenseTrajectory(int dimension, int vectorCount)
{
    private readonly List<double> starts = [];
    private readonly List<double> steps = [];
    private readonly List<double> coefficients = [];

    public int Dimension { get; } = dimension;

    public int VectorCount { get; } = vectorCount;

    public int Count => starts.Count;

    public void Add(double start, double step, ReadOnlySpan<double> stepCoefficients)
    {
        starts.Add(start);
        steps.Add(step);
        coefficients.AddRange(stepCoefficients);
    }

    /// <summary>Interpolates at <paramref name="t"/>, which the caller has checked lies in the covered interval.</summary>
    public void Evaluate(double t, Span<double> destination)
    {
        int j = FindSegment(t);
        int block = Dimension * VectorCount;
        ReadOnlySpan<double> segment = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(coefficients).Slice(j * block, block);
        HairerInterpolant.Evaluate(segment, (t - starts[j]) / steps[j], destination);
    }

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
