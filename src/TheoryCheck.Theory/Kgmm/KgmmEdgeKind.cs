namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// How the right bulk edge z₊ of a weighted sample second-moment matrix is determined (kgmm.md §11,
/// docs/kgmm-notes.md): the inverse Stieltjes map z(S) has a minimum inside (−λφ/h_sup, 0) (a square-root edge), or
/// z increases up to the support boundary and z₊ = z(−λφ/h_sup) (the edge is set by the rare samples with h near
/// its supremum; finite-d edges approach it very slowly).
/// </summary>
public enum KgmmEdgeKind
{
    /// <summary>z′(S_*) = 0 at an interior S_*.</summary>
    Interior,

    /// <summary>z increasing on the whole interval; z₊ is the boundary value.</summary>
    SupportBoundary,
}
