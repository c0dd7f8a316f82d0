using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Comparison.Tracking;

/// <summary>
/// The numbers of a <see cref="TrackingClaim"/> at one profile (a column of the claim's table in claims.md):
/// model parameters, output grid, sizes and seeds, and the verdict thresholds.
/// </summary>
public sealed record TrackingProfile
{
    /// <summary>Model parameters at this profile (user overrides are applied on top).</summary>
    public required ParameterValues Parameters { get; init; }

    /// <summary>Output grid t ∈ {0, Δt, …, T} (the override <c>T=…</c> replaces T and keeps Δt).</summary>
    public required TimeGrid Grid { get; init; }

    /// <summary>Dimensions d swept.</summary>
    public required IReadOnlyList<int> Sizes { get; init; }

    /// <summary>Seeds per size.</summary>
    public required int Seeds { get; init; }

    /// <summary>Lower end of the accepted exponent range.</summary>
    public required double ExponentLower { get; init; }

    /// <summary>Upper end of the accepted exponent range.</summary>
    public required double ExponentUpper { get; init; }

    /// <summary>Bound on E_d at the largest d.</summary>
    public required double Bound { get; init; }
}
