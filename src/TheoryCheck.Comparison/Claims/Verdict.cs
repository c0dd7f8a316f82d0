namespace TheoryCheck.Comparison.Claims;

/// <summary>Outcome of a claim run (docs/theory/claims.md §0, "Verdicts").</summary>
public enum Verdict
{
    /// <summary>Every check passed.</summary>
    Holds,
    /// <summary>At least one check failed (or the claim could not run to completion).</summary>
    Fails,
    /// <summary>No check failed but at least one could not be decided by the data: never a pass (exit 1).</summary>
    Inconclusive,
    /// <summary>A run diverged (NaN/∞); the result says where.</summary>
    Diverged,
}
