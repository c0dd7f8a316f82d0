using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Emergence;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Spectra;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Kgmm;
using TheoryCheck.Theory.Kgmm;
using static TheoryCheck.Comparison.Kgmm.KgmmClaimKit;

namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// <c>kgmm.emergence</c> (claims.md §1.7; arXiv 2310.03010, "SGD rapidly aligns with emerging outlier eigenspaces"):
/// along SGD runs from t = 0, at every time of the profile, the top eigenvalues of every test Hessian block Ĥ_cc (β
/// excluded, M = ⌈φd⌉ fresh samples at the iterate of time t) and err(x^c, top-k) against the effective spectral
/// prediction of kgmm.md §11 at the ODE state of the same time. Count: eigenvalues above τ = 1.15·z₊ (z₊ the predicted
/// edge at t) equal the predicted outliers above τ in every block and seed, at every time where no predicted outlier lies
/// in [z₊, 1.3·z₊] (the finite-d edge window of kgmm.outliers). Alignment: the seed mean of (mean over c of err) is
/// within 0.05 of err_pred at every time; and the mean of the top eigenvalues is within 10% of the mean of the predicted
/// outliers clear of the window, at every time (the cluster as a whole: at t = 0 the k outliers coincide and individual
/// eigenvalues repel at finite d). At λ = 10 the outliers (they come from the class means) are
/// there from t = 0 and move (z_j/z₊ from 1.9 to 2.15 and 1.4), and the alignment emerges (err from ≈ 1 to ≈ 0.45).
/// </summary>
public sealed class KgmmEmergenceClaim : IClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "kgmm.emergence";

    /// <summary>The err tolerance (that of kgmm.block-alignment, claims.md §1.4).</summary>
    public const double Tolerance = 0.05;

    /// <summary>Lower end of the count threshold and upper end of the edge window, as multiples of z₊ (claims.md §1.5).</summary>
    public const double Threshold = 1.15, Window = 1.3;

    /// <inheritdoc/>
    public ClaimInfo Info { get; } = new(Id, KgmmModel.Id, "2310.03010 (abstract; Thm 3.1–3.2 along training)",
        "from t = 0, the outliers of Ĥ_cc and the alignment of x^c with them follow the prediction at the ODE state of the same time",
        "kgmm.md §11; claims.md §1.7");

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; } = [EngineNames.Full];

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [ClaimSettings.Dimension, ClaimSettings.Seeds, ClaimSettings.SamplesRatio, KgmmClaimKit.Lambdas];

    /// <summary>The negative control's factor on the time of the predicted state.</summary>
    public const double ControlFactor = 0.5;

    /// <inheritdoc/>
    public NegativeControl Control { get; } = new("time-scale-x0.5",
        "the predictions taken at the ODE state of time t/2 instead of t, as if the time scale δ = c_δ/d of the limit were mis-derived by a factor 2")
        { Resolution = "the state at 0.75·t (S = 0.5 is detected, S = 0.25 is not; measured with the block-averaged alignment check of before 2026-12-06, the per-block check is stricter)" };

    private sealed record Setup(KgmmParameters Parameters, double[] Lambdas, double[] Times, int Dimension, int Seeds, double SamplesRatio);

    private static Setup SetupFor(Profile profile)
    {
        var parameters = new KgmmParameters(3, 10, 0.1, 1);
        double[] times = [0, 0.5, 1, 2, 4, 8, 12, 16];
        return profile switch
        {
            Profile.Test => new(parameters, [10], times, 400, 3, 3),
            Profile.Quick => new(parameters, [10], times, 500, 4, 3),
            _ => new(parameters, [10], times, 2000, 8, 3),
        };
    }

    private static (KgmmParameters P, double[] Lambdas, double[] Times, int D, int Seeds, double Phi) Resolve(ClaimContext context)
    {
        var setup = SetupFor(context.Profile);
        var p = context.Apply(setup.Parameters);
        int d = p.ValidateDimension(context.Setting(ClaimSettings.Dimension, setup.Dimension));
        return (p, context.Setting(KgmmClaimKit.Lambdas, setup.Lambdas), setup.Times, d, context.Setting(ClaimSettings.Seeds, setup.Seeds),
            context.Setting(ClaimSettings.SamplesRatio, setup.SamplesRatio));
    }

    private static KgmmParameters At(KgmmParameters p, double lambda) => new(p.K, lambda, p.Beta, p.CDelta, p.P);

    /// <inheritdoc/>
    public WorkEstimate? Estimate(ClaimContext context)
    {
        var (p0, lambdas, times, d, seeds, phi) = Resolve(context);
        double end = times[^1];
        var total = WorkEstimate.None;
        foreach (double lambda in lambdas)
        {
            var p = At(p0, lambda);
            var theory = KgmmWork.Ode(p, 2 * times.Length, end).Then(KgmmWork.Prediction(p).Times(times.Length));
            var run = KgmmWork.Sgd(p, d, end, times.Length, snapshots: times.Length)
                .Then(KgmmWork.Spectra(p, d, phi, full: false, top: p.K + 3, matrices: p.K).Times(times.Length));
            total = total.Then(theory).Then(run.Times(seeds, context.Threads));
        }
        return total;
    }

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var (p0, lambdas, times, d, seeds, phi) = Resolve(context);
        double shift = context.ControlFactor(ControlFactor);
        var clock = new PhaseClock();
        var checks = new List<CheckResult>();
        var figures = new List<FigureSpec>();
        var measurements = new JsonObject();
        var theorySettings = new JsonObject();
        var allSeeds = new List<ulong>();
        foreach (double lambda in lambdas)
        {
            var p = At(p0, lambda);
            var (trace, json, solution, seedList) = Study(context, p, times, d, seeds, phi, shift);
            checks.AddRange(EmergenceJudgement.Checks(trace, Tolerance));
            figures.AddRange(EmergenceJudgement.Figures(trace, $"k = {p.K}, λ = {F(lambda)}, β = {F(p.Beta)}, d = {d}",
                $"Hessian blocks Ĥ_cc (β excluded) from M = ⌈{F(phi)}d⌉ fresh test samples at the SGD iterate of each time, d = {d}, {seeds} seeds × {p.K} blocks; "
                + $"prediction: the effective spectral prediction (kgmm.md §11) at the ODE state of the same time. Count threshold τ = {Threshold}·z₊."));
            measurements[trace.Label!] = json;
            theorySettings[trace.Label!] = TheorySettings(solution);
            allSeeds.AddRange(seedList);
        }
        clock.LapSimulation();

        var parameters = p0.ToJson();
        parameters.Remove("lambda");
        parameters["lambdas"] = Numbers(lambdas);
        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = checks,
            Parameters = parameters,
            Measurements = measurements,
            Settings = new JsonObject
            {
                ["times"] = Numbers(times),
                ["d"] = d,
                ["seeds"] = seeds,
                ["phi"] = phi,
                ["theory"] = theorySettings,
                ["prediction"] = "KgmmTheory.PredictSpectrum (kgmm.md §11) for block 1 at the ODE state of each time (uniform p: every block has block 1's prediction, kgmm.md §5.4)",
                ["spectra"] = SpectralSettings(phi, d, LanczosOptions.Default.Tolerance, $"; top k + 3 = {p0.K + 3} eigenpairs per block"),
                ["sgd"] = SimulationSettings(EngineNames.Full),
                ["count_rule"] = $"eigenvalues above {Threshold}·z₊; judged at times where no predicted outlier lies in [z₊, {Window}·z₊]",
            },
            Sizes = [d],
            Seeds = allSeeds,
            Figures = figures,
            Notes =
            [
                "At t = 0 the start is random (m = 0): x^c has O(d^{-1/2}) overlap with the outlier space, so err ≈ 1; the alignment then emerges as the ODE predicts.",
                "The Hessian outliers of this model come from the class means and are present from t = 0; what emerges is the alignment. At smaller λ (≤ 7 at β = 0.02–0.1, φ = 3) the two lower outliers sink towards the edge during training and stay in the window where a finite-d count cannot decide (docs/theory/claims.md §1.7).",
                "Timings: the whole computation (theory and simulation interleaved per λ) is counted as simulation.",
            ],
            GoldenTolerances = GoldenTolerances,
            Timings = clock.Timings,
        };
    }

    /// <summary>The trace of one λ: theory (ODE, §11 predictions at the times, shifted by the control) and the seeds' spectra.</summary>
    private static (EmergenceTrace Trace, JsonObject Json, KgmmOdeSolution Solution, ulong[] Seeds) Study(ClaimContext context, KgmmParameters p,
        double[] times, int d, int seeds, double phi, double shift)
    {
        int k = p.K;
        string label = $"λ = {F(p.Lambda)}";
        var points = times.Concat(times.Select(t => shift * t)).Distinct().Order().ToArray();
        var solution = SolveOde(p, TimeGrid.FromPoints(points), $"kgmm ODE ({label})", context: context);
        var predictions = times.Select(t => KgmmTheory.PredictSpectrum(p, solution.States[Array.IndexOf(points, shift * t)], KgmmMatrixKind.Hessian, 0, phi, top: k)).ToArray();

        var seedList = context.ReplicateSeeds(d, seeds, string.Create(CultureInfo.InvariantCulture, $"lambda={p.Lambda:R}"));
        var lanczos = LanczosOptions.Default;
        var grid = TimeGrid.FromPoints(times);
        int done = 0;
        var runs = context.Map(Enumerable.Range(0, seeds).ToArray(), s =>
        {
            var problem = new KgmmSimulationProblem(p, d, unchecked((long)seedList[s]), grid, times);
            var run = KgmmEngines.All[EngineNames.Full].Run(problem, context.Cancellation);
            if (run.Status.Diverged || run.Snapshots.Count != times.Length)
                throw new DivergenceException($"{Id}: sgd run {label}, d = {d}, seed = {seedList[s]} {run.Status}", run.Status);
            var values = new double[k][][];
            var errors = new double[k][];
            var faults = new List<NumericalFault>(run.Trajectory.Faults);
            for (int c = 0; c < k; c++)
            {
                values[c] = new double[times.Length][];
                errors[c] = new double[times.Length];
            }
            for (int i = 0; i < times.Length; i++)
            {
                var snapshot = run.Snapshots[i];
                var samples = KgmmTestSamples.Draw(snapshot, phi);
                for (int c = 0; c < k; c++)
                {
                    var spectrum = KgmmEmpiricalSpectra.Compute(snapshot, samples, new KgmmSpectrumRequest(KgmmMatrixKind.Hessian, c) { Count = k + 3, Lanczos = lanczos, Threads = 1 });
                    if (LanczosFault(spectrum, string.Create(CultureInfo.InvariantCulture, $"Hessian block {c + 1}, {label}, t = {times[i]:G}, seed {seedList[s]}")) is { } fault)
                        faults.Add(fault);
                    values[c][i] = spectrum.Values.ToArray();
                    errors[c][i] = spectrum.AlignmentError;
                }
            }
            context.Report($"{label}, seed {s + 1}/{seeds}: spectra at {times.Length} times done ({Interlocked.Increment(ref done)}/{seeds})");
            return (Values: values, Errors: errors, Faults: faults);
        });
        foreach (var run in runs) context.RecordFaults(run.Faults);

        // Counts against τ = 1.15·z₊(t); a time is decisive when no predicted outlier lies in [z₊, 1.3·z₊]. Uniform p: every
        // block has block 1's prediction (kgmm.md §5.4).
        var counts = new List<int[]>();
        var errs = new List<double[]>();
        for (int s = 0; s < seeds; s++)
            for (int c = 0; c < k; c++)
            {
                counts.Add(Enumerable.Range(0, times.Length).Select(i => runs[s].Values[c][i].Count(v => v > Threshold * predictions[i].UpperEdge)).ToArray());
                errs.Add(runs[s].Errors[c]);
            }
        T[] PerBlock<T>(Func<KgmmSpectralPredictionResult, T> value) => predictions.Select(value).ToArray();
        var trace = new EmergenceTrace("Ĥ_cc", times, Enumerable.Range(1, k).Select(c => $"c = {c}").ToArray(),
            [.. Enumerable.Repeat(PerBlock(r => r.OutlierEigenvalues.Count(z => z > Threshold * r.UpperEdge)), k)],
            [.. Enumerable.Repeat(PerBlock(r => !r.OutlierEigenvalues.Any(z => z <= Window * r.UpperEdge)), k)],
            [.. Enumerable.Repeat(PerBlock(r => r.AlignmentError), k)],
            seeds, [.. counts], [.. errs])
        {
            PredictedEdges = [.. Enumerable.Repeat(PerBlock(r => r.UpperEdge), k)],
            PredictedLocations = [.. Enumerable.Repeat(PerBlock(r => r.OutlierEigenvalues.Where(z => z > Window * r.UpperEdge).ToArray()), k)],
            MeasuredValues = Enumerable.Range(0, seeds).SelectMany(s => Enumerable.Range(0, k).Select(c => runs[s].Values[c])).ToArray(),
            Label = label,
            FileSuffix = "-lambda-" + F(p.Lambda),
        };

        var json = EmergenceJudgement.Measurements(trace);
        json["predictions"] = new JsonArray(predictions.Select((r, i) => (JsonNode?)new JsonObject
        {
            ["t"] = times[i],
            ["state_time"] = shift * times[i],
            ["outliers"] = Numbers(r.OutlierEigenvalues),
            ["edge"] = Number(r.UpperEdge),
            ["err_pred"] = Number(r.AlignmentError),
            ["quadrature_error_estimate"] = Number(r.QuadratureErrorEstimate),
        }).ToArray());
        json["eigenvalues"] = new JsonArray(Enumerable.Range(0, seeds).SelectMany(s => Enumerable.Range(0, k).Select(c => (JsonNode?)new JsonObject
        {
            ["seed"] = s + 1,
            ["block"] = c + 1,
            ["values"] = new JsonArray(runs[s].Values[c].Select(v => (JsonNode?)Numbers(v)).ToArray()),
        })).ToArray());
        return (trace, json, solution, seedList);
    }
}
