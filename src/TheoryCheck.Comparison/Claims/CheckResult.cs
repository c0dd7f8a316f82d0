namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// One verdict check of a claim, e.g. "exponent in [−0.8, −0.3]" with the measured slope.
/// </summary>
/// <param name="Name">What is checked, in the catalogue's words.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Measured">The measured number (null when the check is not a single number).</param>
/// <param name="Requirement">The rule, e.g. "∈ [−0.8, −0.3]" or "≤ 0.10".</param>
/// <param name="Detail">Optional context (confidence interval, standard error, the failing entry).</param>
public sealed record CheckResult(string Name, bool Passed, double? Measured, string Requirement, string? Detail = null);
