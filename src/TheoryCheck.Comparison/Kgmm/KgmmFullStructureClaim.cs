using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Spectra;
using TheoryCheck.Simulation.Kgmm;
using TheoryCheck.Theory.Kgmm;
using TheoryCheck.Simulation.Engines;
using static TheoryCheck.Comparison.Kgmm.KgmmClaimKit;
using TheoryCheck.Comparison.Catalog;

namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// <c>kgmm.full-structure</c> (claims.md §1.6; "outlier–minibulk–bulk" of arXiv 2310.03010, wording; kgmm.md §9.5): the
/// full kd×kd empirical test Hessian has k outliers, then k(k−2) minibulk eigenvalues, then the bulk; the full Ĝ has k
/// outliers and no minibulk; the stacked x lies in the top-k space. Compared with the eigenvalues of the population
/// low-rank matrix 𝒦 (and its G analogue) at the ODE state at T. Verdict per seed (claims.md §1.6): Ĥ θ_1..θ_4 within 12%
/// of the population outliers, θ_5..θ_12 within 12% of the population minibulk, θ_13 ≤ 0.2·θ_12; Ĝ θ_1..θ_4 within 12%
/// of its population outliers and θ_5 ≤ 0.1·θ_4; err(top-4 Ĥ) − err(top-12 Ĥ) ≤ 0.02; err(top-4 Ĥ) ≤ 0.2;
/// err(top-4 Ĝ) ≤ 0.2. (The counts 4, 12, 13 are k, k + k(k−2), k(k−1) + 1 at the profile's k = 4.)
/// </summary>
public sealed class KgmmFullStructureClaim : IClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "kgmm.full-structure";

    /// <inheritdoc/>
    public ClaimInfo Info { get; } = new(Id, KgmmModel.Id, "2310.03010 Thm 3.3 (wording)",
        "full matrix: k outliers, k(k−2) minibulk, bulk", "kgmm.md §9.5, §10, §12; claims.md §1.6");

    /// <summary>The negative control: the population minibulk eigenvalues of kgmm.md §9.5 scaled by this factor.</summary>
    public const double ControlFactor = 1.15;

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; } = [EngineNames.Full];

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [ClaimSettings.End, ClaimSettings.Dimension, ClaimSettings.Seeds, ClaimSettings.SamplesRatio];

    /// <inheritdoc/>
    public NegativeControl Control { get; } = new("minibulk-x1.15",
        "the population minibulk eigenvalues of the full Hessian (kgmm.md §9.5) multiplied by 1.15, as if the cross-class weights were mis-derived")
        { Resolution = "minibulk × 1.11 (S = 0.75 is detected, S = 0.5 is not)" };

    private sealed record Setup(KgmmParameters Parameters, int Dimension, int Seeds, double End, double SamplesRatio);

    private static Setup For(Profile profile)
    {
        var parameters = new KgmmParameters(4, 100, 0.25, 1);
        return profile switch
        {
            Profile.Test => new(parameters, 300, 1, 20, 3),
            Profile.Quick => new(parameters, 300, 1, 20, 3),
            _ => new(parameters, 1000, 2, 20, 3),
        };
    }

    /// <inheritdoc/>
    public WorkEstimate? Estimate(ClaimContext context)
    {
        var setup = For(context.Profile);
        var p = context.Apply(setup.Parameters);
        double end = context.Setting(ClaimSettings.End, setup.End);
        int d = p.ValidateDimension(context.Setting(ClaimSettings.Dimension, setup.Dimension));
        int seedCount = context.Setting(ClaimSettings.Seeds, setup.Seeds);
        double phi = context.Setting(ClaimSettings.SamplesRatio, setup.SamplesRatio);
        int k = p.K, hessianCount = k + k * (k - 2) + 4;
        var theory = KgmmWork.Ode(p, 2, end).Then(KgmmWork.Population(p));
        var runs = KgmmWork.Sgd(p, d, end, 2).Times(seedCount, context.Threads);
        var spectra = KgmmWork.Spectra(p, d, phi, full: true, top: hessianCount, matrices: 2).With(new WorkEstimate(0, 2.0 * k * d * 8 * seedCount));
        return theory.Then(runs).Then(spectra.Times(seedCount));
    }

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var setup = For(context.Profile);
        var p = context.Apply(setup.Parameters);
        double end = context.Setting(ClaimSettings.End, setup.End);
        int d = p.ValidateDimension(context.Setting(ClaimSettings.Dimension, setup.Dimension));
        int seedCount = context.Setting(ClaimSettings.Seeds, setup.Seeds);
        double phi = context.Setting(ClaimSettings.SamplesRatio, setup.SamplesRatio);
        double control = context.ControlFactor(ControlFactor);
        int k = p.K;
        int outliers = k, minibulkEnd = k + k * (k - 2), hessianCount = minibulkEnd + 4, gCount = k + 2;
        var lanczos = LanczosOptions.Default;
        var grid = TimeGrid.FromPoints([0, end]);

        var clock = new PhaseClock();
        var ode = SolveOde(p, grid, "kgmm ODE", context: context);
        var population = KgmmTheory.PopulationMatrices(p, ode.FinalState);
        var popH = population.FullSpectrum(KgmmMatrixKind.Hessian);
        var popG = population.FullSpectrum(KgmmMatrixKind.G);
        var fixedPoint = p.IsUniform ? KgmmSymmetricFixedPoint.Solve(k, p.Beta) : null;
        clock.LapTheory();

        var seeds = context.ReplicateSeeds(d, seedCount);
        var runs = RunAll(context, Problems(p, d, seeds, grid).ToArray(), Id);
        clock.LapSimulation();

        var checks = new List<CheckResult>();
        var parts = Enumerable.Range(0, 8).Select(_ => new List<(string, double)>()).ToArray();
        var perSeed = new JsonArray();
        var spectraH = new List<double[]>();
        var spectraG = new List<double[]>();
        for (int s = 0; s < seedCount; s++)
        {
            context.Report($"full spectra, seed {s + 1}/{seedCount}");
            var state = runs[s].FinalState!;
            var samples = KgmmTestSamples.Draw(state, phi);
            var h = KgmmEmpiricalSpectra.Compute(state, samples, new KgmmSpectrumRequest(KgmmMatrixKind.Hessian) { Count = hessianCount, Lanczos = lanczos, Threads = context.Threads });
            var g = KgmmEmpiricalSpectra.Compute(state, samples, new KgmmSpectrumRequest(KgmmMatrixKind.G) { Count = gCount, Lanczos = lanczos, Threads = context.Threads });
            context.RecordFault(LanczosFault(h, $"full Hessian, d = {d}, seed {runs[s].Problem.Seed}"));
            context.RecordFault(LanczosFault(g, $"full G, d = {d}, seed {runs[s].Problem.Seed}"));
            var hv = h.Values.ToArray();
            var gv = g.Values.ToArray();
            spectraH.Add(hv);
            spectraG.Add(gv);
            string seed = $"seed {s + 1}";
            for (int j = 0; j < outliers; j++) parts[0].Add(($"{seed}, θ_{j + 1}", Math.Abs(hv[j] / popH.Eigenvalues[j] - 1)));
            for (int j = outliers; j < minibulkEnd; j++) parts[1].Add(($"{seed}, θ_{j + 1}", Math.Abs(hv[j] / (control * popH.Eigenvalues[j]) - 1)));
            parts[2].Add((seed, hv[minibulkEnd] / hv[minibulkEnd - 1]));
            for (int j = 0; j < outliers; j++) parts[3].Add(($"{seed}, θ_{j + 1}", Math.Abs(gv[j] / popG.Eigenvalues[j] - 1)));
            parts[4].Add((seed, gv[outliers] / gv[outliers - 1]));
            double errTopK = h.ProjectionResidual(outliers), errTopMini = h.ProjectionResidual(minibulkEnd), errG = g.ProjectionResidual(outliers);
            parts[5].Add((seed, errTopK - errTopMini));
            parts[6].Add((seed, errTopK));
            parts[7].Add((seed, errG));
            perSeed.Add((JsonNode)new JsonObject
            {
                ["seed"] = seeds[s].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["hessian_eigenvalues"] = Numbers(hv),
                ["hessian_residuals"] = Numbers(h.ResidualNorms),
                ["hessian_converged"] = h.Converged && h.FreshStartCheckPassed,
                ["g_eigenvalues"] = Numbers(gv),
                ["g_residuals"] = Numbers(g.ResidualNorms),
                ["g_converged"] = g.Converged && g.FreshStartCheckPassed,
                ["err_top_k_H"] = errTopK,
                ["err_top_minibulk_H"] = errTopMini,
                ["err_top_k_G"] = errG,
                ["err_H_all"] = Numbers(h.ProjectionResiduals),
                ["mean_span_cos2_H"] = Numbers(h.MeanSpanCosinesSquared),
                ["matvecs"] = h.MatvecCount + g.MatvecCount,
            });
        }
        clock.Lap("spectra");
        checks.Add(Checks.Worst($"Ĥ: |θ_j/θ_j,pop − 1| ≤ 12% for the outliers j ≤ {outliers}", parts[0], atLeast: false, 0.12));
        checks.Add(Checks.Worst($"Ĥ: |θ_j/θ_j,pop − 1| ≤ 12% for the minibulk {outliers} < j ≤ {minibulkEnd}", parts[1], atLeast: false, 0.12));
        checks.Add(Checks.Worst($"Ĥ: θ_{minibulkEnd + 1}/θ_{minibulkEnd} ≤ 0.2", parts[2], atLeast: false, 0.2));
        checks.Add(Checks.Worst($"Ĝ: |θ_j/θ_j,pop − 1| ≤ 12% for the outliers j ≤ {outliers}", parts[3], atLeast: false, 0.12));
        checks.Add(Checks.Worst($"Ĝ: θ_{outliers + 1}/θ_{outliers} ≤ 0.1", parts[4], atLeast: false, 0.1));
        checks.Add(Checks.Worst($"err(top-{outliers} of Ĥ) − err(top-{minibulkEnd} of Ĥ) ≤ 0.02", parts[5], atLeast: false, 0.02));
        checks.Add(Checks.Worst($"err(top-{outliers} of Ĥ) ≤ 0.2", parts[6], atLeast: false, 0.2));
        checks.Add(Checks.Worst($"err(top-{outliers} of Ĝ) ≤ 0.2", parts[7], atLeast: false, 0.2));
        var figures = new List<FigureSpec>
        {
            RankFigure("spectrum-full-H", $"Top {hessianCount} eigenvalues of the full Ĥ ({k}d × {k}d)", spectraH, popH.Top(hessianCount, d), popH, outliers, minibulkEnd, d, phi),
            RankFigure("spectrum-full-G", $"Top {gCount} eigenvalues of the full Ĝ ({k}d × {k}d)", spectraG, popG.Top(gCount, d), popG, outliers, outliers, d, phi),
        };

        var parameters = p.ToJson();
        parameters["T"] = end;
        parameters["phi"] = phi;
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
                ["population_H"] = Numbers(popH.Eigenvalues.Take(hessianCount)),
                ["population_H_bulk_levels"] = Numbers(popH.BulkLevels),
                ["population_G"] = Numbers(popG.Eigenvalues.Take(gCount)),
                ["population_G_bulk_levels"] = Numbers(popG.BulkLevels),
                ["lambda_infinity"] = fixedPoint is null ? null : new JsonObject
                {
                    ["hessian_outlier"] = fixedPoint.FullHessianOutlier,
                    ["hessian_minibulk"] = fixedPoint.FullHessianMinibulk,
                    ["g_outlier"] = fixedPoint.FullGOutlier,
                },
                ["seeds"] = perSeed,
            },
            Settings = new JsonObject
            {
                ["theory"] = TheorySettings(ode),
                ["population"] = $"𝒦 and its G analogue at the ODE state at T (kgmm.md §9.5), rule {population.RuleName} ({population.NodeCount} nodes)",
                ["spectra"] = SpectralSettings(phi, d, lanczos.Tolerance, $"; full kd×kd operators, top {hessianCount} (Ĥ) and {gCount} (Ĝ) eigenpairs; aligned vector: stacked x"),
                ["sgd"] = SimulationSettings(context.Engine),
            },
            Sizes = [d],
            Seeds = seeds,
            Figures = figures,
            Notes =
            [
                "Population eigenvalues are those of the low-rank part on S = span(means, x⊥) (kgmm.md §9.5); the empirical outliers sit slightly above them (finite φ).",
                "The population bulk levels (eigenvalues of H̄/λ) are far below the empirical bulk edge, which the finite sample ratio φ spreads (Marchenko–Pastur-like).",
            ],
            GoldenTolerances = KgmmClaimKit.GoldenTolerances,
            Timings = clock.Timings,
        };
    }

    private static FigureSpec RankFigure(string name, string title, List<double[]> empirical, double[] populationTop, KgmmPopulationSpectrum population,
        int outliers, int minibulkEnd, int d, double phi)
    {
        var series = new List<SeriesSpec>();
        for (int s = 0; s < empirical.Count; s++)
            series.Add(new SeriesSpec(empirical.Count == 1 ? "empirical (test samples)" : $"empirical, seed {s + 1}",
                Enumerable.Range(1, empirical[s].Length).Select(j => (double)j).ToArray(), empirical[s], SeriesKind.Sticks) { ColorIndex = s });
        series.Add(new SeriesSpec("population (low-rank part and bulk)", Enumerable.Range(1, populationTop.Length).Select(j => (double)j).ToArray(),
            populationTop.Select(v => Math.Max(v, 1e-12)).ToArray(), SeriesKind.Markers) { ColorIndex = 4 });
        var lines = new List<MarkerLine> { new(population.BulkLevels.Max(), "population bulk level (largest)", Vertical: false) };
        return new FigureSpec(name, title, "rank j", "eigenvalue θ_j (β excluded)", series)
        {
            LogY = true,
            Lines = lines,
            Caption = $"Top eigenvalues of the full empirical test matrix (Lanczos, M = ⌈{F(phi)}d⌉, d = {d}) against the population spectrum at the ODE state "
                      + "(kgmm.md §9.5: eigenvalues of the kq×kq low-rank matrix K merged with the bulk levels of multiplicity d − q).",
        };
    }
}
