using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Xor;
using TheoryCheck.Theory.Xor;
using static TheoryCheck.Comparison.Xor.XorClaimKit;

namespace TheoryCheck.Comparison.Xor;

/// <summary>
/// The shared computation of <c>xor.second-layer-alignment</c> and <c>xor.rank-deficiency</c> (claims.md §2.4–§2.5;
/// xor.md §9.3): for every start, SGD runs to T with the second-layer test matrices Ĥ_vv and Ĝ_vv (K×K, β excluded,
/// M = ⌈φd⌉ fresh samples) and the covered count of each run; for warm starts, the ODE state at T, its covered count
/// and accuracy, and the QMC population matrices H_vv − βI and G_vv there (eigenvalues, outlier count, err(v, E_4)).
/// Seeds are keyed by (claim, start label, d, replicate). The unperturbed study is cached per claim, profile and
/// overrides, so a claim's negative-control run (which changes only the theory side, in the claim) reuses its runs.
/// </summary>
public sealed class XorSecondLayerStudy
{
    private static readonly ConcurrentDictionary<string, Lazy<XorSecondLayerStudy>> s_cache = new(StringComparer.Ordinal);

    private XorSecondLayerStudy() { }

    /// <summary>The starts.</summary>
    public required IReadOnlyList<XorSecondLayerStart> Starts { get; init; }

    /// <summary>φ = M/d.</summary>
    public required double SamplesRatio { get; init; }

    /// <summary>Every run's measurement, start by start.</summary>
    public required IReadOnlyList<XorSecondLayerMeasurement> Measurements { get; init; }

    /// <summary>Per warm start: the ODE state at T.</summary>
    public required IReadOnlyDictionary<string, XorOdeSolution> Theory { get; init; }

    /// <summary>Per warm start: the population H_vv − βI prediction at the ODE state at T.</summary>
    public required IReadOnlyDictionary<string, XorSecondLayerPrediction> HessianPrediction { get; init; }

    /// <summary>Per warm start: the population G_vv prediction at the ODE state at T.</summary>
    public required IReadOnlyDictionary<string, XorSecondLayerPrediction> GPrediction { get; init; }

    /// <summary>Seeds in job order.</summary>
    public required IReadOnlyList<ulong> Seeds { get; init; }

    /// <summary>Wall-clock seconds of the phases.</summary>
    public required IReadOnlyDictionary<string, double> Timings { get; init; }

    /// <summary>The measurements of one start.</summary>
    public IReadOnlyList<XorSecondLayerMeasurement> Of(string start) => Measurements.Where(m => m.Start == start).ToList();

