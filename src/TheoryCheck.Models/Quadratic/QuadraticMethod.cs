namespace TheoryCheck.Models.Quadratic;

/// <summary>
/// Update rule used from step <c>switch_at</c> on (quadratic.md §1): plain SGD e ← e − ηg, Dom-SGD
/// e ← e − ηP_D g (update projected on the top-k Hessian eigenvectors) or Bulk-SGD e ← e − ηP_B g
/// (dominant part removed).
/// </summary>
public enum QuadraticMethod
{
    /// <summary><c>sgd</c>: e ← e − ηg.</summary>
    Sgd,
    /// <summary><c>dom</c>: e ← e − ηP_D g; the bulk block is frozen.</summary>
    Dom,
    /// <summary><c>bulk</c>: e ← e − ηP_B g; the dominant block is frozen.</summary>
    Bulk,
}
