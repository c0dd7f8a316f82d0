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

    /// <summary>False when the user overrode profile parameters: thresholds do not apply.</summary>
    public bool Calibrated { get; init; } = true;

    /// <summary>Set when a run diverged (NaN/∞), with where.</summary>
    public string? Divergence { get; init; }

    /// <summary>Wall-clock timings in seconds by phase (e.g. "theory", "simulation", "total").</summary>
    public IReadOnlyDictionary<string, double> Timings { get; init; } = new Dictionary<string, double>();

    /// <summary>Git commit of the code that produced the result (or "unknown").</summary>
    public string GitCommit { get; init; } = "unknown";

    /// <summary>
    /// Set when the claim threw (type and message): the run recorded it as a failed check instead of stopping.
    /// A crashed claim fails even when not calibrated.
    /// </summary>
    public string? Error { get; init; }

    /// <summary>
    /// Per-field tolerances of the golden snapshot, applied after <see cref="GoldenTolerance.Default"/>
    /// (the last rule whose path glob matches a field wins). Empty: the default for every field.
    /// </summary>
    public IReadOnlyList<GoldenTolerance> GoldenTolerances { get; init; } = [];

    /// <summary>The verdict: diverged, fails after a crash, not calibrated, holds (all checks pass) or fails.</summary>
    public Verdict Verdict =>
        Divergence is not null ? Verdict.Diverged
        : Error is not null ? Verdict.Fails
        : !Calibrated ? Verdict.NotCalibrated
        : Checks.Count > 0 && Checks.All(c => c.Passed) ? Verdict.Holds
        : Verdict.Fails;

    /// <summary>The <c>result.json</c> document (see <see cref="ClaimResultJson"/>).</summary>
    public JsonObject ToJson(bool includeTimings = true) => ClaimResultJson.Write(this, includeTimings);
}
