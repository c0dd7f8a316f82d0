namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// How the right bulk edge z₊ of a weighted sample second-moment matrix is determined (kgmm.md §11): the inverse
/// Stieltjes map z(S) has a minimum inside (−λφ/h_sup, 0) (a square-root edge), or z increases up to the support
/// boundary and z₊ = z(−λφ/h_sup).
/// </summary>
public enum BulkEdgeKind
{
    /// <summary>z′(S_*) = 0 at an interior S_*.</summary>
    Interior,

    /// <summary>z increasing on the whole interval; z₊ is the boundary value.</summary>
    SupportBoundary,
}
