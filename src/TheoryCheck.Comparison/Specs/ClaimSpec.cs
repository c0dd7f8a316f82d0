using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Comparison.Specs;

/// <summary>
/// One claim of a spec file (docs/specs.md; schema docs/schema/claim-spec.schema.json): a researcher's statement about
/// an existing model — the parameter point, the engine, the observables, the sizes and seeds per profile, the
/// comparison and its thresholds, and the negative control's size.
/// </summary>
public sealed record ClaimSpec
{
    /// <summary>Claim id (letters, digits, '.', '-', '_').</summary>
    public required string Id { get; init; }

    /// <summary>Model id.</summary>
    public required string Model { get; init; }

    /// <summary>The statement, in the researcher's words.</summary>
    public required string Statement { get; init; }

    /// <summary>Where the statement comes from (paper, theorem), or "user spec".</summary>
    public required string Paper { get; init; }

    /// <summary>The model parameters (validated by the model).</summary>
    public required ParameterValues Parameters { get; init; }

    /// <summary>The engine, or null for the model's default.</summary>
    public string? Engine { get; init; }

    /// <summary>Compared observables (names or globs) for a rate; the observable of a value comparison.</summary>
    public required IReadOnlyList<string> Observables { get; init; }

    /// <summary>Final time T and output spacing Δt.</summary>
    public required (double End, double Step) Grid { get; init; }

    /// <summary>Sizes d per profile.</summary>
    public required IReadOnlyDictionary<Profile, int[]> Sizes { get; init; }

    /// <summary>Seeds per size, per profile.</summary>
    public required IReadOnlyDictionary<Profile, int> Seeds { get; init; }

    /// <summary>The comparison and its thresholds.</summary>
    public required SpecComparison Comparison { get; init; }

    /// <summary>The negative control's factor on the theory side (default 1.1 for rates and values, 1.15 for spectra).</summary>
    public required double ControlFactor { get; init; }

    /// <summary>The file the spec came from.</summary>
    public required string Source { get; init; }
}
