using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Comparison.Tracking;

/// <summary>
/// A <see cref="TrackingClaim"/> evaluation: the claim result and the trajectories it was computed from, so a model's
/// claim can draw further figures from the same runs without simulating again.
/// </summary>
/// <param name="Result">The claim result.</param>
/// <param name="Theory">The theory trajectory per size d (one shared trajectory when the theory does not use d).</param>
/// <param name="Runs">The completed simulation runs, ordered by d then seed.</param>
public sealed record TrackingOutcome(ClaimResult Result, IReadOnlyDictionary<int, Trajectory> Theory, IReadOnlyList<Trajectory> Runs);
