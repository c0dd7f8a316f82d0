namespace TheoryCheck.Models.Observables;

/// <summary>
/// A documented observable family, e.g. <c>m[c,a]</c> = x^c·μ_a with 1-based indices (parameters.md).
/// </summary>
/// <param name="Pattern">Name pattern as printed, e.g. <c>m[c,a]</c>.</param>
/// <param name="Meaning">One-line meaning in the papers' notation.</param>
public sealed record ObservableSpec(string Pattern, string Meaning)
{
    /// <summary>
    /// True for a quantity only the theory side has (e.g. quadratic's critical step sizes): the simulation records every
    /// other observable, in the same order.
    /// </summary>
    public bool TheoryOnly { get; init; }
}