    /// <summary>The study of <paramref name="starts"/> for <paramref name="context"/>'s claim, profile and overrides, computed once per process.</summary>
    public static XorSecondLayerStudy For(ClaimContext context, IReadOnlyList<XorSecondLayerStart> starts, double samplesRatio)
    {
        string key = context.ClaimId + "|" + context.Profile + "|" + string.Join(";", context.Overrides.Texts.Order(StringComparer.Ordinal));
        var lazy = s_cache.GetOrAdd(key, _ => new Lazy<XorSecondLayerStudy>(() => Compute(context, starts, samplesRatio), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            s_cache.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>The work and memory of the study (ODE and predictions per warm start, SGD and K×K spectra per run).</summary>
    public static Catalog.WorkEstimate Estimate(ClaimContext context, IReadOnlyList<XorSecondLayerStart> starts, double samplesRatio)
    {
        var total = Catalog.WorkEstimate.None;
        foreach (var start in starts)
        {
            var p = start.Parameters;
            if (start.HasTheory) total = total.Then(XorWork.Ode(p, 2, start.End, StateOptions(context.Profile))).Then(XorWork.Prediction(p).Times(2));
            total = total.Then(XorWork.Sgd(p, start.Dimension, start.End, 2).Then(XorWork.Spectra(p, start.Dimension, samplesRatio, 0, p.Width, true).Times(2))
                .Times(start.Seeds, context.Threads));
        }
        return total;
    }

    private static XorSecondLayerStudy Compute(ClaimContext context, IReadOnlyList<XorSecondLayerStart> starts, double phi)
    {
        var clock = new PhaseClock();
        var warm = starts.Where(s => s.HasTheory).ToArray();
        context.Report($"ODE and second-layer predictions for {warm.Length} start(s)");
        var theory = context.Map(warm, start =>
        {
            var options = StateOptions(context.Profile);
            var solution = SolveOde(start.Parameters, TimeGrid.FromPoints([0, start.End]), $"{context.ClaimId} ({start.Label})", options);
            var matrices = new XorPopulationMatrices(start.Parameters, solution.FinalState, TheoryOptions(context.Profile));
            return (Solution: solution, H: XorSpectralPrediction.SecondLayer(matrices, XorMatrixKind.Hessian), G: XorSpectralPrediction.SecondLayer(matrices, XorMatrixKind.G));
        });
        clock.LapTheory();

        var jobs = starts.SelectMany(start => context.ReplicateSeeds(start.Dimension, start.Seeds, start.Label)
            .Select((seed, replicate) => (Start: start, Replicate: replicate, Seed: seed))).ToArray();
        int done = 0;
        var measurements = context.Map(jobs, job =>
        {
            var grid = TimeGrid.FromPoints([0, job.Start.End]);
            var problem = new XorSimulationProblem(job.Start.Parameters, job.Start.Dimension, unchecked((long)job.Seed), grid);
            var run = XorEngines.All[EngineNames.Full].Run(problem, context.Cancellation);
            if (run.Status.Diverged || run.FinalState is null)
                throw new DivergenceException($"{context.ClaimId}: sgd run ({job.Start.Label}) d = {problem.Dimension}, seed = {problem.Seed} {run.Status}", run.Status);
            var matrices = new XorEmpiricalMatrices(run.FinalState, XorSampleSet.Test(run.FinalState, phi));
            var measurement = new XorSecondLayerMeasurement(job.Start.Label, job.Replicate, job.Seed, matrices.SecondLayer(XorMatrixKind.Hessian),
                matrices.SecondLayer(XorMatrixKind.G), XorCoverage.Count(run.Statistics[^1]));
            int finished = Interlocked.Increment(ref done);
            if (finished % Math.Max(1, jobs.Length / 10) == 0 || finished == jobs.Length) context.Report($"second-layer spectra of {finished}/{jobs.Length} runs done");
            return measurement;
        });
        clock.LapSimulation();
        return new XorSecondLayerStudy
        {
            Starts = starts,
            SamplesRatio = phi,
            Measurements = measurements,
            Theory = warm.Select((s, i) => (s.Label, theory[i].Solution)).ToDictionary(x => x.Label, x => x.Solution),
            HessianPrediction = warm.Select((s, i) => (s.Label, theory[i].H)).ToDictionary(x => x.Label, x => x.H),
            GPrediction = warm.Select((s, i) => (s.Label, theory[i].G)).ToDictionary(x => x.Label, x => x.G),
            Seeds = jobs.Select(j => j.Seed).ToArray(),
            Timings = clock.Timings,
        };
    }

    /// <summary>The per-run table of a start: eigenvalues of Ĥ_vv and Ĝ_vv, outlier counts, err(v, E_4), accuracy, covered.</summary>
    public JsonArray RunsJson(string start) => new(Of(start).Select(m => (JsonNode?)new JsonObject
    {
        ["replicate"] = m.Replicate,
        ["H_eigenvalues"] = ClaimResultJson.Numbers(m.Hessian.Values),
        ["G_eigenvalues"] = ClaimResultJson.Numbers(m.G.Values),
        ["H_outlier_count"] = m.Hessian.OutlierCount,
        ["G_outlier_count"] = m.G.OutlierCount,
        ["err_v_H"] = ClaimResultJson.Number(m.Hessian.AlignmentError),
        ["err_v_G"] = ClaimResultJson.Number(m.G.AlignmentError),
        ["accuracy"] = m.Hessian.Accuracy,
        ["covered"] = m.Covered,
    }).ToArray());

    /// <summary>The prediction of a warm start as JSON: ODE state, covered, accuracy, population eigenvalues and counts.</summary>
    public JsonObject PredictionJson(string start)
    {
        var solution = Theory[start];
        var h = HessianPrediction[start];
        var g = GPrediction[start];
        return new JsonObject
        {
            ["ode_state_T"] = ClaimResultJson.Numbers(solution.FinalState.ToPacked()),
            ["covered"] = XorCoverage.Count(solution.FinalState),
            ["accuracy"] = solution.Series(XorModel.Accuracy)[^1],
            ["H_eigenvalues"] = ClaimResultJson.Numbers(h.Eigenvalues),
            ["G_eigenvalues"] = ClaimResultJson.Numbers(g.Eigenvalues),
            ["H_outlier_count"] = h.OutlierCount,
            ["G_outlier_count"] = g.OutlierCount,
            ["err_v_H"] = ClaimResultJson.Number(h.AlignmentError),
            ["err_v_cluster_span"] = ClaimResultJson.Number(h.ClusterSpanAlignmentError),
            ["H_standard_error"] = ClaimResultJson.Number(h.StandardError),
        };
    }

    /// <summary>The settings block of a result built on this study.</summary>
    public JsonObject SettingsJson() => new()
    {
        ["theory"] = Theory.Count > 0 ? Theory.Values.First().Diagnostics() : null,
        ["prediction"] = "population second-layer matrices H_vv − βI, G_vv by direct QMC at the ODE state at T (xor.md §9.3; XorSpectralPrediction.SecondLayer); outliers: eigenvalues above 0.1 × the largest",
        ["spectra"] = SpectralSettings(SamplesRatio, Starts.Max(s => s.Dimension)),
        ["starts"] = new JsonArray(Starts.Select(s => (JsonNode?)new JsonObject
        {
            ["label"] = s.Label,
            ["parameters"] = s.Parameters.ToJson(),
            ["d"] = s.Dimension,
            ["seeds"] = s.Seeds,
            ["T"] = s.End,
        }).ToArray()),
        ["sgd"] = SimulationSettings(XorInitialisation.Warm),
    };
}
