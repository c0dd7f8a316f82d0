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
/// <c>quadratic.self-correction</c> (claims.md §4.4): from a state in the high-alignment regime (Δ ≤ 0,
/// quadratic.md §4) one SGD step decreases the alignment for every η ∈ (0, 2/λ_D). Simulation: N one-step noise
/// draws from the fixed deterministic state; E[G_D'] and E[G_B'] are estimated by their means and the ratio is formed.
/// </summary>
public sealed class SelfCorrectionClaim : IClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "quadratic.self-correction";

    /// <inheritdoc/>
    public ClaimInfo Info { get; } = new(Id, QuadraticModel.Id, "2601.11789 (abstract); derived",
        "high-alignment regime: χ² decreases for all η", "quadratic.md §4; claims.md §4.4");

    private static (double[] Etas, int Draws) For(Profile profile) => profile switch
    {
        Profile.Test => ([0.1, 1.0, 1.9], 2000),
        Profile.Quick => ([0.1, 0.5, 1.0, 1.5, 1.9], 10_000),
        _ => (Enumerable.Range(1, 19).Select(i => 0.1 * i).ToArray(), 100_000),
    };

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; } = [EngineNames.Full];

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [];

    /// <inheritdoc/>
    public NegativeControl Control { get; } = new("noise-x1.5", "the one-step prediction (quadratic.md §4) evaluated with the noise variance σ² multiplied by 1.5")
        { Resolution = "σ² × 1.19 (S = 0.375 is detected, S = 0.25 is not)" };

    /// <inheritdoc/>
    /// <remarks>The probe draws every sample once and forms the per-η sums: about one SGD step per draw.</remarks>
    public WorkEstimate? Estimate(ClaimContext context)
    {
        var (etas, draws) = For(context.Profile);
        var p = Apply(context, QuadraticParameters.Base with { DominantCount = 200, LambdaBulk = 0.2 });
        return new WorkEstimate(draws * (QuadraticWork.StepUnits(p) + 2.0 * etas.Length), 2 * 8.0 * p.Dimension * Math.Max(1, context.Threads) + 8.0 * p.Batch);
    }

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var (etas, draws) = For(context.Profile);
        var clock = new PhaseClock();
        var p = Apply(context, QuadraticParameters.Base with { DominantCount = 200, LambdaBulk = 0.2 });
        const double stateDominant = 1.0, stateBulk = 0.5;
        var (dom, bulk) = SecondMomentRecursion.Blocks(TheoryParameters(context, p, NoiseScaled(context.ControlFactor(1.5))), new TwoLevelMoments(stateDominant * stateDominant, stateBulk * stateBulk));
        var analysis = new OneStepAnalysis(dom, bulk);
        var predicted = etas.Select(analysis.AlignmentChange).ToArray();
        clock.LapTheory();

        var state = Enumerable.Range(0, p.Dimension).Select(i => i < p.DominantCount ? stateDominant : stateBulk).ToArray();
        ulong seed = context.ReplicateSeed(p.Dimension, 0);
        context.Report($"{draws} one-step draws for {etas.Length} step sizes at d = {p.Dimension}");
        var probes = OneStepProbe.RunSweep(p, state, QuadraticMethod.Sgd, etas, draws, seed, context.Threads);
        clock.LapSimulation();

        var negativeTheory = etas.Select((eta, h) => Checks.That($"η = {F(eta)}", predicted[h] < 0, "< 0", predicted[h])).ToList();
        var negativeSim = probes.Select(r => Checks.That($"η = {F(r.StepSize)}", r.RatioOfMeansChange.Mean < 0, "< 0", r.RatioOfMeansChange.Mean)).ToList();
        var close = probes.Select((r, h) => Checks.WithinAbsolute($"η = {F(r.StepSize)}", r.RatioOfMeansChange.Mean, predicted[h], 0.005)).ToList();
        var checks = new List<CheckResult>
        {
            Checks.AtMost("theory Δ = (κ_D + ν_D) − (κ_B + ν_B) ≤ 0 (high-alignment regime)", analysis.Delta, 0),
            Checks.All("every predicted one-step change of χ²_RE < 0", "every η", negativeTheory),
            Checks.All("simulated change (ratio of mean G_D', G_B') < 0", "every η", negativeSim),
            Checks.All("simulated change within 0.005 of the prediction", "every η", close),
        };
        var measurements = new JsonObject
        {
            ["initial_alignment"] = analysis.Alignment,
            ["delta"] = analysis.Delta,
            ["eta"] = Numbers(etas),
            ["predicted_change"] = Numbers(predicted),
            ["sim_change"] = Numbers(probes.Select(r => r.RatioOfMeansChange.Mean)),
            ["sim_change_se"] = Numbers(probes.Select(r => r.RatioOfMeansChange.StandardError)),
            ["sim_per_run_change"] = Numbers(probes.Select(r => r.AlignmentChange.Mean)),
        };
        var dense = Enumerable.Range(1, 95).Select(i => 0.02 * i).ToArray();
        var figure = new FigureSpec("self-correction", "One-step change of the alignment from a high-alignment state", "η", "Δχ²",
        [
            new("predicted Δχ²_RE", dense, dense.Select(analysis.AlignmentChange).ToArray(), SeriesKind.Line) { ColorIndex = 0 },
            new($"simulated ({draws} draws) ± 4 SE", etas, probes.Select(r => r.RatioOfMeansChange.Mean).ToArray(), SeriesKind.ErrorBars)
            {
                Lower = probes.Select(r => r.RatioOfMeansChange.Mean - 4 * r.RatioOfMeansChange.StandardError).ToArray(),
                Upper = probes.Select(r => r.RatioOfMeansChange.Mean + 4 * r.RatioOfMeansChange.StandardError).ToArray(),
                ColorIndex = 1,
            },
        ])
        {
            Lines = [new MarkerLine(0, null, Vertical: false)],
            Caption = $"State e_i = 1 on D, 0.5 on B (d = {p.Dimension}, k = {p.DominantCount}, λ_B = {F(p.LambdaBulk)}): χ² = {F(analysis.Alignment)}, "
                      + $"Δ = {F(analysis.Delta)} ≤ 0, so every step size lowers the alignment.",
        };
        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = checks,
            Parameters = p.ToJson(),
            Measurements = measurements,
            Settings = Settings($"one-step Monte Carlo from the deterministic state, N = {draws} draws shared by all η (common random numbers)"),
            Sizes = [p.Dimension],
            Seeds = [seed],
            Figures = [figure],
            Timings = clock.Timings,
        };
    }
}
