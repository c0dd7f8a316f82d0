namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// Decorator that counts the matrix–vector products y = A·x performed through it (thread-safe counter).
/// </summary>
public sealed class MatvecCountingOperator : ILinearOperator
{
    private long _count;

    /// <summary>Wraps <paramref name="inner"/>; the count starts at 0.</summary>
    public MatvecCountingOperator(ILinearOperator inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The operator whose products are counted.</summary>
    public ILinearOperator Inner { get; }

    /// <summary>Number of <see cref="Apply"/> calls since construction or the last <see cref="Reset"/>.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <inheritdoc />
    public int Dimension => Inner.Dimension;

    /// <summary>Sets the count back to 0.</summary>
    public void Reset() => Interlocked.Exchange(ref _count, 0);

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        Inner.Apply(x, y);
        Interlocked.Increment(ref _count);
    }
}
