namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// Outcome of one verdict check (docs/theory/claims.md §0, "Verdicts"): passed, failed, or undecided — the data
/// cannot decide (a rate check whose confidence interval contains both 0 and the predicted exponent). An undecided
/// check makes the claim <see cref="Verdict.Inconclusive"/>, never a pass.
/// </summary>
public enum CheckOutcome
{
    /// <summary>The requirement is met.</summary>
    Passed,
    /// <summary>The requirement is not met.</summary>
    Failed,
    /// <summary>The data cannot decide (too few seeds or sizes); see <see cref="CheckResult.Hint"/>.</summary>
    Undecided,
}
