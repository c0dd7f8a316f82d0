namespace TheoryCheck.Models.Cws;

/// <summary>
/// The covariance family of the <c>cws</c> mixture in the common eigenbasis (cws.md §1; parameter <c>cov</c>).
/// </summary>
public enum CwsCovariance
{
    /// <summary><c>isotropic</c>: K_c = I for every class.</summary>
    Isotropic,

    /// <summary><c>zero-one</c>: the first ⌊f·d⌋ modes have variance 0 (clean), the others 1, for every class.</summary>
    ZeroOne,

    /// <summary><c>power-law</c>: K_c = diag((i/d)^{α_c}), i = 1..d.</summary>
    PowerLaw,
}
