namespace TheoryCheck.Models.Xor;

/// <summary>
/// Which per-sample matrix is averaged (xor.md §2, §9): the Hessian data term (weight σ′(s), autograd convention for the
/// ReLU) or the G-matrix (second moment of per-sample data gradients, weight e²). Shared by the population (Theory) and
/// the empirical (Simulation) matrices; β is never part of either (xor.md §9.4).
/// </summary>
public enum XorMatrixKind
{
    /// <summary>Hessian data term: first-layer block weight v_i² σ′(s) 1_i, second layer σ′(s) g gᵀ.</summary>
    Hessian,

    /// <summary>G-matrix: first-layer block weight v_i² e² 1_i, second layer e² g gᵀ.</summary>
    G,
}
