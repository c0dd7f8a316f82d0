using System.Globalization;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Gaussian;
using TheoryCheck.Numerics.Spectra;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Kgmm;
using TheoryCheck.Theory.Kgmm;
using static TheoryCheck.Comparison.Kgmm.KgmmClaimKit;

namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// The shared computation of <c>kgmm.block-alignment</c> and <c>kgmm.outliers</c> (claims.md §1.4–§1.5): for every λ
/// of the profile and every replicate, one SGD run to T, M = ⌈φd⌉ fresh test samples, and the top k + 3 eigenpairs of
/// every block Ĥ_cc and Ĝ_cc (β excluded) with err(x^c, top-k) and the cos² to span(μ); on the theory side the ODE
/// state at T and the §11 prediction for every block (outliers, edge, ‖r̃‖², err_pred); and an alignment trace along
/// the first replicate of each λ. Seeds are keyed by (<c>kgmm.block-alignment</c>, "lambda=λ", d, s) whichever claim
/// asks first. Results are cached per profile and overrides (<see cref="For"/>), so the second claim reuses the runs.
/// </summary>
public sealed class KgmmBlockSpectraStudy
{
    private static readonly ConcurrentDictionary<string, Lazy<KgmmBlockSpectraStudy>> s_cache = new(StringComparer.Ordinal);

    /// <summary>Claim settings accepted on top of the model parameters (both claims of the study).</summary>
    public static IReadOnlyList<ClaimSetting> Settings { get; } = [ClaimSettings.End, ClaimSettings.Dimension, ClaimSettings.Seeds, KgmmClaimKit.Lambdas, ClaimSettings.SamplesRatio];

    private KgmmBlockSpectraStudy() { }

    /// <summary>Model parameters (λ is swept; the record holds the first λ).</summary>
    public required KgmmParameters Parameters { get; init; }

    /// <summary>λ values.</summary>
    public required double[] Lambdas { get; init; }

    /// <summary>Data dimension d.</summary>
    public required int Dimension { get; init; }

    /// <summary>Replicates per λ.</summary>
    public required int Replicates { get; init; }

    /// <summary>Time T of the spectra.</summary>
    public required double End { get; init; }

    /// <summary>φ = M/d.</summary>
    public required double SamplesRatio { get; init; }

    /// <summary>Seeds in job order (λ-major).</summary>
    public required IReadOnlyList<ulong> Seeds { get; init; }

    /// <summary>Every block measurement.</summary>
    public required IReadOnlyList<KgmmBlockMeasurement> Measurements { get; init; }

    /// <summary>Every block prediction at T.</summary>
    public required IReadOnlyList<KgmmBlockPrediction> Predictions { get; init; }

    /// <summary>Alignment traces (one per λ).</summary>
    public required IReadOnlyList<KgmmAlignmentTrace> Traces { get; init; }

    /// <summary>ODE diagnostics per λ and the state (m, R) at T.</summary>
    public required JsonObject Theory { get; init; }

    /// <summary>Lanczos relative residual tolerance.</summary>
    public required double LanczosTolerance { get; init; }

    /// <summary>
    /// Seconds spent: wall clock of the "theory" and "simulation" phases (the latter includes the spectra), and "sgd_cpu",
    /// "spectra_cpu" summed over the parallel jobs.
    /// </summary>
    public required IReadOnlyDictionary<string, double> Timings { get; init; }

    /// <summary>The numerical faults of the study (QMC, Lanczos), recorded in the context of every claim that uses it.</summary>
    public IReadOnlyList<NumericalFault> Faults { get; init; } = [];

    /// <summary>The cache key this study was computed for (profile and overrides).</summary>
    public required string Key { get; init; }

    /// <summary>The measurements of one (λ, matrix), all blocks and replicates.</summary>
    public IEnumerable<KgmmBlockMeasurement> Of(double lambda, bool hessian) =>
        Measurements.Where(m => m.Lambda == lambda && m.Hessian == hessian);

