using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Comparison.Golden;
using TheoryCheck.Comparison.Tracking;
using TheoryCheck.Models;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// <c>kgmm.ode-tracking</c> (claims.md §1.1): sup_{t ≤ T} |(m, R)_SGD − (m, R)_ODE| → 0 like d^{-1/2}. A
/// <see cref="TrackingClaim"/> over every entry of m and R on the grid Δt = 0.5 up to T = 8 (Rperp, loss and accuracy
/// reported), with the exponent range [−0.8, −0.3] and the bound at the largest d (0.10 quick, 0.03 full). Adds
/// per-d trajectory figures of m[1,1], m[1,2], R[1,1], R[1,2] from the same runs.
/// </summary>
public sealed class KgmmOdeTrackingClaim : IClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "kgmm.ode-tracking";

    /// <inheritdoc/>
    public ClaimInfo Info { get; } = new(Id, KgmmModel.Id, "2206.04030 Thm 2.2 framework; derived ODE",
        "(m, R) of SGD track the ODE, error ∝ d^{-1/2}", "kgmm.md §5, §6; claims.md §1.1");

    /// <summary>The profile numbers (claims.md §1.1; Test: a small version for the test suite and the goldens).</summary>
    public static TrackingProfile ProfileFor(Profile profile)
    {
        var parameters = KgmmModel.Descriptor.Defaults
            .With(KgmmModel.Id, "k", JsonValue.Create(3L))
            .With(KgmmModel.Id, "lambda", 3.0)
            .With(KgmmModel.Id, "beta", 0.1)
            .With(KgmmModel.Id, "cdelta", 1.0);
        var grid = TimeGrid.Uniform(8, 0.5);
        return profile switch
        {
            Profile.Test => new TrackingProfile
            {
                Parameters = parameters, Grid = grid, Sizes = [100, 200, 400, 800], Seeds = 3,
                ExponentLower = -0.8, ExponentUpper = -0.3, Bound = 0.15,
            },
            Profile.Quick => new TrackingProfile
            {
                Parameters = parameters, Grid = grid, Sizes = [250, 500, 1000, 2000], Seeds = 4,
                ExponentLower = -0.8, ExponentUpper = -0.3, Bound = 0.10,
            },
            _ => new TrackingProfile
            {
                Parameters = parameters, Grid = grid, Sizes = [500, 1000, 2000, 4000, 8000, 16000], Seeds = 8,
                ExponentLower = -0.8, ExponentUpper = -0.3, Bound = 0.03,
            },
        };
    }

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var overrides = context.OverrideMap();
        if (overrides.ContainsKey("d") || overrides.ContainsKey("seed"))
            throw new InputException($"claim '{Id}' takes its sizes and seeds from the profile (it accepts model parameters and T)");
        var recorder = new KgmmRecordingBinding(new KgmmBinding());
        var tracking = new TrackingClaim(Info, () => recorder, ["m[*]", "R[*]"], ProfileFor)
        {
            Reported = ["Rperp[*]", "loss", "accuracy"],
            FigureGroups =
            [
                ("m-trajectories", "m[c,a]: ODE vs SGD", ["m[*]"]),
                ("R-trajectories", "R[c,e]: ODE vs SGD", ["R[*]"]),
                ("loss-accuracy", "Population loss and accuracy", ["loss", "accuracy"]),
            ],
            GoldenTolerances = [new GoldenTolerance("*", 1e-9, 1e-7)],
            Notes =
            [
                "Sup-error over every entry of m and R (c ≤ e) at every grid time t ∈ {0, 0.5, …, T}; the O(d^{-1/2}) mismatch of the random initialisation is part of it (kgmm.md §5.4).",
                "By symmetry (uniform p, symmetric start) the theory curves of the diagonal entries coincide, as do those of the off-diagonal entries.",
            ],
        };
        var result = tracking.Run(context);

        var runs = recorder.Runs.Where(r => !r.Status.Diverged).OrderBy(r => r.Dimension).ThenBy(r => r.Seed).ToList();
        var figures = result.Figures.ToList();
        figures.Add(TrajectoryFigure.Build("m-per-d", "m[1,1] and m[1,2] per d", recorder.Theory, runs, ["m[1,1]", "m[1,2]"], yLabel: "m[1,1] (upper), m[1,2] (lower)"));
        figures.Add(TrajectoryFigure.Build("R-per-d", "R[1,1] and R[1,2] per d", recorder.Theory, runs, ["R[1,1]", "R[1,2]"], yLabel: "R[1,1] (upper), R[1,2] (lower)"));
        var settings = (JsonObject)result.Settings.DeepClone();
        settings["sgd"] = KgmmClaimKit.SimulationSettings();
        return result with { Figures = figures, Settings = settings };
    }
}
