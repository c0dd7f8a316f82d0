using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Comparison.Tracking;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Kgmm;
using TheoryCheck.Theory.Kgmm;

namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// <c>kgmm.ode-tracking</c> (claims.md §1.1): sup_{t ≤ T} |(m, R)_SGD − (m, R)_ODE| → 0 like d^{-1/2}. A
/// <see cref="TrackingClaim"/> over every entry of m and R on the grid Δt = 0.5 up to T = 8 (Rperp, loss and accuracy
/// reported), with the rate check (95% CI ∋ −½, ∌ 0) and the bound at the largest d (0.10 quick, 0.03 full). Adds
/// per-d trajectory figures of m[1,1], m[1,2], R[1,1], R[1,2] from the same runs.
/// </summary>
public sealed class KgmmOdeTrackingClaim : IShardableClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "kgmm.ode-tracking";

    /// <summary>The profile numbers (claims.md §1.1; Test: a small version for the test suite and the goldens).</summary>
    public static TrackingProfile ProfileFor(Profile profile)
    {
        var parameters = new KgmmParameters(3, 3, 0.1, 1).ToValues();
        var grid = TimeGrid.Uniform(8, 0.5);
        return profile switch
        {
            Profile.Test => new TrackingProfile { Parameters = parameters, Grid = grid, Sizes = [100, 200, 400, 800], Seeds = 3, Bound = 0.15 },
            Profile.Quick => new TrackingProfile { Parameters = parameters, Grid = grid, Sizes = [250, 500, 1000, 2000], Seeds = 4, Bound = 0.10 },
            _ => new TrackingProfile { Parameters = parameters, Grid = grid, Sizes = [500, 1000, 2000, 4000, 8000, 16000], Seeds = 8, Bound = 0.03 },
        };
    }

    /// <summary>
    /// The numbers with the subspace engine (docs/theory/subspace.md: exact in law, cost per step independent of d), which
    /// make the sweep span decades: test 300 … 3·10⁵, quick 10³ … 10⁶ (three decades), full 10³ … 10⁸ (five decades).
    /// </summary>
    public static TrackingProfile SubspaceProfileFor(Profile profile)
    {
        var full = ProfileFor(profile);
        return profile switch
        {
            Profile.Test => full with { Sizes = [300, 3_000, 30_000, 300_000], Seeds = 4, Bound = 0.05 },
            Profile.Quick => full with { Sizes = [1_000, 10_000, 100_000, 1_000_000], Seeds = 8, Bound = 0.02 },
            _ => full with { Sizes = [1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000], Seeds = 8, Bound = 0.002 },
        };
    }

    /// <summary>The negative control: the penalty term −βm of dm/dt scaled by <see cref="ControlFactor"/> (kgmm.md §5.2).</summary>
    public const double ControlFactor = 2;

    private readonly TrackingClaim _tracking = new(
        new(Id, KgmmModel.Id, "2206.04030 Thm 2.2 framework; derived ODE", "(m, R) of SGD track the ODE, error ∝ d^{-1/2}", "kgmm.md §5, §6; claims.md §1.1"),
        () => new KgmmBinding(), ["m[*]", "R[*]"], ProfileFor,
        new NegativeControl("penalty-drift-x2", "the penalty term −βm of dm/dt (kgmm.md §5.2) multiplied by 2, as if β were counted twice in the m equation only")
        {
            Resolution = "penalty term × 1.1 or finer with the subspace engine (S = 0.1, the smallest tried, is detected)",
        },
        (values, grid, strength) => KgmmTheory.Trajectory(KgmmParameters.FromValues(values), grid,
            KgmmTheoryOptions.Default with { Perturbation = new KgmmTheoryPerturbation(PenaltyDrift: 1 + strength * (ControlFactor - 1)) }))
    {
        Engines = [EngineNames.Subspace, EngineNames.Full],
        ProfileForEngine = (profile, engine) => engine == EngineNames.Subspace ? SubspaceProfileFor(profile) : ProfileFor(profile),
        Reported = ["Rperp[*]", "loss", "accuracy"],
        FigureGroups = [],
        GoldenTolerances = KgmmClaimKit.GoldenTolerances,
        Notes =
        [
            "Sup-error over every entry of m and R (c ≤ e) at every grid time t ∈ {0, 0.5, …, T}; the O(d^{-1/2}) mismatch of the random initialisation is part of it (kgmm.md §5.4).",
            "By symmetry (uniform p, symmetric start) the theory curves of the diagonal entries coincide, as do those of the off-diagonal entries.",
        ],
    };

    /// <inheritdoc/>
    public ClaimInfo Info => _tracking.Info;

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines => _tracking.Engines;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings => _tracking.Settings;

    /// <inheritdoc/>
    public NegativeControl Control => _tracking.Control;

    /// <inheritdoc/>
    public Catalog.WorkEstimate? Estimate(ClaimContext context) => _tracking.Estimate(context);

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var outcome = _tracking.Evaluate(context);
        var result = outcome.Result;
        var runs = outcome.Runs;
        int largest = runs.Max(r => r.Dimension ?? 0);
        var largestRuns = runs.Where(r => r.Dimension == largest).ToList();
        var theory = outcome.Theory[largest];
        var figures = result.Figures.ToList();
        figures.Add(AtLargest("m-trajectories", $"m[c,a]: ODE vs SGD (d = {largest})", "m[c,a] = x^c·μ_a", theory, largestRuns, "m[*]"));
        figures.Add(AtLargest("R-trajectories", $"R[c,e]: ODE vs SGD (d = {largest})", "R[c,e] = x^c·x^e", theory, largestRuns, "R[*]"));
        figures.Add(AtLargest("loss-accuracy", $"Loss and accuracy (d = {largest}; reported)", "loss, accuracy", theory, largestRuns, "loss", "accuracy"));
        figures.Add(Deviation("m11-deviation-per-d", "m[1,1]", theory, runs));
        figures.Add(Deviation("R11-deviation-per-d", "R[1,1]", theory, runs));
        var settings = (JsonObject)result.Settings.DeepClone();
        settings["sgd"] = KgmmClaimKit.SimulationSettings(context.Engine);
        return result with { Figures = figures, Settings = settings };
    }

    /// <summary>Theory vs seed mean ± 1 SD at the largest d, one colour per entry, one legend entry for the ODE.</summary>
    private static FigureSpec AtLargest(string name, string title, string yLabel, Trajectory theory, IReadOnlyList<Trajectory> runs, params string[] observables)
    {
        var figure = TrajectoryFigure.Build(name, title, theory, runs, observables, yLabel: yLabel);
        bool first = true;
        var series = figure.Series.Select(s =>
        {
            if (s.Kind == SeriesKind.Line && s.Dashed)
            {
                var relabelled = s with { Label = first ? "ODE (dashed)" : null };
                first = false;
                return relabelled;
            }
            return s with { Label = s.Label?.Split(" d = ")[0] };
        }).ToList();
        return figure with { Series = series };
    }

    /// <summary>Seed mean ± 1 SD of (SGD − ODE) for one entry, one band per d: the fluctuation shrinks like d^{-1/2}.</summary>
    private static FigureSpec Deviation(string name, string observable, Trajectory theory, IReadOnlyList<Trajectory> runs)
    {
        string label = observable + " − ODE";
        var zero = theory with { Dimension = null, Seed = null, Observables = [new KeyValuePair<string, double[]>(label, new double[theory.Times.Count])] };
        var reference = theory[observable];
        var differences = runs.Select(r => r with { Observables = [new KeyValuePair<string, double[]>(label, r[observable].Select((v, i) => v - reference[i]).ToArray())] }).ToList();
        var figure = TrajectoryFigure.Build(name, $"{observable}: SGD − ODE per d", zero, differences, [label], yLabel: label);
        int seeds = runs.GroupBy(r => r.Dimension).Min(g => g.Count());
        return figure with
        {
            Series = figure.Series.Where(s => s.Kind != SeriesKind.Line).ToList(),
            Lines = [new MarkerLine(0, "ODE", Vertical: false) { Dashed = false }],
            Caption = $"Deviation of the simulated {observable} from the ODE: seed mean (line) and ± 1 standard deviation over {seeds} seeds (band), one colour per d. "
                      + "The band narrows like d^{-1/2}; a mean away from 0 would be a bias.",
        };
    }
}
