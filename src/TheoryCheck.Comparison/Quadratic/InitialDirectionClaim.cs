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
/// <c>quadratic.initial-direction</c> (claims.md §4.3): from a large initialisation the first step decreases the
/// alignment iff η &lt; 2/(λ_D + λ_B), the noise-free limit of η*_0 (quadratic.md §4).
/// </summary>
public sealed class InitialDirectionClaim : IClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "quadratic.initial-direction";

    /// <inheritdoc/>
    public ClaimInfo Info { get; } = new(Id, QuadraticModel.Id, "derived",
        "first step flips sign at η = 2/(λ_D + λ_B)", "quadratic.md §4; claims.md §4.3");

    private static (double[] Etas, int Seeds) For(Profile profile) => profile switch
    {
        Profile.Test => ([1.5, 1.7, 1.9], 50),
        Profile.Quick => ([1.5, 1.6, 1.7, 1.8, 1.9], 100),
        _ => (Enumerable.Range(0, 9).Select(i => 1.5 + 0.05 * i).ToArray(), 400),
    };

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; } = [EngineNames.Full];

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [];

    /// <inheritdoc/>
    public NegativeControl Control { get; } = new("bulk-curvature-x2", "the threshold and predicted one-step change (quadratic.md §4) evaluated with λ_B multiplied by 2")
        { Resolution = "λ_B × 1.1 or finer (S = 0.1, the smallest tried, is detected)" };

    /// <inheritdoc/>
    public WorkEstimate? Estimate(ClaimContext context)
    {
        var (etas, seedCount) = For(context.Profile);
        var profile = QuadraticParameters.Base with { LambdaBulk = 0.2 };
        var total = WorkEstimate.None;
        foreach (double eta in etas)
            total = total.Then(QuadraticWork.Recursion(1, 2)).Then(QuadraticWork.Sgd(Apply(context, profile with { StepSize = eta }), 1, 2, 0).Times(seedCount, context.Threads));
        return total;
    }

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var (etas, seedCount) = For(context.Profile);
        var clock = new PhaseClock();
        var profile = QuadraticParameters.Base with { LambdaBulk = 0.2 };
        var applied = Apply(context, profile);
        var parameters = applied.ToJson();
        parameters["eta"] = Numbers(etas);
        var signParts = new List<CheckResult>();
        var valueParts = new List<CheckResult>();
        var predicted = new double[etas.Length];
        var measuredMean = new double[etas.Length];
        var measuredSe = new double[etas.Length];
        var predictedRe = new double[etas.Length];
        var seeds = context.ReplicateSeeds(applied.Dimension, seedCount); // the same seeds at every η
        Func<QuadraticParameters, QuadraticParameters> control = q => q with { LambdaBulk = context.ControlFactor(2) * q.LambdaBulk };
        var appliedTheory = TheoryParameters(context, applied, control);
        double threshold = 2 / (appliedTheory.LambdaDominant + appliedTheory.LambdaBulk); // η does not enter
        for (int h = 0; h < etas.Length; h++)
        {
            var p = Apply(context, profile with { StepSize = etas[h] });
            var theory = QuadraticTheory.Solve(TheoryParameters(context, p, control), 1);
            predicted[h] = theory.PerRunAlignment(1).Mean - theory.PerRunAlignment(0).Mean;
            predictedRe[h] = theory.Alignment(1) - theory.Alignment(0);
            clock.LapTheory();
            var ensemble = RunEnsemble(context, p, seeds, [0, 1], Id);
            var change = ensemble.AlignmentAt(1).Zip(ensemble.AlignmentAt(0), (x, y) => x - y).ToArray();
            var (mean, _, se) = QuadraticEnsemble.Summary(change);
            measuredMean[h] = mean;
            measuredSe[h] = se;
            clock.LapSimulation();
            string name = $"η = {F(etas[h])}";
            if (Math.Abs(predicted[h]) > 4 * se)
                signParts.Add(Checks.That(name, Math.Sign(mean) == Math.Sign(etas[h] - threshold),
                    $"sign = sign(η − {F(threshold)}) = {Math.Sign(etas[h] - threshold)}", mean));
            valueParts.Add(Checks.WithinAbsolute(name, mean, predicted[h], 4 * se));
        }
        var checks = new List<CheckResult>
        {
            signParts.Count > 0
                ? Checks.All("sign(mean Δχ²) = sign(η − 2/(λ_D + λ_B)) where |Δ E[χ²]| > 4 SE", "every such η", signParts)
                : Checks.That("sign(mean Δχ²) = sign(η − 2/(λ_D + λ_B)) where |Δ E[χ²]| > 4 SE", false, "at least one η resolved"),
            Checks.All("|mean Δχ² − Δ E[χ²]| ≤ 4 SE", "every η", valueParts),
        };
        var measurements = new JsonObject
        {
            ["eta"] = Numbers(etas),
            ["threshold_2_over_sum"] = threshold,
            ["delta_chi2_re"] = Numbers(predictedRe),
            ["delta_exact_mean"] = Numbers(predicted),
            ["sim_mean_delta"] = Numbers(measuredMean),
            ["sim_se_delta"] = Numbers(measuredSe),
        };
        var dense = Enumerable.Range(0, 41).Select(i => 1.5 + 0.01 * i).ToArray();
        var denseTheory = dense.Select(eta =>
        {
            var t = QuadraticTheory.Solve(TheoryParameters(context, Apply(context, profile with { StepSize = eta }), control), 1);
            return t.PerRunAlignment(1).Mean - t.PerRunAlignment(0).Mean;
        }).ToArray();
        var figure = new FigureSpec("first-step", "First-step change of the alignment against η", "η", "Δχ² after one step",
        [
            new("exact Δ E[χ²]", dense, denseTheory, SeriesKind.Line) { ColorIndex = 0 },
            new($"SGD mean ± 4 SE ({seedCount} seeds)", etas, measuredMean, SeriesKind.ErrorBars)
            {
                Lower = measuredMean.Zip(measuredSe, (m, s) => m - 4 * s).ToArray(),
                Upper = measuredMean.Zip(measuredSe, (m, s) => m + 4 * s).ToArray(),
                ColorIndex = 1,
            },
        ])
        {
            Lines = [new MarkerLine(threshold, "2/(λ_D + λ_B)") { ColorIndex = 2 }, new MarkerLine(0, null, Vertical: false)],
            Caption = $"{Describe(applied)}: the first step lowers χ² iff η < 2/(λ_D + λ_B).",
        };
        clock.LapTheory();
        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = checks,
            Parameters = parameters,
            Measurements = measurements,
            Settings = Settings("full-vector SGD, one step per run; SE = sample sd of the per-run Δχ² / √seeds"),
            Sizes = [applied.Dimension],
            Seeds = seeds,
            Figures = [figure],
            Timings = clock.Timings,
        };
    }
}
