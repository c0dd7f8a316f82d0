using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Statistics;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Xor;
using TheoryCheck.Theory.Xor;
using static TheoryCheck.Comparison.Xor.XorClaimKit;

namespace TheoryCheck.Comparison.Xor;

/// <summary>
/// <c>xor.first-layer-alignment</c> (claims.md §2.3; Thm 4.1 of arXiv 2310.03010, first layer, shape; xor.md §9.1–§9.2):
/// each empirical first-layer block Ĥ_{W_iW_i}, Ĝ_{W_iW_i} (β excluded, M = ⌈φd⌉ fresh test samples) has 2 outliers whose
/// span is close to span(μ, ν), and W_i lies in it up to O(ε + λ^{-1/2}), as the effective spectral prediction of
/// xor.md §9.2 at the ODE state at T says. Verdict, for every neuron and both matrices: θ_2 ≥ 4·θ_3 (every seed); both
/// cos² of the principal angles between the top-2 space and span(μ, ν) ≥ 0.9 (every seed); |err − err_pred| ≤ 0.05 with
/// err the seed mean of err(W_i, top-2) and err_pred from §9.2. Negative control: err_pred multiplied by 1.3.
/// </summary>
public sealed class XorFirstLayerAlignmentClaim : IClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "xor.first-layer-alignment";

    /// <summary>The negative control's factor on err_pred (xor.md §9.2).</summary>
    public const double ControlFactor = 1.3;

    /// <summary>Eigenpairs computed per block: the two outliers and two of the bulk.</summary>
    private const int Top = 4;

    /// <inheritdoc/>
    public ClaimInfo Info { get; } = new(Id, XorModel.Id, "2310.03010 Thm 4.1 (shape)", "W_i in the 2-outlier space ≈ span(μ, ν)",
        "xor.md §9.1–§9.2; claims.md §2.3");

    private sealed record Setup(XorParameters Parameters, int[] Dimensions, int Seeds, double End, double SamplesRatio);

    private static Setup For(Profile profile)
    {
        var parameters = new XorParameters(width: 4, lambda: 50, beta: 0.05, cdelta: 1);
        return profile switch
        {
            Profile.Test => new(parameters, [400], 1, 30, 3),
            Profile.Quick => new(parameters, [400], 2, 30, 3),
            _ => new(parameters, [1000, 2000], 4, 30, 3),
        };
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; } = [EngineNames.Full];

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [ClaimSettings.End, ClaimSettings.Dimension, ClaimSettings.Seeds, ClaimSettings.SamplesRatio];

    /// <inheritdoc/>
    public NegativeControl Control { get; } = new("err-pred-x1.3",
        "the predicted alignment error err_pred of the effective spectral prediction (xor.md §9.2) multiplied by 1.3, as if the outlier-vector overlaps ‖r̃‖² were mis-derived");

    private (XorParameters P, int[] Sizes, int Seeds, double End, double Phi) Read(ClaimContext context)
    {
        var setup = For(context.Profile);
        var p = context.Apply(setup.Parameters);
        int[] sizes = context.Overrides.TextOf(ClaimSettings.Dimension.Name) is null ? setup.Dimensions : [context.Setting(ClaimSettings.Dimension, setup.Dimensions[0])];
        foreach (int d in sizes) p.ValidateDimension(d);
        return (p, sizes, context.Setting(ClaimSettings.Seeds, setup.Seeds), context.Setting(ClaimSettings.End, setup.End),
            context.Setting(ClaimSettings.SamplesRatio, setup.SamplesRatio));
    }

    /// <inheritdoc/>
    public WorkEstimate? Estimate(ClaimContext context)
    {
        var (p, sizes, seeds, end, phi) = Read(context);
        var total = XorWork.Ode(p, 2, end, StateOptions(context.Profile))
            .Then(XorWork.Prediction(p).Times(2 * p.Width * 5));
        foreach (int d in sizes)
            total = total.Then(XorWork.Sgd(p, d, end, 2).Then(XorWork.Spectra(p, d, phi, 2 * p.Width, Top, false)).Times(seeds, context.Threads));
        return total;
    }

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var (p, sizes, seedCount, end, phi) = Read(context);
        double control = context.ControlFactor(ControlFactor);
        int k = p.Width;
        var grid = TimeGrid.FromPoints([0, end]);
        var kinds = new[] { XorMatrixKind.Hessian, XorMatrixKind.G };

        var clock = new PhaseClock();
        context.Report("ODE and the §9.2 predictions");
        var ode = SolveOde(p, grid, Id, StateOptions(context.Profile));
        var state = ode.FinalState;
        var population = new XorPopulationMatrices(p, state, TheoryOptions(context.Profile));
        var jobs = kinds.SelectMany(kind => Enumerable.Range(0, k).Select(i => (Kind: kind, Neuron: i))).ToArray();
        // The QMC error of the prediction (spread over the scramblings) is estimated for neurons 1 and 2; by the warm start's
        // symmetry (neurons 1 ↔ 3, 2 ↔ 4, xor.md §5.2) neurons 3 and 4 have the same error.
        var predictionList = context.Map(jobs, job => XorSpectralPrediction.FirstLayer(new XorPopulationMatrices(p, state, TheoryOptions(context.Profile)),
            job.Neuron, job.Kind, phi, estimateError: job.Neuron < 2));
        var predictions = jobs.Zip(predictionList).ToDictionary(x => x.First, x => x.Second);
        clock.LapTheory();

        var problems = new List<XorSimulationProblem>();
        var seeds = new List<ulong>();
        foreach (int d in sizes)
        {
            var dSeeds = context.ReplicateSeeds(d, seedCount);
            seeds.AddRange(dSeeds);
            problems.AddRange(Problems(p, d, dSeeds, grid));
        }
        var faults = new ConcurrentQueue<NumericalFault>();
        int done = 0;
        var measured = context.Map(problems, problem =>
        {
            var run = XorEngines.All[EngineNames.Full].Run(problem, context.Cancellation);
            if (run.Status.Diverged || run.FinalState is null)
                throw new DivergenceException($"{Id}: sgd run d = {problem.Dimension}, seed = {problem.Seed} {run.Status}", run.Status);
            var matrices = new XorEmpiricalMatrices(run.FinalState, XorSampleSet.Test(run.FinalState, phi));
            var spectra = jobs.Select(job => matrices.FirstLayer(job.Neuron, job.Kind, Top)).ToArray();
            foreach (var s in spectra.Where(s => !(s.Converged && s.FreshStartCheckPassed)))
                faults.Enqueue(new NumericalFault(NumericalFault.LanczosNotConverged, $"{Id}: {Name(s.Kind)} block W{s.Neuron + 1}, d = {problem.Dimension}, seed {problem.Seed}"));
            context.Report($"d = {problem.Dimension}: spectra of run {Interlocked.Increment(ref done)}/{problems.Count} done");
            return (Problem: problem, Spectra: spectra);
        });
        context.RecordFaults(faults);
        clock.LapSimulation();

        var gap = new List<(string, double)>();
        var cosine = new List<(string, double)>();
        var closeness = new List<(string, double)>();
        var rows = new JsonArray();
        foreach (int d in sizes)
        {
            var atD = measured.Where(m => m.Problem.Dimension == d).ToList();
            foreach (var job in jobs)
            {
                int index = Array.IndexOf(jobs, job);
                var spectra = atD.Select(m => m.Spectra[index]).ToList();
                var prediction = predictions[job];
                string block = $"{Name(job.Kind)} W{job.Neuron + 1}, d = {d}";
                for (int s = 0; s < spectra.Count; s++)
                {
                    gap.Add(($"{block}, seed {s + 1}", spectra[s].Values[1] / spectra[s].Values[2]));
                    cosine.Add(($"{block}, seed {s + 1}", spectra[s].MuNuCosinesSquared.Min()));
                }
                var err = EnsembleSummary.Of(spectra.Select(x => x.AlignmentError).ToArray());
                double predicted = control * prediction.AlignmentError;
                closeness.Add(($"{block}: {F(err.Mean)} vs {F(predicted)}", Math.Abs(err.Mean - predicted)));
                rows.Add((JsonNode)new JsonObject
                {
                    ["matrix"] = Name(job.Kind),
                    ["neuron"] = job.Neuron + 1,
                    ["d"] = d,
                    ["eigenvalues"] = new JsonArray(spectra.Select(x => (JsonNode?)ClaimResultJson.Numbers(x.Values)).ToArray()),
                    ["mu_nu_cos2"] = new JsonArray(spectra.Select(x => (JsonNode?)ClaimResultJson.Numbers(x.MuNuCosinesSquared)).ToArray()),
                    ["err"] = ClaimResultJson.Numbers(spectra.Select(x => x.AlignmentError)),
                    ["err_mean"] = err.Mean,
                    ["err_se"] = ClaimResultJson.Number(err.StandardError),
                    ["err_pred"] = predicted,
                    ["predicted_outliers"] = ClaimResultJson.Numbers(prediction.OutlierEigenvalues),
                    ["predicted_edge"] = prediction.UpperEdge,
                    ["predicted_visible_edge"] = prediction.VisibleEdge,
                    ["predicted_mu_nu_cos2"] = ClaimResultJson.Numbers(prediction.MuNuCosinesSquared),
                    ["prediction_qmc_error"] = ClaimResultJson.Number(prediction.QmcErrorEstimate),
                    ["mu_nu_residual"] = ClaimResultJson.Numbers(spectra.Select(x => x.MuNuResidual)),
                });
            }
        }
        var checks = new List<CheckResult>
        {
            Checks.Worst("θ_2 / θ_3 ≥ 4 (every neuron, both matrices, every seed)", gap, atLeast: true, 4),
            Checks.Worst("both cos² of the principal angles between E_2 and span(μ, ν) ≥ 0.9 (every neuron, both matrices, every seed)", cosine, atLeast: true, 0.9),
            Checks.Worst("|err − err_pred| ≤ 0.05 (every neuron, both matrices; err = seed mean of err(W_i, top-2))", closeness, atLeast: false, 0.05,
                "err_pred: effective spectral prediction of xor.md §9.2 at the ODE state at T"),
        };

        var figures = new List<FigureSpec>
        {
            Strip(XorMatrixKind.Hessian, sizes[^1], measured.Where(m => m.Problem.Dimension == sizes[^1]).Select(m => m.Spectra).ToList(), jobs, predictions, phi, end),
            Strip(XorMatrixKind.G, sizes[^1], measured.Where(m => m.Problem.Dimension == sizes[^1]).Select(m => m.Spectra).ToList(), jobs, predictions, phi, end),
            ErrorFigure(sizes, measured.Select(m => (m.Problem.Dimension, m.Spectra)).ToList(), jobs, predictions, control, k),
        };
        var parameters = p.ToJson();
        parameters["T"] = end;
        parameters["phi"] = phi;
        parameters["d"] = ClaimResultJson.Numbers(sizes.Select(x => (double)x));
        parameters["seeds"] = seedCount;
        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = checks,
            Parameters = parameters,
            Measurements = new JsonObject
            {
                ["ode_state_T"] = ClaimResultJson.Numbers(state.ToPacked()),
                ["population_blocks"] = new JsonArray(jobs.Select(job => (JsonNode?)new JsonObject
                {
                    ["matrix"] = Name(job.Kind),
                    ["neuron"] = job.Neuron + 1,
                    ["eigenvalues"] = ClaimResultJson.Numbers(population.FirstLayer(job.Neuron, job.Kind).Eigenvalues.Take(3)),
                    ["bulk_level"] = population.FirstLayer(job.Neuron, job.Kind).BulkLevel,
                }).ToArray()),
                ["blocks"] = rows,
            },
            Settings = new JsonObject
            {
                ["theory"] = ode.Diagnostics(),
                ["prediction"] = "effective spectral prediction of xor.md §9.2 at the ODE state at T (XorSpectralPrediction.FirstLayer on the ODE's QMC rule; error estimate over the scramblings, neurons 1 and 2: prediction_qmc_error)",
                ["spectra"] = SpectralSettings(phi, sizes[^1]),
                ["top"] = Top,
                ["sgd"] = SimulationSettings(XorInitialisation.Warm),
            },
            Sizes = sizes,
            Seeds = seeds,
            Figures = figures,
            Notes =
            [
                "err(W_i, top-2) = ‖W_i − UUᵀW_i‖/‖W_i‖ with U the top-2 eigenvectors of the test block; it is dominated by the undecayed perpendicular part R⊥_ii/‖W_i‖² (xor.md §9.2), which the prediction contains.",
                "G blocks: the limiting bulk edge is a support-boundary edge carried by exponentially rare samples; finite-d spectra show the visible (node-maximum) edge, drawn in the G figure (docs/theory/xor.md §9.2).",
            ],
            GoldenTolerances = GoldenTolerances,
            Timings = clock.Timings,
        };
    }

    private static string Name(XorMatrixKind kind) => kind == XorMatrixKind.Hessian ? "H" : "G";

    /// <summary>One row per (neuron, seed): the top eigenvalues; lines at the predicted outliers and edge of neuron 1.</summary>
    private static FigureSpec Strip(XorMatrixKind kind, int d, IReadOnlyList<XorFirstLayerSpectrum[]> runs, (XorMatrixKind Kind, int Neuron)[] jobs,
        Dictionary<(XorMatrixKind Kind, int Neuron), XorFirstLayerPrediction> predictions, double phi, double end)
    {
        int k = jobs.Max(j => j.Neuron) + 1;
        var series = new List<SeriesSpec>();
        for (int i = 0; i < k; i++)
        {
            int index = Array.IndexOf(jobs, (kind, i));
            var x = runs.SelectMany(r => r[index].Values).ToArray();
            var y = runs.SelectMany((r, s) => r[index].Values.Select(_ => i + 1 + (runs.Count > 1 ? 0.3 * ((double)s / (runs.Count - 1) - 0.5) : 0))).ToArray();
            series.Add(new SeriesSpec($"W_{i + 1}", x, y, SeriesKind.Markers) { ColorIndex = i });
        }
        var lines = new List<MarkerLine>();
        for (int i = 0; i < k; i++)
            foreach (double z in predictions[(kind, i)].OutlierEigenvalues.Take(2))
                lines.Add(new MarkerLine(z, lines.Count == 0 ? "predicted outliers (§9.2)" : null) { ColorIndex = i, Dashed = false });
        var first = predictions[(kind, 0)];
        double edge = kind == XorMatrixKind.Hessian ? first.UpperEdge : first.VisibleEdge;
        lines.Add(new MarkerLine(edge, kind == XorMatrixKind.Hessian ? $"bulk edge z₊ = {F(edge)}" : $"visible edge = {F(edge)}"));
        string matrix = kind == XorMatrixKind.Hessian ? "Ĥ_{W_iW_i}" : "Ĝ_{W_iW_i}";
        return new FigureSpec($"spectrum-{Name(kind)}", $"Top {Top} eigenvalues of {matrix} (d = {d})", "eigenvalue (β excluded, log scale)", "neuron (one row per seed)", series)
        {
            LogX = true,
            YTicks = Enumerable.Range(1, k).Select(i => new AxisTick(i, $"W_{i}")).ToList(),
            Lines = lines,
            Caption = $"Each row: the top {Top} eigenvalues of one test block {matrix} at T = {F(end)}, d = {d}, M = ⌈{F(phi)}d⌉ (one row per seed). Solid lines: the two predicted outliers of each neuron "
                      + "(effective spectral prediction, xor.md §9.2, at the ODE state); dashed: the predicted bulk edge of neuron 1"
                      + (kind == XorMatrixKind.G ? " (the visible edge; the support edge is higher, docs/theory/xor.md §9.2)." : "."),
        };
    }

    /// <summary>err(W_i, top-2) per neuron and matrix (seed mean ± SE) against err_pred.</summary>
    private static FigureSpec ErrorFigure(int[] sizes, IReadOnlyList<(int Dimension, XorFirstLayerSpectrum[] Spectra)> measured, (XorMatrixKind Kind, int Neuron)[] jobs,
        Dictionary<(XorMatrixKind Kind, int Neuron), XorFirstLayerPrediction> predictions, double control, int k)
    {
        var series = new List<SeriesSpec>();
        int colour = 0;
        foreach (var kind in new[] { XorMatrixKind.Hessian, XorMatrixKind.G })
        {
            double offset = kind == XorMatrixKind.Hessian ? -0.12 : 0.12;
            var neurons = Enumerable.Range(1, k).Select(i => i + offset).ToArray();
            foreach (int d in sizes)
            {
                var mean = new double[k];
                var se = new double[k];
                for (int i = 0; i < k; i++)
                {
                    int index = Array.IndexOf(jobs, (kind, i));
                    var summary = EnsembleSummary.Of(measured.Where(m => m.Dimension == d).Select(m => m.Spectra[index].AlignmentError).ToArray());
                    mean[i] = summary.Mean;
                    se[i] = double.IsFinite(summary.StandardError) ? summary.StandardError : 0;
                }
                series.Add(new SeriesSpec($"{Name(kind)}: measured, d = {d}", neurons, mean, SeriesKind.ErrorBars)
                {
                    Lower = mean.Select((m, i) => m - se[i]).ToArray(), Upper = mean.Select((m, i) => m + se[i]).ToArray(), ColorIndex = colour++,
                });
            }
            var predicted = Enumerable.Range(0, k).Select(i => control * predictions[(kind, i)].AlignmentError).ToArray();
            series.Add(new SeriesSpec($"{Name(kind)}: err_pred (§9.2)", neurons, predicted, SeriesKind.Markers) { ColorIndex = 5 + (kind == XorMatrixKind.G ? 1 : 0) });
        }
        return new FigureSpec("alignment-error", "Alignment error of W_i with the top-2 space of its block", "neuron i", "err(W_i, top-2)", series)
        {
            YTicks = null,
            Caption = "err(W_i, top-2) = ‖W_i − UUᵀW_i‖/‖W_i‖ with U the top-2 eigenvectors of Ĥ_{W_iW_i} (left of each neuron) or Ĝ_{W_iW_i} (right): seed mean ± SE per d, "
                      + "against err_pred of the effective spectral prediction (xor.md §9.2) at the ODE state. The verdict allows |err − err_pred| ≤ 0.05.",
        };
    }
}
