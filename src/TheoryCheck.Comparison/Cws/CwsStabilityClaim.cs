using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Simulation.Cws;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Theory.Cws;
using static TheoryCheck.Comparison.Cws.CwsClaimKit;

namespace TheoryCheck.Comparison.Cws;

/// <summary>
/// <c>cws.stability</c> (claims.md §3.7; cws.md §5, §5.2): least squares, isotropic, ‖μ‖ = 1, d = 500. SGD is stable iff
/// γ tr(K̄)/d &lt; 2; below, the risk settles at the floor R_min/(1 − γ tr(K̄)/(2d)); above, it grows exponentially
/// (the trace form holds because the classes have equal traces, cws.md §5.2). Verdict: for predicted-stable γ the
/// ODE R(T) is within 5% of the floor and the SGD risk stays below twice the floor on [T/2, T]; at γ = 1.6 the SGD mean
/// over [T/2, T] is within 15% of the floor; for predicted-unstable γ, R(T)/R(T/2) ≥ 5 for ODE and SGD.
/// </summary>
public sealed class CwsStabilityClaim : IClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "cws.stability";

    /// <summary>The negative control: the amplification γ tr(K̄)/(2d) of the floor and threshold × this factor.</summary>
    public const double ControlFactor = 1.1;

    private sealed record Setup(double[] Gammas, int Dimension, double End, int Seeds, double[] Sweep);

    private static Setup For(Profile profile)
    {
        double[] sweep = Enumerable.Range(0, 21).Select(i => 1.5 + 0.04 * i).ToArray();
        return profile switch
        {
            Profile.Test => new([1.6, 1.9, 2.1, 2.4], 300, 30, 1, sweep),
            Profile.Quick => new([1.6, 1.9, 2.1, 2.4], 500, 30, 1, sweep),
            _ => new([1.6, 1.8, 1.9, 1.95, 2.05, 2.1, 2.4], 500, 60, 2, sweep),
        };
    }

    private static readonly ClaimSetting<double[]> Gammas = ClaimSettings.List("gammas", "step sizes γ swept", 2, sweeps: "gamma");

    /// <inheritdoc/>
    public ClaimInfo Info { get; } = new(Id, CwsModel.Id, "2308.08977 (abstract); derived", "LS stable iff γ tr(K̄)/d < 2; floor R_{min}/(1 − γ tr(K̄)/(2d))",
        "cws.md §5, §5.2; claims.md §3.7");

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; } = [EngineNames.Full, EngineNames.Subspace];

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [ClaimSettings.End, ClaimSettings.Dimension, ClaimSettings.Seeds, Gammas];

    /// <inheritdoc/>
    public NegativeControl Control { get; } = new("floor-factor-x1.1",
        "the amplification γ tr(K̄)/(2d) in the predicted floor R_{min}/(1 − γ tr(K̄)/(2d)) and threshold (cws.md §5) multiplied by 1.1, as if the noise feedback had a wrong factor");

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var setup = For(context.Profile);
        double end = context.Setting(ClaimSettings.End, setup.End);
        int d = context.Setting(ClaimSettings.Dimension, setup.Dimension);
        int seedCount = context.Setting(ClaimSettings.Seeds, setup.Seeds);
        var gammas = context.Setting(Gammas, setup.Gammas);
        double factor = context.ControlFactor(ControlFactor);
        var grid = TimeGrid.Uniform(end, 0.5);
        var times = grid.Times.ToArray();
        int half = IndexOf(times, end / 2);
        var clock = new PhaseClock();

        var checks = new List<CheckResult>();
        var odeFloor = new List<(string, double)>();
        var sgdBelow = new List<(string, double)>();
        var odeGrowth = new List<(string, double)>();
        var sgdGrowth = new List<(string, double)>();
        var table = new JsonArray();
        var seeds = new List<ulong>();
        var riskSeries = new List<SeriesSpec>();
        var parametersJson = new JsonObject();
        CwsParameters Parameters(double gamma) => context.Apply(new CwsParameters(CwsLoss.Squares, CwsCovariance.Isotropic, gamma: gamma, meanNorm: 1, dimension: d));
        var reference = Parameters(1).CreateMixture();
        double minimum = CwsClosedForms.LeastSquaresMinimum(reference).Risk;
        double traceRatio = reference.AverageVarianceTrace / d;
        double threshold = 2 / (factor * traceRatio);
        double Floor(double gamma) => factor * gamma * traceRatio / 2 < 1 ? minimum / (1 - factor * gamma * traceRatio / 2) : double.PositiveInfinity;
        if (!reference.HasSharedVariances)
            throw new InvalidOperationException("the trace criterion needs equal class traces (cws.md §5.2)");

        for (int k = 0; k < gammas.Length; k++)
        {
            double gamma = gammas[k];
            string label = string.Create(CultureInfo.InvariantCulture, $"gamma={gamma}");
            var p = Parameters(gamma);
            parametersJson[label] = p.WithSeed(null).ToJson();
            context.Report($"{label}: ODE");
            var ode = SolveOde(p, grid, $"{Id} {label}");
            var odeRisk = ode.Series(CwsModel.Risk);
            var exact = CwsClosedForms.Stability(ode.Mixture, gamma);
            clock.LapTheory();
            var caseSeeds = context.ReplicateSeeds(d, seedCount, label);
            seeds.AddRange(caseSeeds);
            var runs = RunAll(context, Problems(p, caseSeeds, grid), $"{Id} {label}");
            clock.LapSimulation();

            bool stable = gamma < threshold;
            double floor = Floor(gamma);
            string where = $"γ = {F(gamma)}";
            var row = new JsonObject
            {
                ["gamma"] = gamma,
                ["predicted_stable"] = stable,
                ["floor"] = Number(floor),
                ["trace_ratio"] = gamma * traceRatio,
                ["exact_spectral_radius"] = exact.SpectralRadius,
                ["exact_stationary_risk"] = Number(CwsClosedForms.StationaryRisk(ode.Mixture, gamma)),
                ["ode_risk_10_20_30"] = Numbers(new[] { 10.0, 20, 30 }.Where(t => t <= end).Select(t => odeRisk[IndexOf(times, t)])),
                ["ode_risk_T"] = odeRisk[^1],
                ["ode_growth"] = odeRisk[^1] / odeRisk[half],
                ["sgd_risk_T"] = Numbers(runs.Select(r => r.Trajectory[CwsModel.Risk][^1])),
            };
            if (stable)
            {
                odeFloor.Add(($"{where}: R_{{ODE}}(T) = {F(odeRisk[^1])}, floor {F(floor)}", Math.Abs(odeRisk[^1] / floor - 1)));
                var windowMax = runs.Max(r => r.Trajectory[CwsModel.Risk].Skip(half).Max());
                sgdBelow.Add(($"{where}: max SGD risk on [T/2, T] {F(windowMax)}, floor {F(floor)}", windowMax / floor));
                double windowMean = runs.Average(r => r.Trajectory[CwsModel.Risk].Skip(half).Average());
                row["sgd_window_max"] = windowMax;
                row["sgd_window_mean"] = windowMean;
                if (Math.Abs(gamma - 1.6) < 1e-12)
                    checks.Add(Checks.WithinRelative($"γ = 1.6: SGD mean risk over [T/2, T] within 15% of the floor", windowMean, floor, 0.15,
                        $"{seedCount} seed{(seedCount == 1 ? "" : "s")}, {times.Length - half} records each"));
            }
            else
            {
                odeGrowth.Add(($"{where}: R_{{ODE}}(T)/R_{{ODE}}(T/2)", odeRisk[^1] / odeRisk[half]));
                foreach (var run in runs)
                    sgdGrowth.Add(($"{where}, seed {unchecked((ulong)run.Problem.Seed)}: R_{{SGD}}(T)/R_{{SGD}}(T/2)", run.Trajectory[CwsModel.Risk][^1] / run.Trajectory[CwsModel.Risk][half]));
                row["sgd_growth"] = Numbers(runs.Select(r => r.Trajectory[CwsModel.Risk][^1] / r.Trajectory[CwsModel.Risk][half]));
            }
            table.Add((JsonNode?)(row));
            riskSeries.Add(new SeriesSpec($"ODE γ = {F(gamma)}", times, odeRisk, SeriesKind.Line) { ColorIndex = k, Dashed = true });
            riskSeries.Add(new SeriesSpec($"SGD γ = {F(gamma)}", times, MeanSeries(runs, CwsModel.Risk), SeriesKind.Line) { ColorIndex = k });
        }
        if (odeFloor.Count > 0)
        {
            checks.Insert(0, Checks.Worst("predicted stable: |R_{ODE}(T)/floor − 1| ≤ 5%", odeFloor, atLeast: false, 0.05));
            checks.Insert(1, Checks.Worst("predicted stable: SGD risk on [T/2, T] below twice the floor (max/floor ≤ 2)", sgdBelow, atLeast: false, 2));
        }
        if (odeGrowth.Count > 0)
        {
            checks.Add(Checks.Worst("predicted unstable: ODE R(T)/R(T/2) ≥ 5", odeGrowth, atLeast: true, 5));
            checks.Add(Checks.Worst("predicted unstable: SGD R(T)/R(T/2) ≥ 5, every seed", sgdGrowth, atLeast: true, 5));
        }

        // Threshold sweep: the exact binned ODE (two bins: isotropic) over a fine γ grid.
        context.Report("threshold sweep");
        var sweepGrid = TimeGrid.FromPoints([0, end / 2, end]);
        var sweepRisk = context.Map(setup.Sweep, gamma =>
        {
            var p = Parameters(gamma);
            var mixture = p.CreateMixture();
            var solution = CwsTheory.SolveBinned(mixture, p.Loss, p.Schedule, CwsBinning.Exact(mixture), sweepGrid);
            return solution.Status.Diverged ? double.NaN : solution.Series(CwsModel.Risk)[^1];
        });
        clock.LapTheory();
        var stableSweep = setup.Sweep.Where(g => g < threshold && double.IsFinite(Floor(g))).ToArray();
        var odeRiskAtT = table.Select(r => r!["ode_risk_T"]!.GetValue<double>()).ToArray();
        var sgdRiskAtT = table.Select(r => r!["sgd_risk_T"]!.AsArray().Average(x => x!.GetValue<double>())).ToArray();
        var figures = new List<FigureSpec>
        {
            new("risk-vs-t", $"{Id}: risk vs t for several γ (d = {d})", "t", "risk", riskSeries)
            {
                LogY = true,
                Caption = $"Least squares, isotropic, ‖μ‖ = 1. Dashed: per-mode ODE; solid: SGD ({seedCount} seed{(seedCount == 1 ? "" : "s")}, mean). Below γ = 2 the risk settles at R_{{min}}/(1 − γ/2); above, it grows exponentially (cws.md §5).",
                Width = FigureWidth.Double,
            },
            new("threshold-sweep", $"{Id}: R(T = {F(end)}) vs γ", "γ", "risk at T", [
                new SeriesSpec("ODE (exact binning)", setup.Sweep, sweepRisk, SeriesKind.Line) { ColorIndex = 0 },
                new SeriesSpec("predicted floor R_{min}/(1 − γ tr K̄/(2d))", stableSweep, stableSweep.Select(Floor).ToArray(), SeriesKind.Line) { ColorIndex = 1, Dashed = true },
                new SeriesSpec("SGD (mean of seeds)", gammas, sgdRiskAtT, SeriesKind.Markers) { ColorIndex = 2 },
                new SeriesSpec("ODE at the claim's γ", gammas, odeRiskAtT, SeriesKind.Markers) { ColorIndex = 0 },
            ])
            {
                LogY = true,
                Lines = [new MarkerLine(threshold, $"threshold γ = 2d/tr K̄ = {F(threshold)}")],
                Caption = $"Risk at T against γ: bounded at the floor below the threshold, exponential growth above (at T the growth is e^(c(γ − 2)T)-like). R_{{min}} = {F(minimum)}, tr K̄/d = {F(traceRatio)}.",
            },
        };
        parametersJson["T"] = end;
        parametersJson["d"] = d;
        parametersJson["seeds"] = seedCount;
        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = checks,
            Parameters = parametersJson,
            Measurements = new JsonObject
            {
                ["R_min"] = minimum,
                ["trace_ratio"] = traceRatio,
                ["threshold"] = threshold,
                ["cases"] = table,
                ["sweep_gamma"] = Numbers(setup.Sweep),
                ["sweep_ode_risk_T"] = Numbers(sweepRisk),
            },
            Settings = new JsonObject
            {
                ["theory"] = "per-mode ODE (cws.md §3), Dormand–Prince 5(4), rtol 1e-9; sweep: the binned ODE with exact bins (cws.md §9)",
                ["floor"] = "R_min/(1 − γ tr(K̄)/(2d)), R_min of the least-squares minimiser at d (cws.md §5); exact for equal class traces (cws.md §5.2)",
                ["sgd"] = SimulationSettings(context.Engine),
            },
            Sizes = [d],
            Seeds = seeds,
            Figures = figures,
            Notes =
            [
                "The classes have equal traces (isotropic), so the trace threshold and floor equal the exact noise-feedback criterion ρ(T) < 1 (cws.md §5.2); both are recorded per γ.",
                "SGD above the threshold grows without overflow within T (a status only on non-finite values).",
            ],
            GoldenTolerances = GoldenTolerances,
            Timings = clock.Timings,
        };
    }
}
