using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Models.Xor;
using TheoryCheck.Simulation.Engines;
using static TheoryCheck.Comparison.Xor.XorClaimKit;

namespace TheoryCheck.Comparison.Xor;

/// <summary>
/// <c>xor.rank-deficiency</c> (claims.md §2.5; Thm 4.2 of arXiv 2310.03010; count rule xor.md §9.3): at an optimal
/// classifier Ĥ_vv (and Ĝ_vv) has 4 order-one eigenvalues; at a sub-optimal one with an uncovered cluster it has fewer —
/// as many as the covered clusters — and the accuracy is (covered)/4. Two warm starts (good = defaults, 4 covered; bad =
/// mmu0 = (0.3, 0.25, 0.05, −0.05), −μ uncovered). With n the covered count of the ODE state at T (the predicted outlier
/// count): θ_n ≥ 0.2·θ_1 (good) or ≥ 0.1·θ_1 (bad) and, when n &lt; K, θ_(n+1) ≤ 0.01·θ_1, for both matrices and every seed;
/// accuracy ≥ 0.97 when n = 4, else within 0.05 of n/4 (claims.md: [0.70, 0.80] for n = 3); and the count rule itself:
/// every run's number of Ĥ_vv eigenvalues above 0.1·θ_1 equals its own covered count and n. Full profile: 40 random
/// starts (λ = 1000, d = 200, T = 60) reported (not part of the verdict). Negative control: the rank deficiency dropped,
/// n = min(K, 4) whatever the state.
/// </summary>
public sealed class XorRankDeficiencyClaim : IClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "xor.rank-deficiency";

    /// <inheritdoc/>
    public ClaimInfo Info { get; } = new(Id, XorModel.Id, "2310.03010 Thm 4.2", "sub-optimal classifier ⇒ fewer than 4 outliers",
        "xor.md §9.3, §7.3; claims.md §2.5");

    private const double End = 30;
    private const double SamplesRatio = 3;
    private const string Good = "start=good";
    private const string Bad = "start=bad";
    private const string Random = "start=random";

    private static (int Dimension, int Seeds, int RandomRuns) SizesFor(Profile profile) => profile switch
    {
        Profile.Test => (400, 1, 0),
        Profile.Quick => (400, 2, 0),
        _ => (1000, 4, 40),
    };

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; } = [EngineNames.Full];

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [ClaimSettings.End, ClaimSettings.Dimension, ClaimSettings.Seeds, ClaimSettings.SamplesRatio];

    /// <inheritdoc/>
    public NegativeControl Control { get; } = new("no-rank-deficiency",
        "the count rule of xor.md §9.3 dropped: the theory predicts min(K, 4) order-one second-layer outliers and all clusters covered (accuracy ≈ 1) whatever the state, as if H_{vv} had full rank at every fixed point");

    private (XorSecondLayerStart[] Starts, double Phi) Read(ClaimContext context)
    {
        var (d, seeds, random) = SizesFor(context.Profile);
        var good = context.Apply(new XorParameters(width: 4, lambda: 50, beta: 0.05, cdelta: 1, rperp0: 1));
        var bad = context.Apply(new XorParameters(width: 4, lambda: 50, beta: 0.05, cdelta: 1, mmu0: [0.3, 0.25, 0.05, -0.05], rperp0: 1));
        int dimension = context.Setting(ClaimSettings.Dimension, d);
        int seedCount = context.Setting(ClaimSettings.Seeds, seeds);
        double end = context.Setting(ClaimSettings.End, End);
        var starts = new List<XorSecondLayerStart>
        {
            new(Good, good, good.ValidateDimension(dimension), seedCount, end),
            new(Bad, bad, bad.ValidateDimension(dimension), seedCount, end),
        };
        if (random > 0)
            starts.Add(new(Random, new XorParameters(width: 4, lambda: 1000, beta: 0.05, cdelta: 1, init: XorInitialisation.Random), 200, random, 60));
        return (starts.ToArray(), context.Setting(ClaimSettings.SamplesRatio, SamplesRatio));
    }

    /// <inheritdoc/>
    public WorkEstimate? Estimate(ClaimContext context)
    {
        var (starts, phi) = Read(context);
        return XorSecondLayerStudy.Estimate(context, starts, phi);
    }

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var (starts, phi) = Read(context);
        var study = XorSecondLayerStudy.For(context, starts, phi);
        var checks = new List<CheckResult>();
        var measurements = new JsonObject();
        foreach (var start in starts.Where(s => s.HasTheory))
        {
            int k = start.Parameters.Width;
            int n = context.NegativeControl ? Math.Min(k, 4) : Math.Min(XorCoverage.Count(study.Theory[start.Label].FinalState), k);
            bool optimal = n == 4;
            double floor = optimal ? 0.2 : 0.1;
            var runs = study.Of(start.Label);
            var upper = new List<(string, double)>();
            var lower = new List<(string, double)>();
            var counts = new List<(string, double)>();
            foreach (var m in runs)
                foreach (var (name, spectrum) in new[] { ("Ĥ_vv", m.Hessian), ("Ĝ_vv", m.G) })
                {
                    string part = $"{name}, seed {m.Replicate + 1}";
                    upper.Add((part, n >= 1 ? spectrum.Values[n - 1] / spectrum.Values[0] : 1));
                    if (n < k) lower.Add((part, spectrum.Values[n] / spectrum.Values[0]));
                    if (name == "Ĥ_vv")
                        counts.Add(($"seed {m.Replicate + 1}: {spectrum.OutlierCount} outliers, {m.Covered} covered, {n} predicted",
                            spectrum.OutlierCount == m.Covered && m.Covered == n ? 0 : 1));
                }
            string label = start.Label["start=".Length..];
            checks.Add(Checks.Worst($"{label}: θ_{n}/θ_1 ≥ {F(floor)} (n = {n} predicted outliers; both matrices, every seed)", upper, atLeast: true, floor));
            if (lower.Count > 0)
                checks.Add(Checks.Worst($"{label}: θ_{n + 1}/θ_1 ≤ 0.01 (both matrices, every seed)", lower, atLeast: false, 0.01));
            checks.Add(Checks.Worst($"{label}: outlier count of Ĥ_vv (> 0.1·θ_1) = covered clusters of the run = {n} (every seed; 0 = equal)", counts, atLeast: false, 0));
            var accuracy = runs.Select(m => ($"seed {m.Replicate + 1}", m.Hessian.Accuracy)).ToList();
            if (optimal)
                checks.Add(Checks.Worst($"{label}: test accuracy ≥ 0.97 (every seed)", accuracy, atLeast: true, 0.97));
            else
                checks.Add(Checks.Worst($"{label}: |test accuracy − {n}/4| ≤ 0.05 (every seed)", accuracy.Select(a => (a.Item1 + $": {F(a.Item2)}", Math.Abs(a.Item2 - n / 4.0))).ToList(),
                    atLeast: false, 0.05, "an uncovered cluster is misclassified as a whole (xor.md §7.2)"));
            var prediction = study.PredictionJson(start.Label);
            prediction["outlier_count_used"] = n;
            measurements[label] = new JsonObject { ["prediction"] = prediction, ["runs"] = study.RunsJson(start.Label) };
        }
        var figures = new List<FigureSpec> { Spectra(study, starts), Counts(study, starts) };
        if (starts.FirstOrDefault(s => !s.HasTheory) is { } random)
        {
            var runs = study.Of(random.Label);
            int agree = runs.Count(m => m.Hessian.OutlierCount == m.Covered);
            measurements["random"] = new JsonObject
            {
                ["runs"] = runs.Count,
                ["count_equals_covered"] = agree,
                ["fraction"] = runs.Count > 0 ? (double)agree / runs.Count : null,
                ["covered_histogram"] = ClaimResultJson.Numbers(Enumerable.Range(0, 5).Select(j => (double)runs.Count(m => m.Covered == j))),
                ["table"] = study.RunsJson(random.Label),
            };
        }
        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = checks,
            Parameters = new JsonObject
            {
                ["good"] = starts[0].Parameters.ToJson(),
                ["bad"] = starts[1].Parameters.ToJson(),
                ["T"] = starts[0].End,
                ["phi"] = phi,
                ["d"] = starts[0].Dimension,
                ["seeds"] = starts[0].Seeds,
                ["random_runs"] = starts.Where(s => !s.HasTheory).Sum(s => s.Seeds),
            },
            Measurements = measurements,
            Settings = study.SettingsJson(),
            Sizes = starts.Select(s => s.Dimension).Distinct().ToArray(),
            Seeds = study.Seeds,
            Figures = figures,
            Notes =
            [
                "The predicted outlier count n is the covered count of the ODE state at T (xor.md §7.3, τ = 0.05): at a fixed point the four vectors g(±Wμ), g(±Wν) have disjoint supports, so the number of order-one eigenvalues of H_{vv} − βI and G_{vv} equals it (xor.md §9.3).",
                "Outliers of a run: eigenvalues of Ĥ_vv above 0.1 × the largest (claims.md §2.5); the remaining ones are O(1/λ).",
            ],
            GoldenTolerances = GoldenTolerances,
            Timings = study.Timings.ToDictionary(p => p.Key, p => p.Value),
        };
    }

    /// <summary>Eigenvalues of Ĥ_vv per start and seed (log scale) with the predicted eigenvalues of each start.</summary>
    private static FigureSpec Spectra(XorSecondLayerStudy study, IReadOnlyList<XorSecondLayerStart> starts)
    {
        var warm = starts.Where(s => s.HasTheory).ToList();
        var series = new List<SeriesSpec>();
        var lines = new List<MarkerLine>();
        for (int r = 0; r < warm.Count; r++)
        {
            var runs = study.Of(warm[r].Label);
            double row = warm.Count - r;
            series.Add(new SeriesSpec($"{warm[r].Label["start=".Length..]} start", runs.SelectMany(m => m.Hessian.Values.Select(v => Math.Max(v, 1e-7))).ToArray(),
                runs.SelectMany(m => m.Hessian.Values.Select(_ => row + (runs.Count > 1 ? 0.3 * ((double)m.Replicate / (runs.Count - 1) - 0.5) : 0))).ToArray(), SeriesKind.Markers) { ColorIndex = r });
            lines.AddRange(study.HessianPrediction[warm[r].Label].Eigenvalues.Where(v => v > 0).Select((v, j) =>
                new MarkerLine(Math.Max(v, 1e-7), j == 0 ? $"predicted ({warm[r].Label["start=".Length..]})" : null) { ColorIndex = r, Dashed = r > 0 }));
        }
        return new FigureSpec("second-layer-spectra", "Eigenvalues of Ĥ_vv: optimal vs sub-optimal classifier", "eigenvalue (β excluded, log scale)", "start (one row per seed)", series)
        {
            LogX = true,
            YTicks = warm.Select((s, r) => new AxisTick(warm.Count - r, s.Label["start=".Length..])).ToList(),
            Lines = lines,
            Caption = $"All eigenvalues of the test matrix Ĥ_vv at T = {F(starts[0].End)}, d = {starts[0].Dimension}, M = ⌈{F(study.SamplesRatio)}d⌉ for the good start (4 clusters covered) and the bad "
                      + "start (−μ uncovered), one row per seed; lines: population prediction at the ODE state (xor.md §9.3). The bad start has 3 order-one eigenvalues and one O(1/λ).",
        };
    }

    /// <summary>Outlier count of Ĥ_vv against the covered count, one marker per run (all starts).</summary>
    private static FigureSpec Counts(XorSecondLayerStudy study, IReadOnlyList<XorSecondLayerStart> starts)
    {
        var series = new List<SeriesSpec>();
        for (int r = 0; r < starts.Count; r++)
        {
            var runs = study.Of(starts[r].Label);
            double jitter = 0.08 * (r - (starts.Count - 1) / 2.0);
            series.Add(new SeriesSpec($"{starts[r].Label["start=".Length..]} ({runs.Count} run{(runs.Count == 1 ? "" : "s")})",
                runs.Select(m => m.Covered + jitter).ToArray(), runs.Select(m => m.Hessian.OutlierCount + jitter).ToArray(), SeriesKind.Markers) { ColorIndex = r });
        }
        series.Add(new SeriesSpec("count = covered (xor.md §9.3)", [0, 4], [0, 4], SeriesKind.Line) { ColorIndex = 6, Dashed = true });
        return new FigureSpec("outlier-count-vs-covered", "Second-layer outliers vs covered clusters, per run", "covered clusters (xor.md §7.3)", "outliers of Ĥ_vv (> 0.1·θ_1)", series)
        {
            Caption = "One marker per SGD run (slightly offset per start): the number of eigenvalues of Ĥ_vv above 0.1 × the largest against the number of clusters the run covers at T. "
                      + "Thm 4.2 / the count rule of xor.md §9.3: the markers lie on the diagonal; a sub-optimal classifier (fewer than 4 covered) has fewer than 4 outliers.",
        };
    }
}
