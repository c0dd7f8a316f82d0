using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Comparison.Sweeps;
using TheoryCheck.Comparison.Tracking;
using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Theory.Cws;
using static TheoryCheck.Comparison.Cws.CwsClaimKit;

namespace TheoryCheck.Comparison.Cws;

/// <summary>
/// <c>cws.schedule</c> (claims.md §3.9; cws.md §3.2): least squares, isotropic, ‖μ‖ = 1, power schedule
/// γ(t) = γ₀/(1 + t/t₀)^a with γ₀ = 1.5, t₀ = 1, a = ½. (a) SGD tracks the per-mode ODE with the same γ(t): rate
/// check of the sup-error of the risk over t ≤ 20 against d (−½) and a bound at the largest d. (b) As γ(t) → 0 the ODE
/// risk follows the instantaneous floor F(t) = R_min/(1 − γ(t) tr(K̄)/(2d)) (cws.md §5 with γ(t)) down to R_min:
/// the relative lag L(t) = (R(t) − F(t))/(F(t) − R_min) at the last checkpoint is in [0, 0.01], and its local exponent
/// against t between the two largest checkpoints is within 0.05 of a − 1 (L = O(a/(γ(t)t)); a deterministic sweep,
/// claims.md §0.6).
/// </summary>
public sealed class CwsScheduleClaim : IShardableClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "cws.schedule";

    /// <summary>The negative control: the ODE's SGD-noise term × this factor (tracking and law).</summary>
    public const double ControlFactor = 1.25;

    /// <summary>γ₀, t₀ and a of the power schedule.</summary>
    public const double Gamma0 = 1.5, T0 = 1, Decay = 0.5;

    private static CwsParameters Parameters { get; } =
        new(CwsLoss.Squares, CwsCovariance.Isotropic, gamma: Gamma0, meanNorm: 1, schedule: CwsScheduleKind.Power, t0: T0, decay: Decay);

    /// <summary>The tracking part's numbers (claims.md §3.9).</summary>
    public static TrackingProfile ProfileFor(Profile profile)
    {
        var parameters = Parameters.ToValues();
        return profile switch
        {
            Profile.Test => new TrackingProfile { Parameters = parameters, Grid = CwsTrackingClaims.TestGrid, Sizes = CwsTrackingClaims.TestSizes, Seeds = 8, Bound = 0.03 },
            Profile.Quick => new TrackingProfile { Parameters = parameters, Grid = CwsTrackingClaims.Grid, Sizes = [125, 250, 500, 1000, 2000], Seeds = 8, Bound = 0.02 },
            _ => new TrackingProfile { Parameters = parameters, Grid = CwsTrackingClaims.Grid, Sizes = [250, 500, 1000, 2000, 4000, 8000], Seeds = 8, Bound = 0.01 },
        };
    }

    /// <summary>The checkpoints of the law (ODE at the largest d).</summary>
    public static double[] Checkpoints(Profile profile) => profile == Profile.Full ? [10, 100, 1000, 10000, 100000] : [10, 100, 1000, 10000];

    private readonly TrackingClaim _tracking = CwsTrackingClaims.Create(
        new(Id, CwsModel.Id, "2510.14074 (abstract: learning-rate dependence); derived", "decaying γ(t): SGD tracks the ODE; risk follows the floor down to R_{min}",
            "cws.md §3.2, §5; claims.md §3.9"),
        ProfileFor, ControlFactor,
        [
            "SGD step ℓ uses γ((ℓ − 1)/d)/d, the ODE γ(t) (cws.md §3.2); tracking over t ≤ T = 20 (test 10), where γ falls from 1.5 to 0.33 (0.45).",
            "The law is checked on the ODE at the largest simulated d to t = 10⁴ (full 10⁵): there γ(t) = 0.015 (0.0047) and SGD would need 10⁷ steps per run.",
        ], engines: [EngineNames.Full, EngineNames.Subspace]);

    /// <inheritdoc/>
    public ClaimInfo Info => _tracking.Info;

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines => _tracking.Engines;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings => _tracking.Settings;

    /// <inheritdoc/>
    public NegativeControl Control => _tracking.Control;

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var outcome = _tracking.Evaluate(context);
        var result = outcome.Result;
        var clock = new PhaseClock();
        int d = outcome.Theory.Keys.Max();
        var parameters = CwsParameters.FromValues(context.Apply(ProfileFor(context.Profile).Parameters)).WithDimension(d);
        var schedule = parameters.Schedule;
        var checkpoints = Checkpoints(context.Profile);
        // t = 0 and four points per decade from 1 to the last checkpoint (the checkpoints are powers of ten, exactly on it).
        int quarters = (int)Math.Round(4 * Math.Log10(checkpoints[^1]));
        var points = new List<double> { 0 };
        for (int k = 0; k <= quarters; k++) points.Add(k % 4 == 0 ? Math.Round(Math.Pow(10, k / 4)) : Math.Pow(10, k / 4.0));
        var grid = TimeGrid.FromPoints(points);
        context.Report($"law: ODE at d = {d} to t = {checkpoints[^1]:G}");
        var options = Options(new CwsTheoryPerturbation(Noise: context.ControlFactor(ControlFactor)));
        var solution = SolveOde(parameters, grid, $"{Id} law", options);
        var mixture = solution.Mixture;
        double minimum = CwsClosedForms.LeastSquaresMinimum(mixture).Risk;
        double traceRatio = mixture.AverageVarianceTrace / d;
        double Floor(double t) => minimum / (1 - schedule.Rate(t) * traceRatio / 2);
        var risk = solution.Series(CwsModel.Risk);
        var times = solution.Times;
        var lag = times.Select((t, i) => t > 0 ? (risk[i] - Floor(t)) / (Floor(t) - minimum) : double.NaN).ToArray();
        var lagAt = checkpoints.Select(t => lag[IndexOf(times, t)]).ToArray();
        clock.LapTheory();

        var sweep = ErrorSweep.Of(checkpoints, lagAt.Select(l => new[] { Math.Abs(l) }).ToArray(), "t");
        double last = lagAt[^1];
        var checks = result.Checks.ToList();
        checks.Add(Checks.InRange($"relative lag L(T) = (R − F)/(F − R_{{min}}) at t = {F(checkpoints[^1])}", last, 0, 0.01,
            $"R = {F(risk[IndexOf(times, checkpoints[^1])])}, F = {F(Floor(checkpoints[^1]))}, R_{{min}} = {F(minimum)}, γ(T) = {F(schedule.Rate(checkpoints[^1]))}"));
        checks.Add(sweep.LocalRateCheck(Decay - 1, 0.05, "local exponent of L(t) vs t at the two largest checkpoints (a − 1)"));

        var curve = times.Select((t, i) => (t, i)).Where(p => p.t > 0).ToArray();
        var figures = result.Figures.ToList();
        figures.Add(new FigureSpec("law-risk-vs-floor", $"{Id}: ODE risk vs floor F(t) (d = {d})", "t", "risk",
        [
            new SeriesSpec("ODE R(t)", curve.Select(p => p.t).ToArray(), curve.Select(p => risk[p.i]).ToArray(), SeriesKind.Line) { ColorIndex = 0 },
            new SeriesSpec("floor F(t) = R_{min}/(1 − γ(t)tr K̄/(2d))", curve.Select(p => p.t).ToArray(), curve.Select(p => Floor(p.t)).ToArray(), SeriesKind.Line) { ColorIndex = 1, Dashed = true },
        ])
        {
            LogX = true,
            Lines = [new MarkerLine(minimum, $"R_{{min}} = {F(minimum)}", Vertical: false)],
            Caption = $"Power schedule γ(t) = {F(Gamma0)}/(1 + t/{F(T0)})^{F(Decay)} (cws.md §3.2). The ODE risk follows the floor of cws.md §5 evaluated at γ(t) and tends to R_{{min}} as γ(t) → 0.",
        });
        var lagCurve = curve.Where(p => p.t >= 1 && lag[p.i] > 0).ToArray();
        var lagFigure = sweep.Figure("law-lag", $"{Id}: lag L(t) behind the floor", "L(t) = (R − F)/(F − R_{min})", referenceExponent: Decay - 1);
        lagFigure = lagFigure with
        {
            Series = lagFigure.Series.Select(s => s.Kind == SeriesKind.ErrorBars ? s with { Label = "ODE at the checkpoints", Kind = SeriesKind.Markers } : s)
                .Append(new SeriesSpec("ODE", lagCurve.Select(p => p.t).ToArray(), lagCurve.Select(p => lag[p.i]).ToArray(), SeriesKind.Line) { ColorIndex = 2 }).ToList(),
            Caption = $"L(t) = O(a/(γ(t)t)) ∝ t^(a−1) = t^{F(Decay - 1)} (dashed). The verdict judges the local exponent between the two largest checkpoints (a deterministic sweep, claims.md §0.6).",
        };
        figures.Add(lagFigure);

        var measurements = (JsonObject)result.Measurements.DeepClone();
        measurements["law"] = new JsonObject
        {
            ["d"] = d,
            ["R_min"] = minimum,
            ["trace_ratio"] = traceRatio,
            ["checkpoints"] = Numbers(checkpoints),
            ["gamma_t"] = Numbers(checkpoints.Select(schedule.Rate)),
            ["risk"] = Numbers(checkpoints.Select(t => risk[IndexOf(times, t)])),
            ["floor"] = Numbers(checkpoints.Select(Floor)),
            ["lag"] = Numbers(lagAt),
            ["lag_sweep"] = sweep.ToJson(),
        };
        var settings = (JsonObject)result.Settings.DeepClone();
        settings["law_theory"] = solution.Diagnostics();
        settings["sgd"] = SimulationSettings(context.Engine);
        var timings = new Dictionary<string, double>(result.Timings);
        foreach (var (key, seconds) in clock.Timings) timings["law_" + key] = seconds;
        return result with { Checks = checks, Figures = figures, Measurements = measurements, Settings = settings, Timings = timings };
    }
}
