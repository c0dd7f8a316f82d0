using System.Numerics.Tensors;

namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// The shifted operator A + σI: y = A·x + σ·x. Eigenvalues are λ_i(A) + σ with the same eigenvectors.
/// </summary>
public sealed class ShiftedOperator : ILinearOperator
{
    /// <summary>Wraps <paramref name="inner"/> with shift σ (finite).</summary>
    public ShiftedOperator(ILinearOperator inner, double shift)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!double.IsFinite(shift)) throw new ArgumentException($"Shift must be finite, got {shift}.", nameof(shift));
        Inner = inner;
        Shift = shift;
    }

    /// <summary>The operator A being shifted.</summary>
    public ILinearOperator Inner { get; }

    /// <summary>The shift σ.</summary>
    public double Shift { get; }

    /// <inheritdoc />
    public int Dimension => Inner.Dimension;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        OperatorGuard.CheckApplyArguments(Dimension, x, y);
        Inner.Apply(x, y);
        TensorPrimitives.MultiplyAdd(x, Shift, y, y);
    }
}
