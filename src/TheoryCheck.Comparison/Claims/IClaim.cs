namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// A theorem's prediction bound to a simulated observable with a verdict rule (design.md, "Claims").
/// Implementations live in the model's folder (e.g. Comparison/Kgmm) and are discovered by <see cref="Catalog.ModelCatalog"/> through the model binding.
/// </summary>
public interface IClaim
{
    /// <summary>Catalogue entry.</summary>
    ClaimInfo Info { get; }

    /// <summary>Runs the claim at <see cref="ClaimContext.Profile"/> and returns measurements, checks and figures.</summary>
    ClaimResult Run(ClaimContext context);
}
