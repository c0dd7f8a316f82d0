using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Comparison.Tracking;

/// <summary>
/// The numbers of a <see cref="TrackingClaim"/> at one profile (a column of the claim's table in claims.md):
/// model parameters, output grid, sizes and seeds, and the verdict rule's prediction and bound.
/// </summary>
public sealed record TrackingProfile
{
    /// <summary>Model parameters at this profile (user overrides are applied on top).</summary>
    public required ParameterValues Parameters { get; init; }

    /// <summary>Output grid t ∈ {0, Δt, …, T} (the setting <c>T=…</c> replaces T and keeps Δt).</summary>
    public required TimeGrid Grid { get; init; }

    /// <summary>Dimensions d swept.</summary>
    public required IReadOnlyList<int> Sizes { get; init; }

    /// <summary>Seeds per size.</summary>
    public required int Seeds { get; init; }

    /// <summary>The exponent the theory predicts for E_d (−½ for fluctuations, −1 for a bias).</summary>
    public double PredictedExponent { get; init; } = -0.5;

    /// <summary>Bound on E_d at the largest d.</summary>
    public required double Bound { get; init; }

    /// <summary>
    /// Parameters that follow the size (besides <c>d</c> itself), e.g. cws's number of classes C = d/20: given the
    /// parameters (with overrides) and d, the values used by both sides at that d. Null: only d changes. Needs a theory
    /// computed at d (<see cref="Catalog.IModelBinding.TheoryUsesDimension"/>).
    /// </summary>
    public Func<ParameterValues, int, ParameterValues>? AtSize { get; init; }

    /// <summary>
    /// The theory solve of this profile when it differs from the binding's default, e.g. a finer quadrature for a sweep that
    /// reaches larger d (the theory's own error must stay below the smallest E_d): given the parameters, the grid and the
    /// strength of the claim's negative control (0: none, the derived theory; same contract as
    /// <see cref="Catalog.IModelBinding.SolveTheory"/>). Null: the binding's solve and the claim's controlled theory.
    /// </summary>
    public Func<ParameterValues, TimeGrid, double, Trajectory>? Theory { get; init; }
}
