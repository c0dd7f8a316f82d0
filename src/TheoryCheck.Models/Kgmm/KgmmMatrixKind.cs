namespace TheoryCheck.Models.Kgmm;

/// <summary>Which per-sample matrix h·YYᵀ is averaged (kgmm.md §2, §9, §10); shared by the population (Theory) and the empirical (Simulation) matrices.</summary>
public enum KgmmMatrixKind
{
    /// <summary>Hessian data term, block (c, c') weight π_c(δ_{cc'} − π_{c'}) (β excluded).</summary>
    Hessian,

    /// <summary>G-matrix (second moment of per-sample data gradients), weight (π_c − δ_{bc})(π_{c'} − δ_{bc'}).</summary>
    G,
}
