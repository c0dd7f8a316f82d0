using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Statistics;
using TheoryCheck.Simulation.Kgmm;
using TheoryCheck.Theory.Kgmm;
using static TheoryCheck.Comparison.Kgmm.KgmmClaimKit;
using TheoryCheck.Comparison.Catalog;

namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// <c>kgmm.corrector</c> (claims.md §1.2): SGD's perpendicular mass R̄⊥(T) = (1/k)Σ_c Rperp[c,c](T) follows the ODE
/// with the (c_δ/λ)Ḡ corrector (value W), not the ODE without it (W₀); the stationary R̄⊥/c_δ (ODE to t = 60) is
/// nearly constant in c_δ. Verdict for every c_δ: |sim − W| ≤ 0.01 + 3·SE and |sim − W₀| ≥ 5·|sim − W|; and the
/// spread (max − min)/min of the stationary R̄⊥/c_δ over the c_δ values is below 15%.
/// </summary>
public sealed class KgmmCorrectorClaim : IClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "kgmm.corrector";

    /// <summary>Time of the "stationary" value (claims.md §1.2: ODE to t = 60).</summary>
    public const double StationaryTime = 60;

    /// <inheritdoc/>
    public ClaimInfo Info { get; } = new(Id, KgmmModel.Id, "derived", "R⊥ needs the (c_δ/λ)Ḡ corrector",
        "kgmm.md §5.2, §5.5, §8.3; claims.md §1.2");

    /// <summary>The negative control: the corrector (c_δ/λ)Ḡ of dR/dt scaled by this factor (kgmm.md §5.2).</summary>
    public const double ControlFactor = 0.8;

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines => KgmmEngines.All.Names;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [ClaimSettings.End, ClaimSettings.Dimension, ClaimSettings.Seeds, CDeltas];

    /// <inheritdoc/>
    public NegativeControl Control { get; } = new("corrector-x0.8",
        "the corrector (c_δ/λ)Ḡ of dR/dt (kgmm.md §5.2) multiplied by 0.8, as if its constant were mis-derived")
        { Resolution = "corrector × 0.9 (S = 0.5 is detected, S = 0.25 is not)" };

    private sealed record Setup(KgmmParameters Parameters, double[] CDeltas, int Dimension, int Seeds, double End);

    private static Setup For(Profile profile)
    {
        var parameters = new KgmmParameters(3, 3, 0.1, 1);
        return profile switch
        {
            Profile.Test => new(parameters, [0.5, 1, 2], 600, 3, 8),
            Profile.Quick => new(parameters, [0.5, 1, 2], 2000, 4, 8),
            _ => new(parameters, [0.25, 0.5, 1, 2], 8000, 4, 8),
        };
    }

    /// <inheritdoc/>
    /// <remarks>Per c_δ: two solves to T, one to the stationary time, the stationary point (a solve to max(60, 40/β) and
    /// Newton steps of 2n + 1 right-hand sides each), and the seeds' SGD runs.</remarks>
    public WorkEstimate? Estimate(ClaimContext context)
    {
        var setup = For(context.Profile);
        var baseParameters = context.Apply(setup.Parameters);
        double end = context.Setting(ClaimSettings.End, setup.End);
        int d = baseParameters.ValidateDimension(context.Setting(ClaimSettings.Dimension, setup.Dimension));
        int seedCount = context.Setting(ClaimSettings.Seeds, setup.Seeds);
        var cdeltas = context.Setting(CDeltas, setup.CDeltas);
        int points = TimeGrid.Uniform(end, 0.5).Times.Count;
        int k = baseParameters.K, n = KgmmStatistics.PackedLength(k);
        var total = WorkEstimate.None;
        foreach (double cdelta in cdeltas)
        {
            var p = new KgmmParameters(k, baseParameters.Lambda, baseParameters.Beta, cdelta, baseParameters.P);
            var newton = new WorkEstimate(20 * (2.0 * n + 2) * KgmmWork.RhsUnits(k, KgmmWork.RuleNodes(p)) + 20.0 * n * n * n, 8.0 * n * n);
            total = total.Then(KgmmWork.Ode(p, points, end).Times(2)).Then(KgmmWork.Ode(p, 2, StationaryTime))
                .Then(KgmmWork.Ode(p, 2, Math.Max(60, 40 / p.Beta))).Then(newton)
                .Then(KgmmWork.Sgd(p, d, end, points).Times(seedCount, context.Threads));
        }
        return total;
    }

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var setup = For(context.Profile);
        var baseParameters = context.Apply(setup.Parameters);
        double end = context.Setting(ClaimSettings.End, setup.End);
        int d = baseParameters.ValidateDimension(context.Setting(ClaimSettings.Dimension, setup.Dimension));
        int seedCount = context.Setting(ClaimSettings.Seeds, setup.Seeds);
        var cdeltas = context.Setting(CDeltas, setup.CDeltas);
        var options = context.NegativeControl ? KgmmTheoryOptions.Default with { Perturbation = new KgmmTheoryPerturbation(Corrector: context.ControlFactor(ControlFactor)) } : KgmmTheoryOptions.Default;
        var grid = TimeGrid.Uniform(end, 0.5);
        int k = baseParameters.K;

        var clock = new PhaseClock();
        var cases = new List<(double CDelta, KgmmParameters P, KgmmOdeSolution With, KgmmOdeSolution Without, KgmmOdeSolution Long, KgmmStationaryState Stationary)>();
        foreach (double cdelta in cdeltas)
        {
            var p = new KgmmParameters(k, baseParameters.Lambda, baseParameters.Beta, cdelta, baseParameters.P);
            context.Report($"theory, cdelta = {F(cdelta)}");
            string what = $"kgmm ODE ({p})";
            var with = SolveOde(p, grid, what, options, context);
            var without = SolveOde(p, grid, what, options with { Corrector = false }, context);
            var longRun = SolveOde(p, TimeGrid.FromPoints([0, StationaryTime]), what, options, context);
            cases.Add((cdelta, p, with, without, longRun, KgmmTheory.Stationary(p, options)));
        }
        clock.LapTheory();

        var problems = new List<KgmmSimulationProblem>();
        var seeds = new List<ulong>();
        foreach (var c in cases)
        {
            var caseSeeds = context.ReplicateSeeds(d, seedCount, string.Create(CultureInfo.InvariantCulture, $"cdelta={c.CDelta:R}"));
            seeds.AddRange(caseSeeds);
            problems.AddRange(Problems(c.P, d, caseSeeds, grid));
        }
        var runs = RunAll(context, problems, Id);
        clock.LapSimulation();

        var checks = new List<CheckResult>();
        var table = new JsonArray();
        var stationaryRatios = new List<double>();
        var trajectoryFigure = new List<SeriesSpec>();
        var times = grid.Times.ToArray();
        var summaryW = new List<double>();
        var summaryW0 = new List<double>();
        var summarySim = new List<double>();
        var summarySe = new List<double>();
        for (int i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var caseRuns = runs.Skip(i * seedCount).Take(seedCount).ToArray();
            double w = PerpMean(c.With.FinalState), w0 = PerpMean(c.Without.FinalState);
            var perRun = caseRuns.Select(r => PerpMean(r.Statistics[^1])).ToArray();
            var summary = EnsembleSummary.Of(perRun);
            double sim = summary.Mean, se = double.IsFinite(summary.StandardError) ? summary.StandardError : 0;
            double gap = Math.Abs(sim - w), gap0 = Math.Abs(sim - w0);
            string label = $"cdelta = {F(c.CDelta)}";
            checks.Add(Checks.AtMost($"{label}: |sim − W| ≤ 0.01 + 3·SE", gap, 0.01 + 3 * se,
                $"sim = {F(sim)} ± {F(se)} (SE over {seedCount} seeds), W = {F(w)}"));
            checks.Add(Checks.AtLeast($"{label}: |sim − W₀| ≥ 5·|sim − W|", gap0, 5 * gap, $"W₀ = {F(w0)} (no corrector)"));
            double longPerp = PerpMean(c.Long.FinalState);
            stationaryRatios.Add(longPerp / c.CDelta);
            table.Add((JsonNode)new JsonObject
            {
                ["cdelta"] = c.CDelta,
                ["W"] = w,
                ["W0"] = w0,
                ["sim_mean"] = sim,
                ["sim_se"] = Number(summary.StandardError),
                ["sim_runs"] = Numbers(perRun),
                ["m11_ode"] = c.With.FinalState.MAt(0, 0),
                ["stationary_Rperp_t60"] = longPerp,
                ["stationary_Rperp_t60_over_cdelta"] = longPerp / c.CDelta,
                ["stationary_Rperp_limit"] = PerpMean(c.Stationary.Statistics),
                ["stationary_newton_residual"] = c.Stationary.Residual,
            });
            summaryW.Add(w); summaryW0.Add(w0); summarySim.Add(sim); summarySe.Add(se);

            var mean = new double[times.Length];
            var lower = new double[times.Length];
            var upper = new double[times.Length];
            for (int j = 0; j < times.Length; j++)
            {
                var column = EnsembleSummary.Of(caseRuns.Select(r => PerpMean(r.Statistics[j])).ToArray());
                double sd = double.IsFinite(column.StandardDeviation) ? column.StandardDeviation : 0;
                (mean[j], lower[j], upper[j]) = (column.Mean, column.Mean - sd, column.Mean + sd);
            }
            trajectoryFigure.Insert(i, new SeriesSpec($"SGD, c_δ = {F(c.CDelta)}", times, mean, SeriesKind.Band) { Lower = lower, Upper = upper, ColorIndex = i });
            trajectoryFigure.Add(new SeriesSpec(i == 0 ? "ODE with corrector (dashed)" : null, times, c.With.States.Select(PerpMean).ToArray(), SeriesKind.Line) { ColorIndex = i, Dashed = true });
            if (i == 0)
                trajectoryFigure.Add(new SeriesSpec("ODE without corrector (every c_δ)", times, c.Without.States.Select(PerpMean).ToArray(), SeriesKind.Line) { ColorIndex = 6 });
        }
        double spread = (stationaryRatios.Max() - stationaryRatios.Min()) / stationaryRatios.Min();
        checks.Add(Checks.That("stationary R̄⊥/c_δ (ODE, t = 60) varies by less than 15% across c_δ", spread < 0.15, "< 0.15", spread,
            "(max − min)/min of " + string.Join(", ", stationaryRatios.Select(r => F(r)))));
        clock.LapSimulation();

        var figures = new List<FigureSpec>
        {
            new("rperp-trajectories", "Perpendicular mass R̄⊥(t): ODE with / without corrector vs SGD", "t", "R̄⊥ = (1/k) Σ_c Rperp[c,c]", trajectoryFigure)
            {
                Caption = $"Dashed: ODE with the (c_δ/λ)Ḡ corrector; solid black: ODE without it (the same for every c_δ); line and band: SGD mean ± 1 SD over {seedCount} seeds at d = {d}. Colour = c_δ. k = {k}, λ = {F(baseParameters.Lambda)}, β = {F(baseParameters.Beta)}.",
                Width = FigureWidth.Double,
            },
            new("rperp-vs-cdelta", $"R̄⊥(T = {F(end)}) vs c_δ", "c_δ", "R̄⊥(T)",
            [
                new SeriesSpec("W: ODE with corrector", cdeltas, summaryW.ToArray(), SeriesKind.LineMarkers) { ColorIndex = 0 },
                new SeriesSpec("W₀: ODE without corrector", cdeltas, summaryW0.ToArray(), SeriesKind.LineMarkers) { ColorIndex = 1 },
                new SeriesSpec($"SGD mean ± 3 SE (d = {d})", cdeltas, summarySim.ToArray(), SeriesKind.ErrorBars)
                {
                    Lower = summarySim.Select((m, j) => m - 3 * summarySe[j]).ToArray(),
                    Upper = summarySim.Select((m, j) => m + 3 * summarySe[j]).ToArray(),
                    ColorIndex = 2,
                },
            ])
            {
                LogX = true,
                Caption = $"R̄⊥(T) = (1/k)Σ_c Rperp[c,c](T). The SGD mean follows W (with corrector), not W₀. {seedCount} seeds at d = {d}.",
            },
        };

        var parameters = baseParameters.ToJson();
        parameters.Remove("cdelta");
        parameters["cdeltas"] = Numbers(cdeltas);
        parameters["T"] = end;
        parameters["grid_step"] = 0.5;
        parameters["d"] = d;
        parameters["seeds"] = seedCount;
        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = checks,
            Parameters = parameters,
            Measurements = new JsonObject
            {
                ["cases"] = table,
                ["stationary_ratio_spread"] = spread,
            },
            Settings = new JsonObject
            {
                ["theory"] = TheorySettings(cases[0].With),
                ["theory_without_corrector"] = TheorySettings(cases[0].Without),
                ["stationary"] = $"ODE with corrector to t = {StationaryTime} (claims.md §1.2); the Newton-polished t → ∞ point (KgmmTheory.Stationary) is reported beside it",
                ["sgd"] = SimulationSettings(context.Engine),
            },
            Sizes = [d],
            Seeds = seeds,
            Figures = figures,
            Notes =
            [
                "R̄⊥(T) = (1/k) Σ_c Rperp[c,c](T); SE = standard error over seeds.",
                "W₀ does not depend on c_δ: without the corrector c_δ enters the ODE nowhere (time is already t = ℓδ).",
            ],
            GoldenTolerances = KgmmClaimKit.GoldenTolerances,
            Timings = clock.Timings,
        };
    }

    private static double PerpMean(KgmmStatistics s)
    {
        double sum = 0;
        for (int c = 0; c < s.K; c++) sum += s.RperpAt(c, c);
        return sum / s.K;
    }
}
