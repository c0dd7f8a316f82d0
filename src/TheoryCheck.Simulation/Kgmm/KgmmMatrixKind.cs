namespace TheoryCheck.Simulation.Kgmm;

/// <summary>Which empirical test matrix of kgmm.md §10 (both exclude the β·I of the ℓ2 penalty).</summary>
public enum KgmmMatrixKind
{
    /// <summary>Hessian data term: per-sample weight π_c(δ_{cc'} − π_{c'}) on block (c, c').</summary>
    Hessian,

    /// <summary>G-matrix (second moment of per-sample data gradients): weight (π_c − δ_{bc})(π_{c'} − δ_{bc'}).</summary>
    G,
}
