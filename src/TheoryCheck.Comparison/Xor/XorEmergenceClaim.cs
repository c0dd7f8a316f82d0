using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Emergence;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Xor;
using TheoryCheck.Theory.Xor;
using static TheoryCheck.Comparison.Xor.XorClaimKit;

namespace TheoryCheck.Comparison.Xor;

/// <summary>
/// <c>xor.emergence</c> (claims.md §2.7; arXiv 2310.03010, "SGD rapidly aligns with emerging outlier eigenspaces", first
/// layer): along SGD runs from the warm start, at every time of the profile, the top eigenvalues of every first-layer test
/// block Ĥ_{W_iW_i} (β excluded, M = ⌈φd⌉ fresh samples at the iterate of time t) and err(W_i, top-2) against the effective
/// spectral prediction of xor.md §9.2 at the ODE state of the same time, under the rules of claims.md §0.10 (count above
/// 1.15·z₊ at decisive times, cluster-mean location within 10%, seed-mean err within 0.05).
/// </summary>
public sealed class XorEmergenceClaim : IClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "xor.emergence";

    /// <summary>The err tolerance (that of xor.first-layer-alignment, claims.md §2.3).</summary>
    public const double Tolerance = 0.05;

    /// <summary>Count threshold and edge window as multiples of z₊ (claims.md §0.10).</summary>
    public const double Threshold = 1.15, Window = 1.3;

    /// <summary>Eigenpairs per block.</summary>
    private const int Top = 4;

    /// <inheritdoc/>
    public ClaimInfo Info { get; } = new(Id, XorModel.Id, "2310.03010 (abstract; Thm 4.1 along training, first layer)",
        "from the start, the outliers of each first-layer block Ĥ_{W_iW_i} and the alignment of W_i with them follow the prediction at the ODE state of the same time",
        "xor.md §9.2; claims.md §2.7");

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; } = [EngineNames.Full];

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [ClaimSettings.Dimension, ClaimSettings.Seeds, ClaimSettings.SamplesRatio];

    /// <summary>The negative control's factor on the time of the predicted state.</summary>
    public const double ControlFactor = 0.5;

    /// <inheritdoc/>
    public NegativeControl Control { get; } = new("time-scale-x0.5",
        "the predictions taken at the ODE state of time t/2 instead of t, as if the time scale δ = c_δ/d of the limit were mis-derived by a factor 2");

    private sealed record Setup(XorParameters Parameters, double[] Times, int Dimension, int Seeds, double SamplesRatio);

    private static Setup For(Profile profile)
    {
        var parameters = new XorParameters(width: 4, lambda: 50, beta: 0.05, cdelta: 1);
        double[] times = [0, 1, 2, 4, 8, 15, 30];
        return profile switch
        {
            Profile.Test => new(parameters, times, 400, 2, 3),
            Profile.Quick => new(parameters, times, 400, 3, 3),
            _ => new(parameters, times, 1000, 6, 3),
        };
    }

    private static (XorParameters P, double[] Times, int D, int Seeds, double Phi) Read(ClaimContext context)
    {
        var setup = For(context.Profile);
        var p = context.Apply(setup.Parameters);
        int d = p.ValidateDimension(context.Setting(ClaimSettings.Dimension, setup.Dimension));
        return (p, setup.Times, d, context.Setting(ClaimSettings.Seeds, setup.Seeds), context.Setting(ClaimSettings.SamplesRatio, setup.SamplesRatio));
    }

    /// <inheritdoc/>
    public WorkEstimate? Estimate(ClaimContext context)
    {
        var (p, times, d, seeds, phi) = Read(context);
        double end = times[^1];
        var theory = XorWork.Ode(p, 2 * times.Length, end, StateOptions(context.Profile)).Then(XorWork.Prediction(p).Times(p.Width * times.Length));
        var run = XorWork.Sgd(p, d, end, times.Length).Then(XorWork.Spectra(p, d, phi, p.Width, Top, false).Times(times.Length));
        return theory.Then(run.Times(seeds, context.Threads));
    }

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var (p, times, d, seeds, phi) = Read(context);
        int k = p.Width;
        double shift = context.ControlFactor(ControlFactor);
        var clock = new PhaseClock();

        context.Report("ODE and the §9.2 predictions along the run");
        var points = times.Concat(times.Select(t => shift * t)).Distinct().Order().ToArray();
        var ode = SolveOde(p, TimeGrid.FromPoints(points), Id, StateOptions(context.Profile));
        var jobs = Enumerable.Range(0, times.Length).SelectMany(i => Enumerable.Range(0, k).Select(n => (Time: i, Neuron: n))).ToArray();
        var predictionList = context.Map(jobs, job => XorSpectralPrediction.FirstLayer(
            new XorPopulationMatrices(p, ode.States[Array.IndexOf(points, shift * times[job.Time])], TheoryOptions(context.Profile)),
            job.Neuron, XorMatrixKind.Hessian, phi, estimateError: false));
        var predictions = jobs.Zip(predictionList).ToDictionary(x => x.First, x => x.Second);
        clock.LapTheory();

        var seedList = context.ReplicateSeeds(d, seeds);
        var problems = Problems(p, d, seedList, TimeGrid.FromPoints(times), times);
        var faults = new ConcurrentQueue<NumericalFault>();
        int done = 0;
        var runs = context.Map(problems, problem =>
        {
            var run = XorEngines.All[EngineNames.Full].Run(problem, context.Cancellation);
            if (run.Status.Diverged || run.Snapshots.Count != times.Length)
                throw new DivergenceException($"{Id}: sgd run d = {d}, seed = {problem.Seed} {run.Status}", run.Status);
            var spectra = new XorFirstLayerSpectrum[times.Length][];
            for (int i = 0; i < times.Length; i++)
            {
                var matrices = new XorEmpiricalMatrices(run.Snapshots[i], XorSampleSet.Test(run.Snapshots[i], phi));
                spectra[i] = Enumerable.Range(0, k).Select(n => matrices.FirstLayer(n, XorMatrixKind.Hessian, Top)).ToArray();
                foreach (var s in spectra[i].Where(s => !(s.Converged && s.FreshStartCheckPassed)))
                    faults.Enqueue(new NumericalFault(NumericalFault.LanczosNotConverged, $"{Id}: H block W{s.Neuron + 1}, t = {F(times[i])}, seed {problem.Seed}"));
            }
            context.Report($"seed {Interlocked.Increment(ref done)}/{problems.Length}: spectra at {times.Length} times done");
            return spectra;
        });
        context.RecordFaults(faults);
        clock.LapSimulation();

        // Units (seed, neuron); the neurons' predictions differ (the warm start's roles, xor.md §5.2), so the count threshold,
        // window and locations of a unit are those of its neuron. EmergenceTrace holds one prediction per time, so the
        // neuron-specific parts are judged here and the shared alignment/figures use the mean over neurons.
        var units = new List<string>();
        var unitSeeds = new List<int>();
        var counts = new List<int[]>();
        var errors = new List<double[]>();
        var values = new List<double[][]>();
        var countParts = new List<(string, double)>();
        var locationParts = new List<(string, double)>();
        bool anyDecisive = false;
        for (int s = 0; s < seeds; s++)
            for (int n = 0; n < k; n++)
            {
                string unit = $"seed {s + 1}, W{n + 1}";
                units.Add(unit);
                unitSeeds.Add(s);
                var c = new int[times.Length];
                for (int i = 0; i < times.Length; i++)
                {
                    var prediction = predictions[(i, n)];
                    double edge = prediction.UpperEdge;
                    var measured = runs[s][i][n].Values;
                    c[i] = measured.Count(v => v > Threshold * edge);
                    bool decisive = !prediction.OutlierEigenvalues.Any(z => z > edge && z <= Window * edge);
                    var clear = prediction.OutlierEigenvalues.Where(z => z > Window * edge).ToArray();
                    if (decisive)
                    {
                        anyDecisive = true;
                        countParts.Add(($"t = {F(times[i])}, {unit}", Math.Abs(c[i] - prediction.OutlierEigenvalues.Count(z => z > Threshold * edge))));
                    }
                }
                counts.Add(c);
                errors.Add(Enumerable.Range(0, times.Length).Select(i => runs[s][i][n].AlignmentError).ToArray());
                values.Add(Enumerable.Range(0, times.Length).Select(i => runs[s][i][n].Values.ToArray()).ToArray());
            }

        // locations: per (time, neuron), the seed mean of the cluster-mean ratio (claims.md §0.10)
        for (int i = 0; i < times.Length; i++)
            for (int n = 0; n < k; n++)
            {
                var prediction = predictions[(i, n)];
                var clear = prediction.OutlierEigenvalues.Where(z => z > Window * prediction.UpperEdge).ToArray();
                if (clear.Length == 0) continue;
                double ratio = Enumerable.Range(0, seeds).Average(s => runs[s][i][n].Values.Count >= clear.Length
                    ? runs[s][i][n].Values.Take(clear.Length).Average() / clear.Average() : double.PositiveInfinity);
                locationParts.Add(($"t = {F(times[i])}, W{n + 1}", Math.Abs(ratio - 1)));
            }

        var meanPrediction = Enumerable.Range(0, times.Length).Select(i => Enumerable.Range(0, k).Average(n => predictions[(i, n)].AlignmentError)).ToArray();
        var trace = new EmergenceTrace("Ĥ_{W_iW_i}", times,
            Enumerable.Range(0, times.Length).Select(i => predictions[(i, 0)].OutlierEigenvalues.Count(z => z > Threshold * predictions[(i, 0)].UpperEdge)).ToArray(),
            Enumerable.Range(0, times.Length).Select(i => Enumerable.Range(0, k).All(n => !predictions[(i, n)].OutlierEigenvalues.Any(z => z > predictions[(i, n)].UpperEdge && z <= Window * predictions[(i, n)].UpperEdge))).ToArray(),
            meanPrediction, [.. units], [.. unitSeeds], [.. counts], [.. errors])
        {
            PredictedEdges = Enumerable.Range(0, times.Length).Select(i => predictions[(i, 0)].UpperEdge).ToArray(),
            PredictedLocations = Enumerable.Range(0, times.Length).Select(i => predictions[(i, 0)].OutlierEigenvalues.Where(z => z > Window * predictions[(i, 0)].UpperEdge).ToArray()).ToArray(),
            MeasuredValues = values.Where((_, u) => u % k == 0).ToArray(),
        };

        var checks = new List<CheckResult>
        {
            countParts.Count == 0
                ? new CheckResult("number of eigenvalues of Ĥ_{W_iW_i} above 1.15·z₊ = predicted, at every decisive time (every seed and neuron)", CheckOutcome.Undecided, null,
                    "at least one decisive time", "no time is decisive")
                : Checks.Worst("number of eigenvalues of Ĥ_{W_iW_i} above 1.15·z₊ = predicted, at every decisive time (every seed and neuron)", countParts, atLeast: false, 0,
                    "z₊ and the outliers of the unit's own neuron; the measured number is |count − predicted| of the worst unit"),
            Checks.Worst("|mean θ_j / mean z_j − 1| ≤ 10% over the predicted outliers clear of the edge window, seed mean, at every time and neuron", locationParts, atLeast: false, 0.10,
                "z_j = the neuron's predicted outliers at the ODE state of the same time (claims.md §0.10)"),
        };
        // alignment: per neuron, seed mean of err against the neuron's err_pred at every time
        var errorParts = new List<(string, double)>();
        for (int i = 0; i < times.Length; i++)
            for (int n = 0; n < k; n++)
            {
                var e = Enumerable.Range(0, seeds).Select(s => runs[s][i][n].AlignmentError).ToArray();
                double mean = e.Average(), predicted = predictions[(i, n)].AlignmentError;
                errorParts.Add(($"t = {F(times[i])}, W{n + 1} (mean {F(mean)}, predicted {F(predicted)})", Math.Abs(mean - predicted)));
            }
        checks.Add(Checks.Worst($"|err − err_pred| ≤ {F(Tolerance)} at every time and neuron (seed mean of err(W_i, top-2))", errorParts, atLeast: false, Tolerance));
        if (!anyDecisive) checks[0] = checks[0] with { Hint = "choose times or λ where the predicted outliers are clear of the edge" };

        var measurements = EmergenceJudgement.Measurements(trace);
        measurements["predictions"] = new JsonArray(jobs.Select(job => (JsonNode?)new JsonObject
        {
            ["t"] = times[job.Time],
            ["state_time"] = shift * times[job.Time],
            ["neuron"] = job.Neuron + 1,
            ["outliers"] = ClaimResultJson.Numbers(predictions[job].OutlierEigenvalues),
            ["edge"] = ClaimResultJson.Number(predictions[job].UpperEdge),
            ["err_pred"] = ClaimResultJson.Number(predictions[job].AlignmentError),
        }).ToArray());
        measurements["eigenvalues"] = new JsonArray(units.Select((u, index) => (JsonNode?)new JsonObject
        {
            ["unit"] = u,
            ["values"] = new JsonArray(values[index].Select(v => (JsonNode?)ClaimResultJson.Numbers(v)).ToArray()),
        }).ToArray());

        string what = $"K = {k}, λ = {F(p.Lambda)}, β = {F(p.Beta)}, d = {d}";
        var figures = EmergenceJudgement.Figures(trace, what,
            $"First-layer Hessian blocks Ĥ_{{W_iW_i}} (β excluded) from M = ⌈{F(phi)}d⌉ fresh test samples at the SGD iterate of each time (warm start), d = {d}, {seeds} seeds × {k} neurons; "
            + "prediction: the effective spectral prediction (xor.md §9.2) at the ODE state of the same time; err: mean over the neurons (the verdict judges each neuron). Outlier figure: neuron 1.");
        var parameters = p.ToJson();
        parameters["phi"] = phi;
        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = checks,
            Parameters = parameters,
            Measurements = measurements,
            Settings = new JsonObject
            {
                ["times"] = ClaimResultJson.Numbers(times),
                ["d"] = d,
                ["seeds"] = seeds,
                ["theory"] = ode.Diagnostics(),
                ["prediction"] = "XorSpectralPrediction.FirstLayer (xor.md §9.2) for every neuron at the ODE state of each time",
                ["spectra"] = SpectralSettings(phi, d),
                ["top"] = Top,
                ["sgd"] = SimulationSettings(XorInitialisation.Warm),
                ["count_rule"] = $"eigenvalues above {Threshold}·z₊ of the unit's neuron; judged at times where none of the neuron's predicted outliers lies in (z₊, {Window}·z₊]",
            },
            Sizes = [d],
            Seeds = seedList,
            Figures = figures,
            Notes =
            [
                "The second layer (Ĥ_vv) is not followed along training here: at t = 0 its finite-M measurement is biased against the prediction (0.115 vs 0.152 in an earlier attempt), not yet explained (docs/theory/claims.md §2.7).",
            ],
            GoldenTolerances = GoldenTolerances,
            Timings = clock.Timings,
        };
    }
}
