namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// A claim's negative control (docs/theory/claims.md §0, "Negative controls"): a named, documented perturbation of its
/// theory side — a plausible derivation mistake of modest size, e.g. a coefficient scaled by 1.1 or a term dropped —
/// under which the claim must not hold. <c>run --negative-control</c> applies it; the catalogue test asserts, for
/// every claim, that the test profile detects it.
/// </summary>
/// <param name="Name">Short name, e.g. <c>corrector-dropped</c>.</param>
/// <param name="Description">What is changed in the theory, in the notes' notation.</param>
public sealed record NegativeControl(string Name, string Description)
{
    /// <summary>The size applied, relative to the documented perturbation (1 as documented; see <see cref="ClaimContext.ControlStrength"/>).</summary>
    public double Strength { get; init; } = 1;

    /// <summary>
    /// The claim's resolution: the smallest perturbation of this kind that its full profile detects, measured with
    /// <c>run CLAIM --profile full --negative-control --control-strength S</c> over a ladder of S (docs/theory/claims.md §0.7),
    /// e.g. "σ² × 1.05 or finer (S = 0.1 detected)"; null when it has not been measured.
    /// </summary>
    public string? Resolution { get; init; }
}
