namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// One verdict check of a claim, e.g. "95% CI of the exponent contains −½ and excludes 0" with the measured slope.
/// </summary>
/// <param name="Name">What is checked, in the catalogue's words.</param>
/// <param name="Outcome">Passed, failed or undecided.</param>
/// <param name="Measured">The measured number (null when the check is not a single number).</param>
/// <param name="Requirement">The rule, e.g. "∈ [−0.8, −0.3]" or "≤ 0.10".</param>
/// <param name="Detail">Optional context (confidence interval, standard error, the failing entry).</param>
public sealed record CheckResult(string Name, CheckOutcome Outcome, double? Measured, string Requirement, string? Detail = null)
{
    /// <summary>A decided check: passed or failed.</summary>
    public CheckResult(string name, bool passed, double? measured, string requirement, string? detail = null)
        : this(name, passed ? CheckOutcome.Passed : CheckOutcome.Failed, measured, requirement, detail)
    {
    }

    /// <summary>True when the requirement is met.</summary>
    public bool Passed => Outcome == CheckOutcome.Passed;

    /// <summary>For an undecided check: what would decide it (e.g. "more seeds, or the full profile").</summary>
    public string? Hint { get; init; }
}
