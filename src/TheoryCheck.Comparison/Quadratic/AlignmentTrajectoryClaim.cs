using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Models.Quadratic;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Quadratic;
using TheoryCheck.Theory.Quadratic;
using static TheoryCheck.Comparison.Quadratic.QuadraticClaimKit;
using TheoryCheck.Comparison.Catalog;

namespace TheoryCheck.Comparison.Quadratic;

/// <summary>
/// <c>quadratic.alignment-trajectory</c> (claims.md §4.1): with a constant step and a large initialisation the seed
/// mean of the per-run χ²_t follows the exact per-run mean E[χ²_t] (quadratic.md §3), which differs from χ²_RE by
/// O(1/k); the loss follows E[L]; the plateau matches the closed form of §6.1.
/// </summary>
public sealed class AlignmentTrajectoryClaim : IClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "quadratic.alignment-trajectory";

    private static readonly long[] BaseCheckpoints = [0, 5, 8, 12, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 8000];

    /// <inheritdoc/>
    public ClaimInfo Info { get; } = new(Id, QuadraticModel.Id, "2601.11789 (abstract); derived",
        "χ² falls, rises, plateaus as predicted", "quadratic.md §3, §6.1; claims.md §4.1");

    private sealed record Setup(QuadraticParameters[] Cases, long[] Checkpoints, int Seeds);

    private static Setup For(Profile profile) => profile switch
    {
        // Test: a small, faster-mixing version (bulk time scale 1/(2ηλ_B) = 100 steps; e^{-15} of the initial excess left at T = 1500).
        Profile.Test => new([new QuadraticParameters { Dimension = 500, DominantCount = 5, LambdaBulk = 0.01 }],
            [0, 5, 8, 12, 20, 40, 80, 160, 320, 640, 1000, 1500], 4),
        Profile.Quick => new([QuadraticParameters.Base], BaseCheckpoints, 8),
        _ => new([QuadraticParameters.Base, QuadraticParameters.Base with { Noise = QuadraticNoise.Hessian }], BaseCheckpoints, 32),
    };

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; } = [EngineNames.Full];

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [];

    /// <inheritdoc/>
    public NegativeControl Control { get; } = new("noise-x1.5", "the recursion and closed forms (quadratic.md §2, §3, §6.1) evaluated with the noise variance σ² multiplied by 1.5")
        { Resolution = "σ² × 1.05 or finer (S = 0.1, the smallest tried, is detected)" };

    /// <inheritdoc/>
    public WorkEstimate? Estimate(ClaimContext context)
    {
        var setup = For(context.Profile);
        long end = setup.Checkpoints[^1];
        var total = WorkEstimate.None;
        foreach (var profileCase in setup.Cases)
            total = total.Then(QuadraticWork.Recursion(end, setup.Checkpoints.Length))
                .Then(QuadraticWork.Sgd(Apply(context, profileCase), end, setup.Checkpoints.Length, 0).Times(setup.Seeds, context.Threads));
        return total;
    }

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var setup = For(context.Profile);
        var clock = new PhaseClock();
        var checks = new List<CheckResult>();
        var measurements = new JsonObject();
        var parameters = new JsonObject();
        var figures = new List<FigureSpec>();
        var seedsUsed = new List<ulong>();
        var sizes = new List<int>(); // d of the applied parameters (after --set), in run order
        long end = setup.Checkpoints[^1];
        foreach (var profileCase in setup.Cases)
        {
            var p = Apply(context, profileCase);
            string label = QuadraticParameters.NoiseName(p.Noise);
            parameters[label] = p.ToJson();
            parameters[label]!["T"] = end;

            var pt = TheoryParameters(context, p, NoiseScaled(context.ControlFactor(1.5)));
            var theory = QuadraticTheory.Solve(pt, end);
            var law = setup.Checkpoints.Select(t => theory.PerRunAlignment(t)).ToArray();
            double plateau = QuadraticClosedForms.PlateauAlignment(pt);
            long turn = theory.ArgMinAlignment(Math.Min(end, 200));
            long? crossing = theory.FirstStepBelowEtaStar(p.StepSize, Math.Min(end, 200));
            clock.LapTheory();

            var seeds = context.ReplicateSeeds(p.Dimension, setup.Seeds, label);
            sizes.Add(p.Dimension);
            seedsUsed.AddRange(seeds);
            context.Report($"{label}: {seeds.Length} runs of {end} steps at d = {p.Dimension}");
            var ensemble = RunEnsemble(context, p, seeds, setup.Checkpoints, Id);
            clock.LapSimulation();

            var alignmentParts = new List<CheckResult>();
            var lossParts = new List<CheckResult>();
            var simMean = new double[setup.Checkpoints.Length];
            var simSd = new double[setup.Checkpoints.Length];
            var lossMean = new double[setup.Checkpoints.Length];
            var lossSe = new double[setup.Checkpoints.Length];
            for (int i = 0; i < setup.Checkpoints.Length; i++)
            {
                long t = setup.Checkpoints[i];
                var (mean, sd, _) = QuadraticEnsemble.Summary(ensemble.AlignmentAt(t));
                var (lm, _, lse) = QuadraticEnsemble.Summary(ensemble.LossAt(t));
                simMean[i] = mean; simSd[i] = sd; lossMean[i] = lm; lossSe[i] = lse;
                alignmentParts.Add(Checks.WithinAbsolute($"t = {t}", mean, law[i].Mean, 4 * law[i].StandardDeviation / Math.Sqrt(seeds.Length) + 0.005));
                lossParts.Add(Checks.WithinAbsolute($"t = {t}", lm, theory.Loss(t), 4 * lse));
            }
            checks.Add(Checks.All($"{label}: |mean χ² − E[χ²]| ≤ 4·sd_pred/√seeds + 0.005 at every checkpoint", "every checkpoint", alignmentParts));
            checks.Add(Checks.All($"{label}: |mean loss − E[L]| ≤ 4·SE at every checkpoint", "every checkpoint", lossParts));
            checks.Add(Checks.WithinAbsolute($"{label}: theory plateau χ²_RE(T) within 0.002 of the closed form", theory.Alignment(end), plateau, 0.002));

            measurements[label] = new JsonObject
            {
                ["t"] = Integers(setup.Checkpoints),
                ["chi2_re"] = Numbers(setup.Checkpoints.Select(t => theory.Alignment(t))),
                ["chi2_exact_mean"] = Numbers(law.Select(m => m.Mean)),
                ["chi2_exact_sd"] = Numbers(law.Select(m => m.StandardDeviation)),
                ["eta_star"] = Numbers(setup.Checkpoints.Select(t => theory.EtaStar(t))),
                ["sim_mean"] = Numbers(simMean),
                ["sim_sd"] = Numbers(simSd),
                ["loss_theory"] = Numbers(setup.Checkpoints.Select(t => theory.Loss(t))),
                ["loss_mean"] = Numbers(lossMean),
                ["loss_se"] = Numbers(lossSe),
                ["plateau_closed_form"] = plateau,
                ["argmin_t"] = turn,
                ["first_eta_star_below_eta"] = crossing,
            };
            figures.Add(Figure(p, theory, setup.Checkpoints, simMean, simSd, turn, crossing, label, seeds.Length));
            clock.LapTheory();
        }
        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = checks,
            Parameters = parameters,
            Measurements = measurements,
            Settings = Settings("full-vector SGD, per-run χ² of the full gradient, seed ensemble"),
            Sizes = sizes.Distinct().ToList(),
            Seeds = seedsUsed,
            Figures = figures,
            Timings = clock.Timings,
            Notes = ["The simulated seed mean is compared with the exact per-run mean E[χ²] (Gaussian model), not with χ²_RE."],
        };
    }

    private static FigureSpec Figure(QuadraticParameters p, QuadraticTheorySolution theory, long[] checkpoints, double[] mean, double[] sd,
        long turn, long? crossing, string label, int seeds)
    {
        long end = checkpoints[^1];
        var dense = LogSteps(end, 160, checkpoints);
        var x = dense.Select(t => (double)t).ToArray();
        var series = new List<SeriesSpec>
        {
            new("theory χ²_RE", x, dense.Select(t => theory.Alignment(t)).ToArray(), SeriesKind.Line) { ColorIndex = 0 },
            new("exact E[χ²] per run", x, dense.Select(t => theory.PerRunAlignment(t).Mean).ToArray(), SeriesKind.Line) { ColorIndex = 1, Dashed = true },
        };
        var simIndex = Enumerable.Range(0, checkpoints.Length).Where(i => checkpoints[i] >= 1).ToArray();
        series.Add(new SeriesSpec($"SGD mean ± sd ({seeds} seeds)", simIndex.Select(i => (double)checkpoints[i]).ToArray(),
            simIndex.Select(i => mean[i]).ToArray(), SeriesKind.Band)
        {
            Lower = simIndex.Select(i => mean[i] - sd[i]).ToArray(),
            Upper = simIndex.Select(i => mean[i] + sd[i]).ToArray(),
            ColorIndex = 2,
        });
        var lines = new List<MarkerLine>();
        if (crossing == turn) lines.Add(new MarkerLine(Math.Max(1, turn), $"turn t* = {turn} = first t with η*_t < η") { ColorIndex = 3 });
        else
        {
            lines.Add(new MarkerLine(Math.Max(1, turn), $"turn t* = {turn}") { ColorIndex = 3 });
            if (crossing is long c) lines.Add(new MarkerLine(Math.Max(1, c), $"η*_t < η from t = {c}") { ColorIndex = 4, Dashed = false });
        }
        lines.Add(new MarkerLine(QuadraticClosedForms.PlateauAlignment(p), "closed-form plateau", Vertical: false));
        return new FigureSpec($"alignment-{label}", $"Gradient alignment χ², {label} noise", "step t", "χ²", series)
        {
            LogX = true,
            Lines = lines,
            Caption = $"{Describe(p)}, η = {F(p.StepSize)}. χ² = ‖P_D∇L‖²/‖∇L‖² (squared, full gradient). Theory: ratio of expectations χ²_RE and the exact per-run mean E[χ²]; "
                      + "simulation: seed mean with ± 1 sd band. The turn is the first step with η*_t < η.",
        };
    }
}
