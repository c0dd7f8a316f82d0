namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// A real symmetric linear operator A: ℝⁿ → ℝⁿ given only through its action y = A·x (matrix-free).
/// Every consumer in this namespace (Lanczos, stochastic Lanczos quadrature) assumes A = Aᵀ; a non-symmetric
/// operator gives meaningless results, and this is not checked (checking would cost n matrix–vector products).
/// </summary>
/// <remarks>
/// Implementations may keep scratch buffers, so <see cref="Apply"/> is not required to be thread-safe:
/// use one instance per thread unless an implementation states otherwise.
/// </remarks>
public interface ILinearOperator
{
    /// <summary>The dimension n of the space ℝⁿ the operator acts on (n ≥ 1).</summary>
    int Dimension { get; }

    /// <summary>
    /// Writes y = A·x. Both spans have length <see cref="Dimension"/>; they must not overlap.
    /// </summary>
    void Apply(ReadOnlySpan<double> x, Span<double> y);
}