    /// <summary>The prediction of one (λ, block, matrix).</summary>
    public KgmmBlockPrediction Prediction(double lambda, int block, bool hessian) =>
        Predictions.Single(p => p.Lambda == lambda && p.Block == block && p.Hessian == hessian);

    /// <summary>The study of <paramref name="context"/>'s profile and overrides, computed once per process.</summary>
    public static KgmmBlockSpectraStudy For(ClaimContext context)
    {
        string key = context.Profile + "|" + string.Join(";", context.Overrides.Texts.Order(StringComparer.Ordinal));
        var lazy = s_cache.GetOrAdd(key, _ => new Lazy<KgmmBlockSpectraStudy>(() => Compute(context, key), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            var study = lazy.Value;
            context.RecordFaults(study.Faults);
            return study;
        }
        catch
        {
            s_cache.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>
    /// The work and memory of the study for <paramref name="context"/> (the same settings as <see cref="For"/>): per λ the
    /// ODE, the block predictions and the predicted alignment trace; per (λ, replicate) the SGD run and 2k block spectra,
    /// and for the first replicate the spectra of the alignment trace on its snapshots.
    /// </summary>
    public static Catalog.WorkEstimate Estimate(ClaimContext context)
    {
        var setup = SetupFor(context.Profile);
        var baseParameters = context.Apply(setup.Parameters);
        double end = context.Setting(ClaimSettings.End, setup.End);
        int d = baseParameters.ValidateDimension(context.Setting(ClaimSettings.Dimension, setup.Dimension));
        int replicates = context.Setting(ClaimSettings.Seeds, setup.Seeds);
        var lambdas = context.Setting(KgmmClaimKit.Lambdas, setup.Lambdas);
        double phi = context.Setting(ClaimSettings.SamplesRatio, setup.SamplesRatio);
        int k = baseParameters.K, traces = setup.TraceFractions.Length;
        var total = Catalog.WorkEstimate.None;
        foreach (double lambda in lambdas)
        {
            var p = new KgmmParameters(k, lambda, baseParameters.Beta, baseParameters.CDelta, baseParameters.P);
            int distinct = p.IsUniform ? 1 : k;
            var theory = KgmmWork.Ode(p, traces + 1, end).Then(KgmmWork.Prediction(p).Times(2 * distinct + traces * distinct));
            var job = KgmmWork.Sgd(p, d, end, traces + 1).Then(KgmmWork.Spectra(p, d, phi, full: false, top: k + 3, matrices: 2 * k));
            var first = KgmmWork.Sgd(p, d, end, traces + 1, snapshots: traces).Then(KgmmWork.Spectra(p, d, phi, full: false, top: k, matrices: k).Times(traces));
            total = total.Then(theory).Then(first).Then(job.Times(Math.Max(0, replicates - 1), context.Threads));
        }
        return total;
    }

    /// <summary>Largest tensor order n with nᵏ ≤ 2¹⁷ (the cap of KgmmTheory's spectral rule).</summary>
    private static int TensorCap(int k)
    {
        int n = 40;
        while (n > 2 && Math.Pow(n, k) > (1 << 17)) n--;
        return n;
    }

    private sealed record Setup(KgmmParameters Parameters, double[] Lambdas, int Dimension, int Seeds, double End, double SamplesRatio, double[] TraceFractions);

    private static Setup SetupFor(Profile profile)
    {
        var parameters = new KgmmParameters(3, 10, 0.25, 1);
        return profile switch
        {
            // Test: the first replicate of the quick profile (same keyed seeds) with a shorter alignment trace.
            Profile.Test => new(parameters, [10, 30, 100], 500, 1, 20, 3, [0.1, 0.25, 0.5, 1.0]),
            Profile.Quick => new(parameters, [10, 30, 100], 500, 2, 20, 3, TraceFractions),
            _ => new(parameters, [10, 30, 100, 300], 2000, 4, 20, 3, TraceFractions),
        };
    }

    /// <summary>Fractions of T at which the alignment trace is measured.</summary>
    private static readonly double[] TraceFractions = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.65, 0.8, 1.0];

    private static KgmmBlockSpectraStudy Compute(ClaimContext context, string key)
    {
        var setup = SetupFor(context.Profile);
        var baseParameters = context.Apply(setup.Parameters);
        double end = context.Setting(ClaimSettings.End, setup.End);
        int d = baseParameters.ValidateDimension(context.Setting(ClaimSettings.Dimension, setup.Dimension));
        int replicates = context.Setting(ClaimSettings.Seeds, setup.Seeds);
        var lambdas = context.Setting(KgmmClaimKit.Lambdas, setup.Lambdas);
        double phi = context.Setting(ClaimSettings.SamplesRatio, setup.SamplesRatio);
        int k = baseParameters.K;
        var lanczos = LanczosOptions.Default;
        KgmmParameters At(double lambda) => new(k, lambda, baseParameters.Beta, baseParameters.CDelta, baseParameters.P);
        var traceTimes = setup.TraceFractions.Select(f => f * end).ToArray();
        var grid = TimeGrid.FromPoints(new[] { 0.0 }.Concat(traceTimes).ToArray());

        var clock = new PhaseClock();
        var faults = new ConcurrentQueue<NumericalFault>();
        context.Report($"theory for {lambdas.Length} λ values");
        var theory = context.Map(lambdas, lambda =>
        {
            var p = At(lambda);
            var solution = SolveOde(p, grid, $"kgmm ODE (lambda = {lambda})");
            foreach (var fault in solution.Faults) faults.Enqueue(fault with { Message = $"kgmm ODE (lambda = {lambda}): {fault.Message}" });
            var predictions = new List<KgmmBlockPrediction>();
            var final = solution.FinalState;
            // For uniform p the ODE state is invariant under class permutations (kgmm.md §5.4), so every block has the
            // prediction of block 1 (up to the quadrature error); compute it once and reuse it.
            int distinct = p.IsUniform ? 1 : k;
            foreach (bool hessian in new[] { true, false })
                for (int c = 0; c < distinct; c++)
                {
                    var r = KgmmTheory.PredictSpectrum(p, final, hessian ? KgmmMatrixKind.Hessian : KgmmMatrixKind.G, c, phi, top: k);
                    for (int block = c; block < (p.IsUniform ? k : c + 1); block++)
                        predictions.Add(new KgmmBlockPrediction(lambda, block, hessian, r.OutlierEigenvalues, r.Outliers.Select(o => o.SquaredOverlap).ToArray(),
                            r.UpperEdge, r.EdgeKind.ToString(), r.AlignmentError, r.QuadratureErrorEstimate, r.RuleName));
                }
            // err_pred along the run (Hessian blocks, mean over c) at the ODE states of the trace times: a figure only, so
            // the cheaper solve (400-point S grid, no refinement; identical to 6 digits at the profile parameters).
            var predictedTrace = new double[traceTimes.Length];
            for (int i = 0; i < traceTimes.Length; i++)
            {
                var state = solution.States[i + 1];
                var coordinates = new KgmmSubspaceCoordinates(state);
                var rule = GaussHermite.Tensor(k, Math.Min(KgmmQuadrature.Order(coordinates.SingularValues[0] / Math.Sqrt(lambda)), TensorCap(k)));
                double sum = 0;
                for (int c = 0; c < distinct; c++)
                    sum += KgmmSpectralPrediction.ForBlock(p, state, KgmmMatrixKind.Hessian, c, phi, rule.Nodes, rule.Weights, rule.Name).Solve(k, 400).AlignmentError;
                predictedTrace[i] = sum / distinct;
            }
            return (Solution: solution, Predictions: predictions, Trace: predictedTrace);
        });
        clock.LapTheory();

        var jobs = new List<(double Lambda, int Replicate, ulong Seed)>();
        foreach (double lambda in lambdas)
            for (int s = 0; s < replicates; s++)
                jobs.Add((lambda, s, StableSeed.Of(KgmmBlockAlignmentClaim.Id, string.Create(CultureInfo.InvariantCulture, $"lambda={lambda:R}"), d, s)));
        int done = 0;
        double sgdSeconds = 0, spectraSeconds = 0;
        var results = context.Map(jobs, job =>
        {
            var problem = new KgmmSimulationProblem(At(job.Lambda), d, unchecked((long)job.Seed), grid,
                job.Replicate == 0 ? traceTimes : null);
            var run = KgmmEngines.All[EngineNames.Full].Run(problem, context.Cancellation);
            if (run.Status.Diverged || run.FinalState is null)
                throw new DivergenceException($"{KgmmBlockAlignmentClaim.Id}: sgd run λ = {job.Lambda}, d = {d}, seed = {job.Seed} {run.Status}", run.Status);
            foreach (var fault in run.Trajectory.Faults) faults.Enqueue(fault);
            var spectraClock = Stopwatch.StartNew();
            var state = run.FinalState;
            var samples = KgmmTestSamples.Draw(state, phi);
            var measurements = new List<KgmmBlockMeasurement>();
            foreach (bool hessian in new[] { true, false })
                for (int c = 0; c < k; c++)
                {
                    var request = new KgmmSpectrumRequest(hessian ? KgmmMatrixKind.Hessian : KgmmMatrixKind.G, c) { Count = k + 3, Lanczos = lanczos, Threads = 1 };
                    var spectrum = KgmmEmpiricalSpectra.Compute(state, samples, request);
                    if (LanczosFault(spectrum, string.Create(CultureInfo.InvariantCulture,
                            $"{(hessian ? "Hessian" : "G")} block {c + 1}, λ = {job.Lambda:G}, d = {d}, seed {job.Seed}")) is { } lanczosFault)
                        faults.Enqueue(lanczosFault);
                    measurements.Add(new KgmmBlockMeasurement(job.Lambda, job.Replicate, job.Seed, c, hessian, spectrum.Values.ToArray(),
                        spectrum.ResidualNorms.ToArray(), spectrum.AlignmentError, spectrum.MeanSpanCosinesSquared.ToArray(),
                        spectrum.Converged && spectrum.FreshStartCheckPassed, spectrum.MatvecCount));
                }
            double[]? trace = null;
            if (job.Replicate == 0)
            {
                trace = new double[traceTimes.Length];
                for (int i = 0; i < run.Snapshots.Count && i < traceTimes.Length; i++)
                {
                    var snapshot = run.Snapshots[i];
                    var traceSamples = KgmmTestSamples.Draw(snapshot, phi);
                    double sum = 0;
                    for (int c = 0; c < k; c++)
                        sum += KgmmEmpiricalSpectra.Compute(snapshot, traceSamples,
                            new KgmmSpectrumRequest(KgmmMatrixKind.Hessian, c) { Count = k, Lanczos = lanczos, Threads = 1 }).AlignmentError;
                    trace[i] = sum / k;
                }
            }
            double spectraTime = spectraClock.Elapsed.TotalSeconds;
            lock (jobs)
            {
                sgdSeconds += run.StepSeconds;
                spectraSeconds += spectraTime;
            }
            context.Report($"λ = {F(job.Lambda)}, replicate {job.Replicate + 1}/{replicates}: spectra done ({Interlocked.Increment(ref done)}/{jobs.Count})");
            return (Measurements: measurements, Trace: trace);
        });
        clock.LapSimulation();

        var theoryJson = new JsonObject();
        var traces = new List<KgmmAlignmentTrace>();
        for (int i = 0; i < lambdas.Length; i++)
        {
            var solution = theory[i].Solution;
            theoryJson[F(lambdas[i])] = new JsonObject
            {
                ["ode"] = solution.Diagnostics(),
                ["m_T"] = Numbers(solution.FinalState.M.ToArray()),
                ["R_T"] = Numbers(solution.FinalState.R.ToArray()),
            };
            int first = jobs.FindIndex(j => j.Lambda == lambdas[i] && j.Replicate == 0);
            traces.Add(new KgmmAlignmentTrace(lambdas[i], traceTimes, results[first].Trace!, theory[i].Trace));
        }

        return new KgmmBlockSpectraStudy
        {
            Parameters = At(lambdas[0]),
            Lambdas = lambdas,
            Dimension = d,
            Replicates = replicates,
            End = end,
            SamplesRatio = phi,
            Seeds = jobs.Select(j => j.Seed).ToArray(),
            Measurements = results.SelectMany(r => r.Measurements).ToArray(),
            Predictions = theory.SelectMany(t => t.Predictions).ToArray(),
            Traces = traces,
            Faults = faults.Distinct().ToList(),
            Theory = theoryJson,
            LanczosTolerance = lanczos.Tolerance,
            Timings = new Dictionary<string, double>(clock.Timings)
            {
                ["sgd_cpu"] = sgdSeconds,
                ["spectra_cpu"] = spectraSeconds,
            },
            Key = key,
        };
    }

    /// <summary>
    /// The result of a claim built on this study: the claim's checks, measurements, figures and notes with the study's
    /// provenance — parameters, settings, size, seeds, golden tolerances and timings (those of the shared computation).
    /// Both claims on the study thus record the same provenance.
    /// </summary>
    public ClaimResult Result(ClaimInfo info, Profile profile, IReadOnlyList<CheckResult> checks, JsonObject measurements,
        IReadOnlyList<FigureSpec> figures, IReadOnlyList<string> notes) => new()
    {
        Info = info,
        Profile = profile,
        Checks = checks,
        Parameters = ParametersJson(),
        Measurements = measurements,
        Settings = SettingsJson(),
        Sizes = [Dimension],
        Seeds = Seeds,
        Figures = figures,
        Notes = notes,
        GoldenTolerances = KgmmClaimKit.GoldenTolerances,
        Timings = Timings.ToDictionary(p => p.Key, p => p.Value),
    };

    /// <summary>The parameters block of a result built on this study.</summary>
    public JsonObject ParametersJson()
    {
        var json = Parameters.ToJson();
        json.Remove("lambda");
        json["lambdas"] = Numbers(Lambdas);
        json["T"] = End;
        json["phi"] = SamplesRatio;
        json["d"] = Dimension;
        json["seeds"] = Replicates;
        return json;
    }

    /// <summary>The settings block of a result built on this study.</summary>
    public JsonObject SettingsJson() => new()
    {
        ["theory"] = Theory.DeepClone(),
        ["prediction"] = "effective spectral prediction of kgmm.md §11 at the ODE state at T (KgmmTheory.PredictSpectrum; tensor Gauss–Hermite in k dimensions, error estimate by refining the order by 4); G-block edges are support-boundary edges (docs/kgmm-notes.md §4.2); for uniform p computed for block 1 and used for every block (class-permutation symmetry of the ODE state, kgmm.md §5.4)",
        ["prediction_rules"] = new JsonArray(Predictions.Select(p => p.Rule).Distinct().Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
        ["prediction_quadrature_error_max"] = Number(Predictions.Max(p => p.QuadratureErrorEstimate)),
        ["spectra"] = SpectralSettings(SamplesRatio, Dimension, LanczosTolerance, $"; top k + 3 = {Parameters.K + 3} eigenpairs per block"),
        ["sgd"] = SimulationSettings(EngineNames.Full),
        ["shared_computation"] = $"runs and spectra shared by kgmm.block-alignment and kgmm.outliers (seeds keyed by kgmm.block-alignment), cache key '{Key}'",
        ["alignment_trace"] = "first replicate of each λ: err(x^c, top-k of Ĥ_cc) on fresh test samples (set 0) at the trace times, mean over c; prediction: err_pred (§11, 400-point S grid, no refinement) at the ODE state at t, mean over c (block 1 for uniform p)",
    };
}
