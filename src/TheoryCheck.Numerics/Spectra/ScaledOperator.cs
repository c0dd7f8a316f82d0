using System.Numerics.Tensors;

namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// The scaled operator α·A: y = α·(A·x). Eigenvalues are α·λ_i(A); α = −1 turns the smallest eigenvalues of A
/// into the largest ones of −A.
/// </summary>
public sealed class ScaledOperator : ILinearOperator
{
    /// <summary>Wraps <paramref name="inner"/> with factor α (finite).</summary>
    public ScaledOperator(ILinearOperator inner, double factor)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!double.IsFinite(factor)) throw new ArgumentException($"Factor must be finite, got {factor}.", nameof(factor));
        Inner = inner;
        Factor = factor;
    }

    /// <summary>The operator A being scaled.</summary>
    public ILinearOperator Inner { get; }

    /// <summary>The factor α.</summary>
    public double Factor { get; }

    /// <inheritdoc />
    public int Dimension => Inner.Dimension;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        OperatorGuard.CheckApplyArguments(Dimension, x, y);
        Inner.Apply(x, y);
        TensorPrimitives.Multiply(y, Factor, y);
    }
}
