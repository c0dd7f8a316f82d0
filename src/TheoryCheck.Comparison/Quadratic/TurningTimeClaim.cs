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
/// <c>quadratic.turning-time</c> (claims.md §4.2): the theory curve χ²_RE turns exactly at the first t with η*_t &lt; η
/// (quadratic.md §4); the closed-form turning time and minimum (§6.1) agree; the simulated curve falls before and
/// rises after the predicted turn.
/// </summary>
public sealed class TurningTimeClaim : IClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "quadratic.turning-time";

    /// <inheritdoc/>
    public ClaimInfo Info { get; } = new(Id, QuadraticModel.Id, "2601.11789 (abstract); derived",
        "turn at the first t with η*_t < η", "quadratic.md §4, §6.1; claims.md §4.2");

    private sealed record Size(int Dimension, int DominantCount, int Seeds);

    private sealed record Setup(Size[] Sizes, double[] Etas);

    private static Setup For(Profile profile) => profile switch
    {
        Profile.Test => new([new(2000, 20, 4)], [0.5, 0.75]),
        Profile.Quick => new([new(20000, 200, 8)], [0.25, 0.5, 0.75]),
        _ => new([new(20000, 200, 16), new(2000, 20, 64)], [0.25, 0.5, 0.75]),
    };

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; } = [EngineNames.Full];

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [];

    /// <inheritdoc/>
    public NegativeControl Control { get; } = new("closed-form-noise-x1.5", "the closed-form turning time and minimum (quadratic.md §4, §6.1) evaluated with σ² multiplied by 1.5")
        { Resolution = "σ² × 1.125 (S = 0.25 is detected, S = 0.1 is not)" };

    /// <inheritdoc/>
    public WorkEstimate? Estimate(ClaimContext context)
    {
        var setup = For(context.Profile);
        var total = WorkEstimate.None;
        foreach (var size in setup.Sizes)
            foreach (double eta in setup.Etas)
            {
                var p = Apply(context, QuadraticParameters.Base with { Dimension = size.Dimension, DominantCount = size.DominantCount, StepSize = eta });
                double steps = 200 + Math.Floor(1 / (2 * p.StepSize * p.LambdaBulk)) + 1;
                total = total.Then(QuadraticWork.Recursion(steps, 0)).Then(QuadraticWork.Sgd(p, steps, 3, 0).Times(size.Seeds, context.Threads));
            }
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
        var seedsUsed = new List<ulong>();
        var sizes = new List<int>(); // d of the applied parameters (after --set), in run order
        QuadraticParameters? shownParameters = null; // the parameters of the figure's η*_t curves
        var starSeries = new List<SeriesSpec>();
        var starLines = new List<MarkerLine>();
        int color = 0;
        foreach (var size in setup.Sizes)
        {
            foreach (double eta in setup.Etas)
            {
                var p = Apply(context, QuadraticParameters.Base with { Dimension = size.Dimension, DominantCount = size.DominantCount, StepSize = eta });
                string label = $"d={p.Dimension},k={p.DominantCount},eta={F(p.StepSize)}";
                parameters[label] = p.ToJson();
                long bulkScale = (long)Math.Floor(1 / (2 * p.StepSize * p.LambdaBulk));
                var theory = QuadraticTheory.Solve(p, 200 + bulkScale + 1);
                long tStar = theory.ArgMinAlignment(200);
                long? crossing = theory.FirstStepBelowEtaStar(p.StepSize, 200);
                var closed = TheoryParameters(context, p, NoiseScaled(context.ControlFactor(1.5)));
                double tMin = QuadraticClosedForms.TurningTime(closed), minClosed = QuadraticClosedForms.MinimumAlignment(closed);
                long ta = tStar / 2, tb = tStar + bulkScale;
                clock.LapTheory();

                var seeds = context.ReplicateSeeds(p.Dimension, size.Seeds, $"eta={F(eta)}");
                sizes.Add(p.Dimension);
                seedsUsed.AddRange(seeds);
                context.Report($"{label}: {seeds.Length} runs of {tb} steps");
                long[] steps = ta == tStar ? [tStar, tb] : [ta, tStar, tb];
                var ensemble = RunEnsemble(context, p, seeds, steps, Id);
                clock.LapSimulation();

                var a = ensemble.AlignmentAt(ta);
                var s = ensemble.AlignmentAt(tStar);
                var b = ensemble.AlignmentAt(tb);
                var (fall, _, fallSe) = QuadraticEnsemble.Summary(a.Zip(s, (x, y) => x - y).ToArray());
                var (rise, _, riseSe) = QuadraticEnsemble.Summary(b.Zip(s, (x, y) => x - y).ToArray());
                checks.Add(Checks.That($"{label}: argmin of χ²_RE over t ≤ 200 = first t with η*_t < η", crossing == tStar,
                    $"= {(crossing is long c ? c.ToString() : "none")}", tStar));
                checks.Add(Checks.AtMost($"{label}: |closed-form t_{{min}} − t*|", Math.Abs(tMin - tStar), 1.5, $"t_{{min}} = {F(tMin)}, t* = {tStar}"));
                checks.Add(Checks.AtMost($"{label}: |closed-form χ²_min − χ²_RE(t*)|", Math.Abs(minClosed - theory.Alignment(tStar)), 0.01));
                checks.Add(Checks.That($"{label}: mean χ²(t_a) − mean χ²(t*) > 3 SE (t_a = {ta})", fall > 3 * fallSe,
                    $"> 3 SE = {F(3 * fallSe)}", fall, "paired differences over seeds"));
                checks.Add(Checks.That($"{label}: mean χ²(t_b) − mean χ²(t*) > 3 SE (t_b = {tb})", rise > 3 * riseSe,
                    $"> 3 SE = {F(3 * riseSe)}", rise, "paired differences over seeds"));

                measurements[label] = new JsonObject
                {
                    ["t_star"] = tStar,
                    ["first_eta_star_below_eta"] = crossing,
                    ["t_min_closed_form"] = tMin,
                    ["chi2_min_recursion"] = theory.Alignment(tStar),
                    ["chi2_min_closed_form"] = minClosed,
                    ["t_a"] = ta,
                    ["t_b"] = tb,
                    ["exact_mean_at_ta_tstar_tb"] = Numbers(new[] { ta, tStar, tb }.Select(t => theory.PerRunAlignment(t).Mean)),
                    ["exact_sd_at_ta_tstar_tb"] = Numbers(new[] { ta, tStar, tb }.Select(t => theory.PerRunAlignment(t).StandardDeviation)),
                    ["sim_mean_at_ta_tstar_tb"] = Numbers(new[] { a, s, b }.Select(v => v.Average())),
                    ["fall"] = fall,
                    ["fall_se"] = fallSe,
                    ["rise"] = rise,
                    ["rise_se"] = riseSe,
                };
                if (size == setup.Sizes[0])
                {
                    shownParameters = p;
                    long shown = Math.Min(200, 3 * tStar + 5);
                    var ts = Enumerable.Range(0, (int)shown + 1).Select(t => (long)t).ToArray();
                    starSeries.Add(new SeriesSpec($"η*_t (η = {F(eta)})", ts.Select(t => (double)t).ToArray(), ts.Select(t => theory.EtaStar(t)).ToArray(),
                        SeriesKind.Line) { ColorIndex = color });
                    starLines.Add(new MarkerLine(eta, $"η = {F(eta)}", Vertical: false) { ColorIndex = color });
                    starLines.Add(new MarkerLine(tStar, $"t* = {tStar}") { ColorIndex = color });
                    color++;
                }
                clock.LapTheory();
            }
        }
        var figure = new FigureSpec("eta-star", "Critical step size η*_t against the constant η", "step t", "η*_t", starSeries)
        {
            Lines = starLines,
            Caption = $"{Describe(shownParameters!)}. "
                      + "η*_t = 2(λ̄_D − λ̄_B)/Δ_t of the recursion run at each η (quadratic.md §4). The alignment decreases while η < η*_t and turns "
                      + "at the first step with η*_t < η (vertical lines: the argmin t* of χ²_RE).",
        };
        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = checks,
            Parameters = parameters,
            Measurements = measurements,
            Settings = Settings("full-vector SGD, per-run χ², paired seed differences"),
            Sizes = sizes.Distinct().ToList(),
            Seeds = seedsUsed,
            Figures = [figure],
            Timings = clock.Timings,
        };
    }
}
