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
/// <c>quadratic.suspicious-interval</c> (claims.md §4.5): from states of the base run, one Dom-SGD step increases
/// the expected loss iff η &gt; η_dom and one Bulk-SGD step decreases it iff η &lt; η_bulk (quadratic.md §5); η_dom = η
/// once SGD has equilibrated the dominant block. Simulation: N one-step draws of each method from the deterministic
/// state e_i = √v_i(t_0).
/// </summary>
public sealed class SuspiciousIntervalClaim : IClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "quadratic.suspicious-interval";

    /// <inheritdoc/>
    public ClaimInfo Info { get; } = new(Id, QuadraticModel.Id, "2601.11789 (abstract); derived",
        "Dom-SGD up iff η > η_dom, Bulk-SGD down iff η < η_bulk", "quadratic.md §5; claims.md §4.5");

    private sealed record State(long Step, double[] Etas);

    private static (State[] States, int Draws) For(Profile profile)
    {
        double[] grid = Enumerable.Range(1, 39).Select(i => Math.Round(0.05 * i, 2)).ToArray();
        return profile switch
        {
            Profile.Test => ([new(2000, [0.3, 0.55, 1.9]), new(5120, [0.3, 0.55, 1.2])], 20_000),
            Profile.Quick => ([new(2000, [0.3, 0.45, 0.55, 1.0, 1.9]), new(5120, [0.3, 0.45, 0.55, 0.58, 0.65, 0.8, 1.2])], 100_000),
            _ => ([new(1280, grid), new(2000, grid), new(2560, grid), new(5120, grid)], 100_000),
        };
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; } = [EngineNames.Full];

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [];

    /// <inheritdoc/>
    public NegativeControl Control { get; } = new("noise-x1.5", "the recursion and the one-step ΔL predictions (quadratic.md §5) evaluated with σ² multiplied by 1.5")
        { Resolution = "σ² × 1.05 or finer (S = 0.1, the smallest tried, is detected)" };

    /// <inheritdoc/>
    /// <remarks>Per state: Dom-SGD and Bulk-SGD probes of every draw (about one SGD step each).</remarks>
    public WorkEstimate? Estimate(ClaimContext context)
    {
        var (states, draws) = For(context.Profile);
        var p = Apply(context, QuadraticParameters.Base);
        var probes = new WorkEstimate(2.0 * draws * (QuadraticWork.StepUnits(p) + 2.0 * states.Max(s => s.Etas.Length)), 3 * 8.0 * p.Dimension * Math.Max(1, context.Threads) + 8.0 * p.Batch);
        return QuadraticWork.Recursion(states.Max(s => s.Step), 0).Then(probes.Times(states.Length));
    }

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var (states, draws) = For(context.Profile);
        var clock = new PhaseClock();
        var p = Apply(context, QuadraticParameters.Base);
        var theory = QuadraticTheory.Solve(TheoryParameters(context, p, NoiseScaled(context.ControlFactor(1.5))), states.Max(s => s.Step));
        clock.LapTheory();
        var checks = new List<CheckResult>();
        var domParts = new List<CheckResult>();
        var signParts = new List<CheckResult>();
        var valueParts = new List<CheckResult>();
        var measurements = new JsonObject();
        var figures = new List<FigureSpec>();
        var seeds = new List<ulong>();
        foreach (var st in states)
        {
            var analysis = theory.Analysis(st.Step);
            var v = theory.Moments(st.Step);
            var state = Enumerable.Range(0, p.Dimension).Select(i => Math.Sqrt(i < p.DominantCount ? v.Dominant : v.Bulk)).ToArray();
            domParts.Add(Checks.WithinAbsolute($"t_0 = {st.Step}", analysis.EtaDom, p.StepSize, 1e-3));
            clock.LapTheory();
            ulong seed = context.ReplicateSeed(p.Dimension, 0, $"t0={st.Step}");
            seeds.Add(seed);
            context.Report($"t_0 = {st.Step}: {draws} draws of Dom-SGD and Bulk-SGD for {st.Etas.Length} step sizes");
            var domProbes = OneStepProbe.RunSweep(p, state, QuadraticMethod.Dom, st.Etas, draws, seed, context.Threads);
            var bulkProbes = OneStepProbe.RunSweep(p, state, QuadraticMethod.Bulk, st.Etas, draws, seed, context.Threads);
            clock.LapSimulation();
            var stateJson = new JsonObject
            {
                ["eta_dom"] = analysis.EtaDom,
                ["eta_bulk"] = analysis.EtaBulk,
                ["expected_loss"] = theory.Loss(st.Step),
                ["eta"] = Numbers(st.Etas),
            };
            foreach (var (name, probes, predict) in new (string, OneStepProbeResult[], Func<double, double>)[]
                     { ("dom", domProbes, analysis.LossChangeDominant), ("bulk", bulkProbes, analysis.LossChangeBulk) })
            {
                var predicted = st.Etas.Select(predict).ToArray();
                for (int h = 0; h < st.Etas.Length; h++)
                {
                    var r = probes[h].LossChange;
                    string part = $"t_0 = {st.Step}, {name}, η = {F(st.Etas[h])}";
                    if (Math.Abs(predicted[h]) > 4 * r.StandardError)
                        signParts.Add(Checks.That(part, Math.Sign(r.Mean) == Math.Sign(predicted[h]), $"sign = {Math.Sign(predicted[h])}", r.Mean));
                    valueParts.Add(Checks.WithinAbsolute(part, r.Mean, predicted[h], 4 * r.StandardError));
                }
                stateJson[$"predicted_delta_loss_{name}"] = Numbers(predicted);
                stateJson[$"sim_delta_loss_{name}"] = Numbers(probes.Select(r => r.LossChange.Mean));
                stateJson[$"sim_delta_loss_{name}_se"] = Numbers(probes.Select(r => r.LossChange.StandardError));
            }
            measurements[$"t0={st.Step}"] = stateJson;
            figures.Add(Figure(st, analysis, domProbes, bulkProbes, draws));
            clock.LapTheory();
        }
        checks.Add(Checks.All($"theory η_dom within 1e-3 of η = {F(p.StepSize)} at every state", "every t_0", domParts));
        checks.Add(Checks.All("sign(simulated ΔL) = sign(predicted ΔL) where |predicted| > 4 SE, Dom-SGD and Bulk-SGD", "every such η", signParts));
        checks.Add(Checks.All("|simulated ΔL − predicted ΔL| ≤ 4 SE, Dom-SGD and Bulk-SGD", "every η", valueParts));
        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = checks,
            Parameters = p.ToJson(),
            Measurements = measurements,
            Settings = Settings($"one-step Monte Carlo from e_i = √v_i(t_0), N = {draws} draws per method shared by all η (common random numbers)"),
            Sizes = [p.Dimension],
            Seeds = seeds,
            Figures = figures,
            Timings = clock.Timings,
        };
    }

    private static FigureSpec Figure(State st, OneStepAnalysis analysis, OneStepProbeResult[] dom, OneStepProbeResult[] bulk, int draws)
    {
        // The predicted lines reach past both thresholds (when finite and below 10) so each zero crossing is visible,
        // also where the catalogue's probe grid stops short of η_bulk.
        double reach = new[] { 1.96, 1.15 * analysis.EtaDom, 1.15 * analysis.EtaBulk }.Where(double.IsFinite).Max();
        reach = Math.Min(reach, 10);
        var dense = Enumerable.Range(1, 98).Select(i => reach * i / 98).ToArray();
        // ΔL_S/(ηG_S) = η/η_S − 1: a straight line with the sign of ΔL_S, crossing zero at η_S (quadratic.md §5).
        double gd = analysis.Dominant.G, gb = analysis.Bulk.G;
        SeriesSpec Points(string label, OneStepProbeResult[] probes, double g, int color) =>
            new(label, probes.Select(r => r.StepSize).ToArray(), probes.Select(r => r.LossChange.Mean / (r.StepSize * g)).ToArray(), SeriesKind.ErrorBars)
            {
                Lower = probes.Select(r => (r.LossChange.Mean - 4 * r.LossChange.StandardError) / (r.StepSize * g)).ToArray(),
                Upper = probes.Select(r => (r.LossChange.Mean + 4 * r.LossChange.StandardError) / (r.StepSize * g)).ToArray(),
                ColorIndex = color,
            };
        return new FigureSpec($"loss-change-t{st.Step}", $"One-step loss change at t₀ = {st.Step}", "η", "ΔL / (η G_S)",
        [
            new("Dom-SGD, predicted", dense, dense.Select(eta => analysis.LossChangeDominant(eta) / (eta * gd)).ToArray(), SeriesKind.Line) { ColorIndex = 0 },
            new("Bulk-SGD, predicted", dense, dense.Select(eta => analysis.LossChangeBulk(eta) / (eta * gb)).ToArray(), SeriesKind.Line) { ColorIndex = 1 },
            Points($"Dom-SGD, {draws} draws ± 4 SE", dom, gd, 0),
            Points($"Bulk-SGD, {draws} draws ± 4 SE", bulk, gb, 1),
        ])
        {
            Lines =
            [
                new MarkerLine(analysis.EtaDom, $"η_dom = {F(analysis.EtaDom)}") { ColorIndex = 0 },
                new MarkerLine(analysis.EtaBulk, $"η_bulk = {F(analysis.EtaBulk)}") { ColorIndex = 1 },
                new MarkerLine(0, null, Vertical: false),
            ],
            Caption = "One-step loss change of Dom-SGD (S = D) and Bulk-SGD (S = B) from e_i = √v_i(t_0) of the base run, divided by ηG_S so that "
                      + "it reads η/η_S − 1 and keeps its sign. Suspicious interval (η_dom, η_bulk): Dom-SGD raises the loss, Bulk-SGD lowers it.",
        };
    }
}
