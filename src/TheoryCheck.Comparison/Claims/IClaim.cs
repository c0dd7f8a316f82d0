namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// A theorem's prediction bound to a simulated observable with a verdict rule (design.md, "Claims").
/// Implementations live in the model's folder (e.g. Comparison/Kgmm) and are discovered by <see cref="Catalog.ModelCatalog"/> through the model binding.
/// </summary>
public interface IClaim
{
    /// <summary>Catalogue entry.</summary>
    ClaimInfo Info { get; }

    /// <summary>
    /// The simulation engines the claim accepts, its default first (e.g. <c>full</c>; spectral claims need samples, so
    /// only <c>full</c>). Empty for a theory-only claim.
    /// </summary>
    IReadOnlyList<string> Engines { get; }

    /// <summary>Claim-level settings <c>--set</c> may change (T, seeds, swept lists), besides the model's parameters.</summary>
    IReadOnlyList<ClaimSetting> Settings { get; }

    /// <summary>The perturbation of the theory side under which the claim must not hold (<c>run --negative-control</c>).</summary>
    NegativeControl Control { get; }

    /// <summary>
    /// Runs the claim at <see cref="ClaimContext.Profile"/> with <see cref="ClaimContext.Engine"/> (and, when
    /// <see cref="ClaimContext.NegativeControl"/> is set, <see cref="Control"/> applied) and returns measurements,
    /// checks and figures.
    /// </summary>
    ClaimResult Run(ClaimContext context);

    /// <summary>
    /// The work and memory <see cref="Run"/> needs with <paramref name="context"/> (its profile, overrides and threads),
    /// estimated before it starts from the same settings (docs/design-notes.md §8); null when the claim gives no
    /// estimate (it then runs unchecked). <c>run</c> refuses a run whose overrides raise the work above both the budget
    /// and the claim's own profile, or whose memory exceeds the limit.
    /// </summary>
    Catalog.WorkEstimate? Estimate(ClaimContext context) => null;
}
