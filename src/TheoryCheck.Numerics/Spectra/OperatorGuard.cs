namespace TheoryCheck.Numerics.Spectra;

/// <summary>Shared argument checks for <see cref="ILinearOperator"/> implementations.</summary>
internal static class OperatorGuard
{
    public static void CheckApplyArguments(int dimension, ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length != dimension)
            throw new ArgumentException($"Input vector has length {x.Length}, the operator dimension is {dimension}.", nameof(x));
        if (y.Length != dimension)
            throw new ArgumentException($"Output vector has length {y.Length}, the operator dimension is {dimension}.", nameof(y));
        if (x.Overlaps(y))
            throw new ArgumentException("Input and output vectors must not overlap.", nameof(y));
    }
}
