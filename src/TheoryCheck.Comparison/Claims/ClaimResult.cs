using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Comparison.Golden;

namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// Everything one claim run produced: verdict and checks, the measurements (the numbers golden snapshots keep),
/// figures, and the provenance every result must record — parameters, sizes, seeds, solver and tolerances,
/// quadrature and spectral conventions, timings, git commit (design.md, "Claims").
/// </summary>
public sealed record ClaimResult
{
    /// <summary>Catalogue entry of the claim.</summary>
    public required ClaimInfo Info { get; init; }

    /// <summary>Profile the claim ran at.</summary>
    public required Profile Profile { get; init; }

    /// <summary>The verdict checks, in catalogue order.</summary>
    public required IReadOnlyList<CheckResult> Checks { get; init; }

    /// <summary>Claim parameters (profile values, and overrides if any).</summary>
    public required JsonObject Parameters { get; init; }

    /// <summary>Measured and predicted numbers (tables, series, fits); the source of golden snapshots.</summary>
    public required JsonObject Measurements { get; init; }

    /// <summary>Solver, tolerances, quadrature, spectral conventions, engine choices.</summary>
    public JsonObject Settings { get; init; } = new();

    /// <summary>Dimensions swept (empty for theory-only claims).</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [];

    /// <summary>Seeds used, per replicate (as decimal strings in JSON: they are 64-bit).</summary>
    public IReadOnlyList<ulong> Seeds { get; init; } = [];

    /// <summary>Figures to render.</summary>
    public IReadOnlyList<FigureSpec> Figures { get; init; } = [];

    /// <summary>Remarks for the report (e.g. why a check is expected to be loose).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// The user's <c>--set</c> overrides (<c>name=value</c>), empty at the catalogue's parameters. A result with
    /// overrides is judged by the catalogue thresholds and marked "parameters changed" in every report.
    /// </summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>True when the user changed the catalogue's parameters (<see cref="Overrides"/> is not empty).</summary>
    public bool ParametersChanged => Overrides.Count > 0;

    /// <summary>The simulation engine that ran (e.g. <c>full</c>, <c>subspace</c>), or null for a theory-only claim.</summary>
    public string? Engine { get; init; }

    /// <summary>
    /// The negative control applied to the theory side (<c>run --negative-control</c>), or null for a normal run.
    /// Under its control a claim must not hold (docs/theory/claims.md §0, "Negative controls").
    /// </summary>
    public NegativeControl? Control { get; init; }

    /// <summary>
    /// The claim's documented negative control with its measured resolution, recorded in every run (applied or not),
    /// so every report states what mistake the claim can see and how small a one; null when unknown.
    /// </summary>
    public NegativeControl? DocumentedControl { get; init; }

    /// <summary>Set when a run diverged (NaN/∞), with where.</summary>
    public string? Divergence { get; init; }

    /// <summary>
    /// The numerical faults of the run (docs/design-notes.md §8), each with its kind and where: a divergence, an ODE's
    /// exhausted step budget (the claim could not be evaluated: it fails), Lanczos not converged, a QMC error estimate
    /// above its tolerance. The last two leave the numbers in place but marked: every report shows each fault.
    /// </summary>
    public IReadOnlyList<Models.Observables.NumericalFault> Faults { get; init; } = [];

    /// <summary>Wall-clock timings in seconds by phase (e.g. "theory", "simulation", "total").</summary>
    public IReadOnlyDictionary<string, double> Timings { get; init; } = new Dictionary<string, double>();

    /// <summary>Git commit of the code that produced the result (or "unknown").</summary>
    public string GitCommit { get; init; } = "unknown";

    /// <summary>
    /// Set when the claim threw (type and message): the run recorded it as a failed check instead of stopping.
    /// </summary>
    public string? Error { get; init; }

    /// <summary>
    /// Per-field tolerances of the golden snapshot, applied after <see cref="GoldenTolerance.Default"/>
    /// (the last rule whose path glob matches a field wins). Empty: the default for every field.
    /// </summary>
    public IReadOnlyList<GoldenTolerance> GoldenTolerances { get; init; } = [];

    /// <summary>
    /// The verdict: diverged; fails after a crash, without checks, or when a check failed; inconclusive when no check
    /// failed but one is undecided; holds when every check passed.
    /// </summary>
    public Verdict Verdict =>
        Divergence is not null ? Verdict.Diverged
        : Error is not null || Checks.Count == 0 || Checks.Any(c => c.Outcome == CheckOutcome.Failed) ? Verdict.Fails
        : Checks.Any(c => c.Outcome == CheckOutcome.Undecided) ? Verdict.Inconclusive
        : Verdict.Holds;

    /// <summary>
    /// Whether the run did what its mode asks: a normal run holds; a negative-control run does not hold (the claim
    /// detected the planted mistake). Decides the exit code of <c>run</c>.
    /// </summary>
    public bool AsExpected => Control is null ? Verdict == Verdict.Holds : Verdict != Verdict.Holds;

    /// <summary>The <c>result.json</c> document (see <see cref="ClaimResultJson"/>).</summary>
    public JsonObject ToJson(bool includeTimings = true) => ClaimResultJson.Write(this, includeTimings);
}
