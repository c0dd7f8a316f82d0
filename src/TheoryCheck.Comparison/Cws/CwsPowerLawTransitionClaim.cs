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
/// <c>cws.power-law-transition</c> (claims.md §3.5; cws.md §8.1): logistic, power law α = (1.1, 1.5), γ = 1. On the
/// separable side of α_min ≥ 1 + 2β_μ the risk decays like a stable power of t; on the non-separable side the local
/// decay exponent tends to 0. Local slope s(t) = log(R(t)/R(t/2))/log 2 at t = T/2 and T. Verdict: separable cases
/// s(T) ≤ −0.3 and |s(T) − s(T/2)| ≤ 0.05; non-separable cases s(T) ≥ −0.2 and s(T) &gt; s(T/2) (ODE at d_ODE, T);
/// SGD slopes (seed mean) within 0.05 of the ODE slopes at the SGD's own d and T. Also a phase diagram in
/// (β_μ, α) from ODE runs with equal class exponents, against the predicted boundary α = 1 + 2β_μ.
/// </summary>
public sealed class CwsPowerLawTransitionClaim : IClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "cws.power-law-transition";

    /// <summary>The negative control: the ODE's local slopes × this factor.</summary>
    public const double ControlFactor = 1.1;

    private const double Alpha1 = 1.1, Alpha2 = 1.5;

    private sealed record Setup(double[] Betas, int OdeDimension, double OdeEnd, int SgdDimension, double SgdEnd, int Seeds,
        double[] PhaseBetas, double[] PhaseAlphas, int PhaseDimension, double PhaseEnd);

    private static Setup For(Profile profile) => profile switch
    {
        Profile.Test => new([-0.25, 0.5], 500, 400, 500, 200, 1, [-0.25, 0.25, 0.5], [0.6, 1.4, 2.2], 300, 200),
        Profile.Quick => new([-0.25, 0.5], 1000, 400, 500, 400, 1, [-0.25, 0, 0.25, 0.5], [0.6, 1.2, 1.8, 2.4], 500, 400),
        _ => new([-0.25, 0, 0.25, 0.5], 2000, 3200, 1000, 800, 2, [-0.25, 0, 0.25, 0.5], [0.6, 1.2, 1.8, 2.4], 1000, 800),
    };

    /// <inheritdoc/>
    public ClaimInfo Info { get; } = new(Id, CwsModel.Id, "2510.14074 (abstract); derived criterion", "α_min ≥ 1 + 2β_μ ⇔ risk → 0 as a power",
        "cws.md §8.1; claims.md §3.5");

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; } = [EngineNames.Full];

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [ClaimSettings.Seeds];

    /// <inheritdoc/>
    public NegativeControl Control { get; } = new("slope-x1.1",
        "the ODE's local slopes s(t) = log(R(t)/R(t/2))/log 2 (cws.md §8.1) multiplied by 1.1, as if the decay exponent of the prediction were 10% off");

    private sealed record Slopes(double Half, double End, double[] Risk);

    private static Slopes SlopesOf(IReadOnlyList<double> times, IReadOnlyList<double> risk, double end, double factor)
    {
        double At(double t) => risk[IndexOf(times, t)];
        double s1 = CwsClosedForms.LocalSlope(end / 4, At(end / 4), end / 2, At(end / 2)) * factor;
        double s2 = CwsClosedForms.LocalSlope(end / 2, At(end / 2), end, At(end)) * factor;
        return new Slopes(s1, s2, [At(end / 4), At(end / 2), At(end)]);
    }

    private static CwsParameters At(double beta, double alpha1, double alpha2, int d) =>
        new(CwsLoss.Logistic, CwsCovariance.PowerLaw, gamma: 1, alpha1: alpha1, alpha2: alpha2, meanExponent: beta, dimension: d);

    /// <summary>"separable", "non-separable" or "undecided at this T" by the verdict's slope rules.</summary>
    private static string Phase(Slopes s) =>
        s.End <= -0.3 && Math.Abs(s.End - s.Half) <= 0.05 ? "separable"
        : s.End >= -0.2 && s.End > s.Half ? "non-separable"
        : "undecided";

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var setup = For(context.Profile);
        int seedCount = context.Setting(ClaimSettings.Seeds, setup.Seeds);
        double factor = context.ControlFactor(ControlFactor);
        var odeGrid = TimeGrid.Uniform(setup.OdeEnd, setup.OdeEnd / 64);
        var sgdGrid = TimeGrid.Uniform(setup.SgdEnd, setup.SgdEnd / 64);
        var clock = new PhaseClock();

        var checks = new List<CheckResult>();
        var sgdParts = new List<(string, double)>();
        var table = new JsonArray();
        var seeds = new List<ulong>();
        var riskSeries = new List<SeriesSpec>();
        var parametersJson = new JsonObject();
        for (int k = 0; k < setup.Betas.Length; k++)
        {
            double beta = setup.Betas[k];
            string label = string.Create(CultureInfo.InvariantCulture, $"mean_exponent={beta}");
            var p = context.Apply(At(beta, Alpha1, Alpha2, setup.OdeDimension));
            double alphaMin = p.ClassAlphas.ToArray().Min();
            bool separable = CwsClosedForms.IsSeparable(alphaMin, p.MeanExponent);
            parametersJson[label] = p.WithSeed(null).ToJson();
            context.Report($"{label}: ODE at d = {setup.OdeDimension} and d = {setup.SgdDimension}");
            var ode = SolveOde(p, odeGrid, $"{Id} {label}");
            var odeSlopes = SlopesOf(ode.Times, ode.Series(CwsModel.Risk), setup.OdeEnd, factor);
            var sgdParameters = p.WithDimension(setup.SgdDimension);
            var odeAtSgd = SolveOde(sgdParameters, sgdGrid, $"{Id} {label} at the SGD's d");
            var odeAtSgdSlopes = SlopesOf(odeAtSgd.Times, odeAtSgd.Series(CwsModel.Risk), setup.SgdEnd, factor);
            clock.LapTheory();
            var caseSeeds = context.ReplicateSeeds(setup.SgdDimension, seedCount, label);
            seeds.AddRange(caseSeeds);
            var runs = RunAll(context, Problems(sgdParameters, caseSeeds, sgdGrid), $"{Id} {label}");
            clock.LapSimulation();
            var runSlopes = runs.Select(r => SlopesOf(r.Trajectory.Times, r.Trajectory[CwsModel.Risk], setup.SgdEnd, 1)).ToArray();
            double sgdHalf = runSlopes.Average(s => s.Half), sgdEnd = runSlopes.Average(s => s.End);

            string where = $"β_μ = {F(beta)} (α_min = {F(alphaMin)}, {(separable ? "separable" : "non-separable")}), d = {setup.OdeDimension}";
            if (separable)
            {
                checks.Add(Checks.AtMost($"{where}: s(T = {F(setup.OdeEnd)})", odeSlopes.End, -0.3));
                checks.Add(Checks.AtMost($"{where}: |s(T) − s(T/2)|", Math.Abs(odeSlopes.End - odeSlopes.Half), 0.05, $"s(T/2) = {F(odeSlopes.Half)}"));
            }
            else
            {
                checks.Add(Checks.AtLeast($"{where}: s(T = {F(setup.OdeEnd)})", odeSlopes.End, -0.2));
                checks.Add(Checks.That($"{where}: s(T) > s(T/2)", odeSlopes.End > odeSlopes.Half, "rising", odeSlopes.End - odeSlopes.Half,
                    $"s(T/2) = {F(odeSlopes.Half)}, s(T) = {F(odeSlopes.End)}"));
            }
            sgdParts.Add(($"β_μ = {F(beta)}, s(T/2): SGD {F(sgdHalf)}, ODE {F(odeAtSgdSlopes.Half)}", Math.Abs(sgdHalf - odeAtSgdSlopes.Half)));
            sgdParts.Add(($"β_μ = {F(beta)}, s(T): SGD {F(sgdEnd)}, ODE {F(odeAtSgdSlopes.End)}", Math.Abs(sgdEnd - odeAtSgdSlopes.End)));
            table.Add((JsonNode)new JsonObject
            {
                ["mean_exponent"] = beta,
                ["alpha_min"] = alphaMin,
                ["separable"] = separable,
                ["separability_margin"] = CwsClosedForms.SeparabilityMargin(alphaMin, beta),
                ["ode"] = new JsonObject
                {
                    ["d"] = setup.OdeDimension, ["T"] = setup.OdeEnd, ["risk_T4_T2_T"] = Numbers(odeSlopes.Risk),
                    ["slope_T2"] = odeSlopes.Half, ["slope_T"] = odeSlopes.End,
                },
                ["ode_at_sgd"] = new JsonObject
                {
                    ["d"] = setup.SgdDimension, ["T"] = setup.SgdEnd, ["risk_T4_T2_T"] = Numbers(odeAtSgdSlopes.Risk),
                    ["slope_T2"] = odeAtSgdSlopes.Half, ["slope_T"] = odeAtSgdSlopes.End,
                },
                ["sgd"] = new JsonObject
                {
                    ["d"] = setup.SgdDimension, ["T"] = setup.SgdEnd, ["seeds"] = seedCount,
                    ["slope_T2"] = sgdHalf, ["slope_T"] = sgdEnd,
                    ["slope_T_runs"] = Numbers(runSlopes.Select(s => s.End)),
                },
            });
            var odeTimes = ode.Times.Where(t => t > 0).ToArray();
            var odeRisk = ode.Series(CwsModel.Risk).Skip(1).ToArray();
            riskSeries.Add(new SeriesSpec($"ODE β_μ = {F(beta)} (d = {setup.OdeDimension})", odeTimes, odeRisk, SeriesKind.Line) { ColorIndex = k, Dashed = true });
            var sgdTimes = sgdGrid.Times.Skip(1).ToArray();
            var mean = MeanSeries(runs, CwsModel.Risk).Skip(1).ToArray();
            riskSeries.Add(new SeriesSpec($"SGD β_μ = {F(beta)} (d = {setup.SgdDimension})", sgdTimes, mean, SeriesKind.Line) { ColorIndex = k });
        }
        checks.Add(Checks.Worst("|s_{SGD} − s_{ODE}| ≤ 0.05 at T/2 and T (ODE at the SGD's d and T)", sgdParts, atLeast: false, 0.05));

        // Phase diagram (ODE, equal class exponents α₁ = α₂ = α): classified by the verdict's slope rules.
        context.Report("phase diagram");
        var phaseGrid = TimeGrid.Uniform(setup.PhaseEnd, setup.PhaseEnd / 4);
        var phases = new JsonArray();
        var byPhase = new Dictionary<string, List<(double Beta, double Alpha)>> { ["separable"] = [], ["non-separable"] = [], ["undecided"] = [] };
        var jobs = setup.PhaseBetas.SelectMany(b => setup.PhaseAlphas.Select(a => (Beta: b, Alpha: a))).ToList();
        var phaseSlopes = context.Map(jobs, job =>
        {
            var solution = SolveOde(At(job.Beta, job.Alpha, job.Alpha, setup.PhaseDimension), phaseGrid, $"{Id} phase diagram");
            return SlopesOf(solution.Times, solution.Series(CwsModel.Risk), setup.PhaseEnd, factor);
        });
        int agree = 0;
        for (int j = 0; j < jobs.Count; j++)
        {
            var (beta, alpha) = jobs[j];
            string phase = Phase(phaseSlopes[j]);
            bool predicted = CwsClosedForms.IsSeparable(alpha, beta);
            if (phase != "undecided" && (phase == "separable") == predicted) agree++;
            byPhase[phase].Add((beta, alpha));
            phases.Add((JsonNode)new JsonObject
            {
                ["mean_exponent"] = beta, ["alpha"] = alpha, ["predicted_separable"] = predicted,
                ["slope_T2"] = phaseSlopes[j].Half, ["slope_T"] = phaseSlopes[j].End, ["phase"] = phase,
            });
        }
        clock.LapTheory();

        var boundaryBeta = new[] { setup.PhaseBetas.Min() - 0.1, setup.PhaseBetas.Max() + 0.1 };
        var phaseSeries = new List<SeriesSpec>
        {
            new("predicted boundary α = 1 + 2β_μ", boundaryBeta, boundaryBeta.Select(b => 1 + 2 * b).ToArray(), SeriesKind.Line) { Dashed = true },
        };
        int colour = 0;
        foreach (var (phase, points) in byPhase)
        {
            if (points.Count > 0)
                phaseSeries.Add(new SeriesSpec(phase == "undecided" ? $"undecided at T = {F(setup.PhaseEnd)}" : $"{phase} (ODE slopes)",
                    points.Select(q => q.Beta).ToArray(), points.Select(q => q.Alpha).ToArray(), SeriesKind.Markers) { ColorIndex = colour });
            colour++;
        }
        phaseSeries.Add(new SeriesSpec($"claim cases (α₁, α₂) = ({F(Alpha1)}, {F(Alpha2)}): α_min", setup.Betas, setup.Betas.Select(_ => Math.Min(Alpha1, Alpha2)).ToArray(), SeriesKind.Markers) { ColorIndex = 4 });
        var figures = new List<FigureSpec>
        {
            new("risk-vs-t", $"{Id}: risk vs t", "t", "risk", riskSeries)
            {
                LogX = true,
                LogY = true,
                Caption = $"Power law α = ({F(Alpha1)}, {F(Alpha2)}), γ = 1. Dashed: per-mode ODE at d = {setup.OdeDimension}; solid: SGD seed mean at d = {setup.SgdDimension}. Separable cases fall as a power of t, non-separable ones flatten (cws.md §8.1).",
                Width = FigureWidth.Double,
            },
            new("phase-diagram", $"{Id}: phase diagram in (β_μ, α)", "mean exponent β_μ", "α (= α_min)", phaseSeries)
            {
                Caption = $"ODE at d = {setup.PhaseDimension}, equal class exponents α, classified by the verdict's rules on s(T/2), s(T) at T = {F(setup.PhaseEnd)} "
                          + $"(separable: s(T) ≤ −0.3 and stable within 0.05; non-separable: s(T) ≥ −0.2 and rising). Dashed: the predicted boundary (cws.md §8.1); {agree} of {jobs.Count} points decided on the predicted side.",
            },
        };

        parametersJson["ode"] = new JsonObject { ["d"] = setup.OdeDimension, ["T"] = setup.OdeEnd };
        parametersJson["sgd"] = new JsonObject { ["d"] = setup.SgdDimension, ["T"] = setup.SgdEnd, ["seeds"] = seedCount };
        parametersJson["phase_diagram"] = new JsonObject { ["d"] = setup.PhaseDimension, ["T"] = setup.PhaseEnd, ["betas"] = Numbers(setup.PhaseBetas), ["alphas"] = Numbers(setup.PhaseAlphas) };
        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = checks,
            Parameters = parametersJson,
            Measurements = new JsonObject { ["cases"] = table, ["phase_diagram"] = phases, ["phase_diagram_agree"] = agree },
            Settings = new JsonObject
            {
                ["theory"] = "per-mode ODE (cws.md §3), Dormand–Prince 5(4), rtol 1e-9, at the stated d",
                ["slopes"] = "s(t) = log(R(t)/R(t/2))/log 2 at t = T/2 and T",
                ["sgd"] = SimulationSettings(context.Engine),
            },
            Sizes = setup.SgdDimension == setup.OdeDimension ? [setup.SgdDimension] : [setup.SgdDimension, setup.OdeDimension],
            Seeds = seeds,
            Figures = figures,
            Notes =
            [
                "The risk curve at fixed t hardly depends on d; the phases differ in the t → ∞ behaviour, so the verdict reads slopes at the largest times of the profile.",
                "claims.md §3.5 first quoted slopes over [400, 800] as those over [200, 400] (cws.md §8.1); the verdict holds with either.",
            ],
            GoldenTolerances = GoldenTolerances,
            Timings = clock.Timings,
        };
    }
}
