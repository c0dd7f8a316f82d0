using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Statistics;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Kgmm;
using TheoryCheck.Theory.Kgmm;
using static TheoryCheck.Comparison.Kgmm.KgmmClaimKit;

namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// <c>kgmm.train-data</c> (claims.md §1.8; kgmm.md §14): the samples of a training-data matrix (the last M = ⌈φd⌉ samples
/// SGD used before T) are not distributed like fresh ones — SGD already moved their own logits. The derivation of
/// kgmm.md §14.2 predicts the mean own-class margin shift of a training sample of age a,
/// E[u | b, a] with u = x^b·Z − (1/k)Σ_c x^c·Z and the shift s(a) = −(c_δ/λ)e^{−(βI + H̄/λ)a}D_{·b} (ζ_fresh has mean
/// m_{·b} exactly, so x·Z of a fresh sample has mean 0). Verdict, at every d and in each of three age bins of the
/// window [0, φc_δ): |seed mean of u − predicted| ≤ 3·SE + 10% of the prediction; and on fresh test samples of the same
/// states |seed mean of u| ≤ 3·SE (the measurement is unbiased). Reported, not judged (at the largest d): the train and
/// test top eigenvalues and alignment errors of Ĥ_11 and Ĝ_11 against the test prediction of §11 and the training prediction of
/// §14.3 (only partly confirmed, kgmm.md §14.4).
/// </summary>
public sealed class KgmmTrainDataClaim : IClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "kgmm.train-data";

    /// <summary>Age bins of the window.</summary>
    public const int AgeBins = 3;

    /// <inheritdoc/>
    public ClaimInfo Info { get; } = new(Id, KgmmModel.Id, "2310.03010 v2 §8 (training-data matrices); derived",
        "training samples carry their own-update logit shift −(c_δ/λ)e^{−Aa}(π − e_b)", "kgmm.md §14; claims.md §1.8");

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; } = [EngineNames.Full];

    /// <summary>Sizes d of the claim's runs.</summary>
    public static ClaimSetting<double[]> Dimensions { get; } = ClaimSettings.List("ds", "dimensions d of the claim's runs");

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [ClaimSettings.End, ClaimSettings.Seeds, ClaimSettings.SamplesRatio, Dimensions];

    /// <summary>The negative control: the own-sample shift of kgmm.md §14.2 multiplied by this factor (0: dropped).</summary>
    public const double ControlFactor = 0;

    /// <inheritdoc/>
    public NegativeControl Control { get; } = new("shift-dropped",
        "the own-sample logit shift of kgmm.md §14.2 dropped (training samples treated as fresh: the expected difference between training and test data is zero)");

    private sealed record Setup(KgmmParameters Parameters, double[] Dimensions, int Seeds, double End, double Phi);

    private static Setup For(Profile profile)
    {
        var parameters = new KgmmParameters(3, 10, 0.25, 1);
        return profile switch
        {
            Profile.Test => new(parameters, [300, 600], 6, 20, 3),
            Profile.Quick => new(parameters, [400, 800], 8, 20, 3),
            _ => new(parameters, [1000, 2000, 4000], 16, 20, 3),
        };
    }

    private sealed record Measurement(int Dimension, int Replicate, ulong Seed, double[] TrainShift, double TestShift, Spectra? Spectra);

    private sealed record Spectra(double[] TrainH, double[] TestH, double[] TrainG, double[] TestG, double TrainErrH, double TestErrH, double TrainErrG, double TestErrG);

    /// <inheritdoc/>
    public WorkEstimate? Estimate(ClaimContext context)
    {
        var setup = For(context.Profile);
        var p = context.Apply(setup.Parameters);
        double end = context.Setting(ClaimSettings.End, setup.End);
        int seeds = context.Setting(ClaimSettings.Seeds, setup.Seeds);
        double phi = context.Setting(ClaimSettings.SamplesRatio, setup.Phi);
        var total = KgmmWork.Ode(p, 2, end).Then(KgmmWork.Prediction(p).Times(2 + 2 * 8));
        foreach (double d in context.Setting(Dimensions, setup.Dimensions))
        {
            int dimension = p.ValidateDimension((long)d);
            var spectra = d == context.Setting(Dimensions, setup.Dimensions)[^1] ? KgmmWork.Spectra(p, dimension, phi, false, p.K + 1, 2).Times(2) : WorkEstimate.None;
            total = total.Then(KgmmWork.Sgd(p, dimension, end, 2).Then(spectra)
                .Then(new WorkEstimate(4.0 * p.K * Math.Ceiling(phi * dimension) * dimension, 0)).Times(seeds, context.Threads));
        }
        return total;
    }

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var setup = For(context.Profile);
        var p = context.Apply(setup.Parameters);
        double end = context.Setting(ClaimSettings.End, setup.End);
        int seedCount = context.Setting(ClaimSettings.Seeds, setup.Seeds);
        double phi = context.Setting(ClaimSettings.SamplesRatio, setup.Phi);
        var dims = context.Setting(Dimensions, setup.Dimensions).Select(d => p.ValidateDimension((long)d)).ToArray();
        if (seedCount < 2) throw new Models.InputException("kgmm.train-data needs at least 2 seeds (its checks use the standard error)");
        double scale = context.ControlFactor(ControlFactor);
        int k = p.K;
        var grid = TimeGrid.FromPoints([0, end]);
        var clock = new PhaseClock();

        context.Report("theory");
        var ode = SolveOde(p, grid, $"kgmm ODE ({p})", context: context);
        var state = ode.FinalState;
        var shift = new KgmmTrainingShift(p, state, phi, scale);
        double window = shift.WindowLength;
        // Predicted mean margin shift per age bin: midpoint rule (64 ages per bin), classes weighted by p_b.
        var predicted = new double[AgeBins];
        const int agesPerBin = 64;
        for (int i = 0; i < AgeBins; i++)
            for (int q = 0; q < agesPerBin; q++)
            {
                double age = (i + (q + 0.5) / agesPerBin) * window / AgeBins;
                for (int b = 0; b < k; b++) predicted[i] += p.Probabilities[b] * Margin(shift.MeanShift(b, age), b) / agesPerBin;
            }
        var curveAges = Enumerable.Range(0, 61).Select(i => i * window / 60).ToArray();
        var curve = curveAges.Select(a => Enumerable.Range(0, k).Sum(b => p.Probabilities[b] * Margin(shift.MeanShift(b, a), b))).ToArray();
        var testH = KgmmTheory.PredictSpectrum(p, state, KgmmMatrixKind.Hessian, 0, phi);
        var testG = KgmmTheory.PredictSpectrum(p, state, KgmmMatrixKind.G, 0, phi);
        var trainH = KgmmTheory.PredictTrainingSpectrum(p, state, KgmmMatrixKind.Hessian, 0, phi, shiftScale: scale);
        var trainG = KgmmTheory.PredictTrainingSpectrum(p, state, KgmmMatrixKind.G, 0, phi, shiftScale: scale);
        clock.LapTheory();

        var jobs = new List<(int D, int Replicate, ulong Seed)>();
        foreach (int d in dims)
        {
            var seeds = context.ReplicateSeeds(d, seedCount);
            for (int s = 0; s < seedCount; s++) jobs.Add((d, s, seeds[s]));
        }
        int done = 0;
        var results = context.Map(jobs, job =>
        {
            var run = KgmmEngines.All[EngineNames.Full].Run(new KgmmSimulationProblem(p, job.D, unchecked((long)job.Seed), grid), context.Cancellation);
            if (run.Status.Diverged || run.FinalState is null)
                throw new DivergenceException($"{Id}: sgd run d = {job.D}, seed = {job.Seed} {run.Status}", run.Status);
            context.RecordFaults(run.Trajectory.Faults);
            var final = run.FinalState;
            var train = KgmmTestSamples.Training(final, phi);
            var test = KgmmTestSamples.Draw(final, phi);
            var trainShift = BinnedMargins(final, train, window);
            var testShift = BinnedMargins(final, test, window: null)[0];
            KgmmSpectrum Spectrum(KgmmTestSamples samples, KgmmMatrixKind kind)
            {
                var spectrum = KgmmEmpiricalSpectra.Compute(final, samples, new KgmmSpectrumRequest(kind, 0) { Count = k + 1, Threads = 1 });
                context.RecordFault(LanczosFault(spectrum, $"{kind} block 1 ({(samples.Source == KgmmSampleSource.Training ? "train" : "test")}), d = {job.D}, seed {job.Seed}"));
                return spectrum;
            }
            Spectra? spectra = null;
            if (job.D == dims[^1])
            {
                var trH = Spectrum(train, KgmmMatrixKind.Hessian);
                var teH = Spectrum(test, KgmmMatrixKind.Hessian);
                var trG = Spectrum(train, KgmmMatrixKind.G);
                var teG = Spectrum(test, KgmmMatrixKind.G);
                spectra = new Spectra(trH.Values.ToArray(), teH.Values.ToArray(), trG.Values.ToArray(), teG.Values.ToArray(),
                    trH.AlignmentError, teH.AlignmentError, trG.AlignmentError, teG.AlignmentError);
            }
            context.Report($"d = {job.D} run {Interlocked.Increment(ref done)}/{jobs.Count} done");
            return new Measurement(job.D, job.Replicate, job.Seed, trainShift, testShift, spectra);
        });
        clock.LapSimulation();

        var checks = new List<CheckResult>();
        var table = new JsonArray();
        var figureSeries = new List<SeriesSpec>();
        var binCentres = Enumerable.Range(0, AgeBins).Select(i => (i + 0.5) * window / AgeBins).ToArray();
        for (int di = 0; di < dims.Length; di++)
        {
            int d = dims[di];
            var rows = results.Where(r => r.Dimension == d).ToArray();
            var means = new double[AgeBins];
            var errors = new double[AgeBins];
            for (int i = 0; i < AgeBins; i++)
            {
                var summary = EnsembleSummary.Of(rows.Select(r => r.TrainShift[i]).ToArray());
                means[i] = summary.Mean;
                errors[i] = summary.StandardError;
                double lo = i * window / AgeBins, hi = (i + 1) * window / AgeBins;
                checks.Add(Checks.AtMost($"d = {d}, ages [{F(lo)}, {F(hi)}): |mean margin shift − predicted| ≤ 3·SE + 10%",
                    Math.Abs(summary.Mean - predicted[i]), 3 * summary.StandardError + 0.1 * Math.Abs(predicted[i]),
                    $"measured {F(summary.Mean)} ± {F(summary.StandardError)} (SE over {rows.Length} seeds), predicted {F(predicted[i])}"));
            }
            var fresh = EnsembleSummary.Of(rows.Select(r => r.TestShift).ToArray());
            checks.Add(Checks.AtMost($"d = {d}, fresh test samples: |mean margin shift| ≤ 3·SE", Math.Abs(fresh.Mean), 3 * fresh.StandardError,
                $"measured {F(fresh.Mean)} ± {F(fresh.StandardError)}: a fresh sample's x·Z has mean 0 exactly"));

            JsonObject Spectral(Func<Spectra, double[]> train, Func<Spectra, double[]> test, Func<Spectra, double> trainErr, Func<Spectra, double> testErr,
                KgmmSpectralPredictionResult predictedTrain, KgmmSpectralPredictionResult predictedTest)
            {
                var spectra = rows.Select(r => r.Spectra!).ToArray();
                var difference = new JsonArray();
                for (int j = 0; j <= k; j++)
                {
                    var diff = EnsembleSummary.Of(spectra.Select(r => train(r)[j] - test(r)[j]).ToArray());
                    difference.Add((JsonNode)new JsonObject { ["mean"] = diff.Mean, ["se"] = Number(diff.StandardError) });
                }
                return new JsonObject
                {
                    ["train_mean"] = Numbers(Enumerable.Range(0, k + 1).Select(j => spectra.Average(r => train(r)[j]))),
                    ["test_mean"] = Numbers(Enumerable.Range(0, k + 1).Select(j => spectra.Average(r => test(r)[j]))),
                    ["train_minus_test"] = difference,
                    ["err_train_mean"] = spectra.Average(trainErr),
                    ["err_test_mean"] = spectra.Average(testErr),
                    ["predicted_train_outliers"] = Numbers(predictedTrain.OutlierEigenvalues),
                    ["predicted_test_outliers"] = Numbers(predictedTest.OutlierEigenvalues),
                    ["predicted_err_train"] = predictedTrain.AlignmentError,
                    ["predicted_err_test"] = predictedTest.AlignmentError,
                };
            }
            var entry = new JsonObject
            {
                ["d"] = d,
                ["margin_shift_bins_mean"] = Numbers(means),
                ["margin_shift_bins_se"] = Numbers(errors),
                ["margin_shift_bins_predicted"] = Numbers(predicted),
                ["fresh_margin_shift_mean"] = fresh.Mean,
                ["fresh_margin_shift_se"] = Number(fresh.StandardError),
            };
            if (rows.All(r => r.Spectra is not null))
            {
                entry["hessian_block_1"] = Spectral(r => r.TrainH, r => r.TestH, r => r.TrainErrH, r => r.TestErrH, trainH, testH);
                entry["g_block_1"] = Spectral(r => r.TrainG, r => r.TestG, r => r.TrainErrG, r => r.TestErrG, trainG, testG);
            }
            table.Add((JsonNode)entry);
            figureSeries.Add(new SeriesSpec($"training samples, d = {d} (mean ± 3 SE)", binCentres.Select(x => x + (di - (dims.Length - 1) / 2.0) * 0.03 * window).ToArray(), means, SeriesKind.ErrorBars)
            {
                Lower = means.Select((m, i) => m - 3 * errors[i]).ToArray(),
                Upper = means.Select((m, i) => m + 3 * errors[i]).ToArray(),
                ColorIndex = di,
            });
        }
        figureSeries.Add(new SeriesSpec("prediction −(c_δ/λ)e^{−Aa}D (kgmm.md §14.2)", curveAges, curve, SeriesKind.Line) { ColorIndex = 6, Dashed = true });
        clock.LapSimulation();

        var parameters = p.ToJson();
        parameters["T"] = end;
        parameters["phi"] = phi;
        parameters["ds"] = Numbers(dims.Select(d => (double)d));
        parameters["seeds"] = seedCount;
        parameters["block"] = 1;
        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = checks,
            Parameters = parameters,
            Measurements = new JsonObject
            {
                ["window_length"] = window,
                ["decay_rates"] = Numbers(shift.DecayRates),
                ["age_bins"] = Numbers(Enumerable.Range(0, AgeBins + 1).Select(i => i * window / AgeBins)),
                ["sizes"] = table,
            },
            Settings = new JsonObject
            {
                ["theory"] = TheorySettings(ode),
                ["sgd"] = SimulationSettings(context.Engine),
                ["spectra"] = SpectralSettings(phi, dims[^1], 1e-10, "; training data: the last M SGD samples before T (kgmm.md §14)"),
                ["margin"] = "u_j = x^{b_j}·Z_j − (1/k)Σ_c x^c·Z_j, Z_j = Y_j − μ_{b_j}, at the state at T; sample j of the window has age (M − 1 − j)δ",
                ["shift_scale"] = scale,
                ["training_prediction"] = trainH.RuleName,
            },
            Sizes = dims,
            Seeds = results.Select(r => r.Seed).ToArray(),
            Figures =
            [
                new FigureSpec("margin-shift-vs-age", "Own-class margin shift of training samples vs age", "age a = T − s (model time)", "mean of x^b·Z − (1/k)Σ_c x^c·Z", figureSeries)
                {
                    Caption = $"Training samples (the last M = ⌈{F(phi)}d⌉ SGD samples before T = {F(end)}) binned by age; fresh samples have mean 0. "
                              + $"Dashed: the derived shift −(c_δ/λ)e^{{−(βI + H̄/λ)a}}D_{{·b}}, margin part, averaged over b (kgmm.md §14.2). k = {k}, λ = {F(p.Lambda)}, β = {F(p.Beta)}, c_δ = {F(p.CDelta)}.",
                },
            ],
            Notes =
            [
                "The margin shift is checked (kgmm.md §14.2); the spectral numbers are reported only: the training prediction of kgmm.md §14.3 reproduces the S-projected training matrix and the sign of the changes, not the size of the alignment gain (kgmm.md §14.4).",
                "Eigenvalues exclude β (kgmm.md §10).",
            ],
            GoldenTolerances = KgmmClaimKit.GoldenTolerances,
            Timings = clock.Timings,
        };
    }

    /// <summary>Own-class margin of a k-vector of logit shifts: v_b − (1/k)Σ_c v_c.</summary>
    private static double Margin(ReadOnlySpan<double> v, int b)
    {
        double mean = 0;
        foreach (double x in v) mean += x;
        return v[b] - mean / v.Length;
    }

    /// <summary>
    /// Mean of u_j = x^{b_j}·Z_j − (1/k)Σ_c x^c·Z_j over the samples, per age bin of the window (ages (M − 1 − j)δ), or
    /// overall (one entry) when <paramref name="window"/> is null.
    /// </summary>
    private static double[] BinnedMargins(KgmmState state, KgmmTestSamples samples, double? window)
    {
        int k = state.K, d = state.Dimension, m = samples.Count;
        double delta = state.Parameters.CDelta / d;
        int bins = window is null ? 1 : AgeBins;
        var sums = new double[bins];
        var counts = new int[bins];
        var z = new double[d];
        var logits = new double[k];
        for (int j = 0; j < m; j++)
        {
            int b = samples.Labels[j];
            var y = samples.Sample(j);
            var mu = state.Mean(b);
            for (int i = 0; i < d; i++) z[i] = y[i] - mu[i];
            for (int c = 0; c < k; c++) logits[c] = System.Numerics.Tensors.TensorPrimitives.Dot<double>(state.Weight(c), z);
            int bin = window is double w ? Math.Min(bins - 1, (int)((m - 1 - j) * delta / w * bins)) : 0;
            sums[bin] += Margin(logits, b);
            counts[bin]++;
        }
        return sums.Select((s, i) => counts[i] > 0 ? s / counts[i] : double.NaN).ToArray();
    }
}
