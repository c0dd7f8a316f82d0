using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Spectra;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// The empirical first-layer block Â_i = (1/M) Σ_j h_j X_jX_jᵀ on ℝ^d (xor.md §9.4; <b>β excluded</b>) as a matrix-free
/// symmetric operator, h_j = v_i² σ′(s_j) 1{u_ij &gt; 0} (Hessian) or v_i² e_j² 1{u_ij &gt; 0} (G). Only the M_a samples with
/// u_ij &gt; 0 carry weight (about half), so the operator is the Numerics <see cref="WeightedGramOperator"/> over those rows
/// with weights h_j·M_a/M: a product costs 2·M_a·d multiply–adds. Deterministic; single-threaded products (thread-count
/// independent). The active rows are copied (8·M_a·d bytes).
/// </summary>
public sealed class XorEmpiricalOperator : ILinearOperator
{
    private readonly WeightedGramOperator _gram;

    internal XorEmpiricalOperator(WeightedGramOperator gram, XorMatrixKind kind, int neuron, int sampleCount)
    {
        _gram = gram;
        Kind = kind;
        Neuron = neuron;
        SampleCount = sampleCount;
    }

    /// <summary>Hessian or G.</summary>
    public XorMatrixKind Kind { get; }

    /// <summary>0-based neuron i.</summary>
    public int Neuron { get; }

    /// <summary>Number of samples M.</summary>
    public int SampleCount { get; }

    /// <summary>Number of samples with non-zero weight.</summary>
    public int ActiveCount => _gram.SampleCount;

    /// <inheritdoc />
    public int Dimension => _gram.Dimension;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> x, Span<double> y) => _gram.Apply(x, y);
}
