using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Comparison.Sweeps;
using TheoryCheck.Models.Quadratic;
using TheoryCheck.Numerics.Statistics;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Quadratic;
using TheoryCheck.Theory.Quadratic;
using static TheoryCheck.Comparison.Quadratic.QuadraticClaimKit;
using TheoryCheck.Comparison.Catalog;

namespace TheoryCheck.Comparison.Quadratic;

/// <summary>
/// <c>quadratic.fluctuations</c> (claims.md §4.8): the run-to-run spread of χ²_t matches the exact Gaussian
/// prediction (quadratic.md §3) and shrinks like k^{-1/2} at fixed k/d.
/// </summary>
public sealed class FluctuationsClaim : IClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "quadratic.fluctuations";

    /// <inheritdoc/>
    public ClaimInfo Info { get; } = new(Id, QuadraticModel.Id, "derived",
        "run-to-run spread of χ² ∝ k^{-1/2}", "quadratic.md §3; claims.md §4.8");

    private sealed record Setup(int[] Ks, long[] Times, int Seeds);

    private static Setup For(Profile profile) => profile switch
    {
        Profile.Test => new([20], [12, 320], 32),
        Profile.Quick => new([20, 80], [12, 320, 1280], 32),
        // Full: four k so the exponent's interval has two degrees of freedom (three k leave one: t₀.₉₇₅ = 12.7).
        _ => new([20, 80, 320, 1280], [12, 320, 1280], 64),
    };

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; } = [EngineNames.Full];

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [];

    /// <inheritdoc/>
    public NegativeControl Control { get; } = new("sd-x1.5", "the predicted run-to-run standard deviation of χ² (quadratic.md §3) multiplied by 1.5")
        { Resolution = "sd × 1.19 (S = 0.375 is detected, S = 0.25 is not)" };

    /// <inheritdoc/>
    public WorkEstimate? Estimate(ClaimContext context)
    {
        var setup = For(context.Profile);
        var total = WorkEstimate.None;
        foreach (int k in setup.Ks)
            total = total.Then(QuadraticWork.Recursion(setup.Times[^1], setup.Times.Length))
                .Then(QuadraticWork.Sgd(Apply(context, QuadraticParameters.Base with { DominantCount = k, Dimension = 100 * k }), setup.Times[^1], setup.Times.Length, 0).Times(setup.Seeds, context.Threads));
        return total;
    }

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var setup = For(context.Profile);
        var clock = new PhaseClock();
        var (lower, upper) = setup.Seeds >= 64 ? (0.8, 1.25) : (0.7, 1.4);
        var ratioParts = new List<CheckResult>();
        var measured = new double[setup.Ks.Length, setup.Times.Length];
        var predicted = new double[setup.Ks.Length, setup.Times.Length];
        var measurements = new JsonObject { ["k"] = Integers(setup.Ks.Select(k => (long)k)), ["t"] = Integers(setup.Times) };
        var parameters = new JsonObject();
        var seedsUsed = new List<ulong>();
        var sizes = new List<int>(); // d of the applied parameters (after --set), in run order
        for (int a = 0; a < setup.Ks.Length; a++)
        {
            var p = Apply(context, QuadraticParameters.Base with { DominantCount = setup.Ks[a], Dimension = 100 * setup.Ks[a] });
            string label = $"k={p.DominantCount}";
            parameters[label] = p.ToJson();
            var theory = QuadraticTheory.Solve(p, setup.Times[^1]);
            double control = context.ControlFactor(1.5);
            for (int b = 0; b < setup.Times.Length; b++) predicted[a, b] = control * theory.PerRunAlignment(setup.Times[b]).StandardDeviation;
            clock.LapTheory();
            var seeds = context.ReplicateSeeds(p.Dimension, setup.Seeds);
            sizes.Add(p.Dimension);
            seedsUsed.AddRange(seeds);
            context.Report($"{label}: {seeds.Length} runs of {setup.Times[^1]} steps at d = {p.Dimension}");
            var ensemble = RunEnsemble(context, p, seeds, setup.Times, Id);
            clock.LapSimulation();
            for (int b = 0; b < setup.Times.Length; b++)
            {
                measured[a, b] = QuadraticEnsemble.Summary(ensemble.AlignmentAt(setup.Times[b])).StandardDeviation;
                ratioParts.Add(Checks.InRange($"k = {setup.Ks[a]}, t = {setup.Times[b]}", measured[a, b] / predicted[a, b], lower, upper));
            }
            measurements[label] = new JsonObject
            {
                ["predicted_sd"] = Numbers(Enumerable.Range(0, setup.Times.Length).Select(b => predicted[a, b])),
                ["measured_sd"] = Numbers(Enumerable.Range(0, setup.Times.Length).Select(b => measured[a, b])),
            };
        }
        var checks = new List<CheckResult>
        {
            Checks.All($"measured sd / predicted sd ∈ [{F(lower)}, {F(upper)}] ({setup.Seeds} seeds)", "every k and t", ratioParts),
        };
        var series = new List<SeriesSpec>();
        var ks = setup.Ks.Select(k => (double)k).ToArray();
        var slopes = new JsonArray();
        for (int b = 0; b < setup.Times.Length; b++)
        {
            var m = Enumerable.Range(0, ks.Length).Select(a => measured[a, b]).ToArray();
            var q = Enumerable.Range(0, ks.Length).Select(a => predicted[a, b]).ToArray();
            series.Add(new SeriesSpec($"exact sd, t = {setup.Times[b]}", ks, q, SeriesKind.LineMarkers) { ColorIndex = b });
            series.Add(new SeriesSpec($"measured sd, t = {setup.Times[b]}", ks, m, SeriesKind.Markers) { ColorIndex = b });
            if (context.Profile == Profile.Full && ks.Length >= 3)
            {
                var sweep = ErrorSweep.Of(ks, m.Select(x => new[] { x }).ToArray(), "k");
                slopes.Add((JsonNode?)(sweep.Fit.Exponent));
                // The prediction is the exact law's own slope over these k (−½ up to the O(1/k) terms).
                checks.Add(sweep.RateCheck(LogLogFit.Fit(ks, q).Exponent, $"exponent of the sd against k at t = {setup.Times[b]}"));
            }
        }
        if (slopes.Count > 0) measurements["slopes"] = slopes;
        var figure = new FigureSpec("spread-vs-k", "Run-to-run spread of χ²_t at fixed k/d = 0.01", "k", "sd of χ²_t across seeds", series)
        {
            LogX = true,
            LogY = true,
            Caption = $"Exact per-run sd (quadratic.md §3) against the sample sd over {setup.Seeds} seeds; the prediction scales like k^(-1/2).",
        };
        clock.LapTheory();
        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = checks,
            Parameters = parameters,
            Measurements = measurements,
            Settings = Settings("full-vector SGD, sample sd over seeds"),
            Sizes = sizes.Distinct().ToList(),
            Seeds = seedsUsed,
            Figures = [figure],
            Timings = clock.Timings,
        };
    }
}
