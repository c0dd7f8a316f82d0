namespace TheoryCheck.Numerics.Spectra;

/// <summary>The diagonal operator A = diag(a_1, …, a_n): y_i = a_i·x_i. Its eigenvalues are the a_i.</summary>
public sealed class DiagonalOperator : ILinearOperator
{
    private readonly double[] _diagonal;

    /// <summary>Creates diag(a) from the given entries (copied; all finite, at least one).</summary>
    public DiagonalOperator(ReadOnlySpan<double> diagonal)
    {
        if (diagonal.IsEmpty) throw new ArgumentException("Diagonal must have at least one entry.", nameof(diagonal));
        for (int i = 0; i < diagonal.Length; i++)
            if (!double.IsFinite(diagonal[i]))
                throw new ArgumentException($"Diagonal entry {i} is not finite ({diagonal[i]}).", nameof(diagonal));
        _diagonal = diagonal.ToArray();
    }

    /// <inheritdoc />
    public int Dimension => _diagonal.Length;

    /// <summary>The diagonal entries a_i.</summary>
    public ReadOnlySpan<double> Diagonal => _diagonal;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        OperatorGuard.CheckApplyArguments(Dimension, x, y);
        System.Numerics.Tensors.TensorPrimitives.Multiply(_diagonal, x, y);
    }
}
