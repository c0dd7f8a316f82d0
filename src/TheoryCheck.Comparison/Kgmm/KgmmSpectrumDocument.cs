using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Kgmm;
using TheoryCheck.Theory.Kgmm;

namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// The <c>theorycheck spectrum kgmm</c> document: one SGD run to time T (kgmm.md §3), M = ⌈φd⌉ fresh test samples,
/// the top n eigenpairs of the empirical test Hessian or G (a block Ĥ_cc / Ĝ_cc or the full kd×kd matrix; β
/// excluded, §10) by Lanczos with Ritz residuals, the alignment numbers of §12, and, in the same document, the d → ∞
/// prediction at the ODE state (m, R)(T): for a block the effective spectral prediction of §11 (outliers, bulk edge,
/// err_pred, ‖r̃_j‖²) and the population block spectrum (§9.4); for the full matrix the population spectrum of 𝒦 and
/// its bulk levels (§9.5; §11 is derived per block only).
/// </summary>
public static class KgmmSpectrumDocument
{
    /// <summary>The document for <paramref name="request"/>; bad input (block, d, top) throws <see cref="InputException"/>.</summary>
    /// <exception cref="DivergenceException">The SGD run or the ODE stopped before T (diverged, or the ODE's step budget ran out).</exception>
    /// <remarks>
    /// Faults that do not stop the computation — Lanczos not converged (or the fresh-start check failed), a QMC error
    /// above its tolerance — are listed under <c>faults</c>. With <see cref="SpectrumRequest.WorkBudget"/> the ODE's
    /// step budget and Lanczos's restarts are held to it.
    /// </remarks>
    public static JsonObject Build(KgmmParameters parameters, SpectrumRequest request)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(request);
        int k = parameters.K;
        int d = parameters.ValidateDimension(request.Dimension);
        int? block = ParseBlock(request.Block, k);
        var matrix = request.Matrix switch
        {
            "hessian" => KgmmMatrixKind.Hessian,
            "g" => KgmmMatrixKind.G,
            _ => throw new InputException($"--matrix must be hessian or g (got '{request.Matrix}')"),
        };
        int dimension = block is null ? k * d : d;
        if (request.Top > dimension) throw new InputException($"--top must be ≤ the matrix dimension {dimension} (got {request.Top})");
        if (!double.IsFinite(request.Time) || request.Time < 0) throw new InputException($"--t must be a finite number ≥ 0 (got {request.Time})");
        if (!(request.SamplesRatio > 0) || !(request.SamplesRatio * d <= int.MaxValue / 2))
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"--samples-ratio {request.SamplesRatio:G} gives M = φ·d = {request.SamplesRatio * d:G3} test samples: M must lie in [1, {int.MaxValue / 2}]"));
        var theoryOptions = request.WorkBudget is double budget ? KgmmWork.OdeOptions(parameters, request.Time, budget) : KgmmTheoryOptions.Default;
        var lanczos = request.WorkBudget is double lanczosBudget
            ? KgmmWork.LanczosOptionsFor(parameters, d, request.SamplesRatio, block is null, request.Top, lanczosBudget)
            : null;

        var grid = request.Time > 0 ? TimeGrid.FromPoints([0, request.Time]) : TimeGrid.FromPoints([0]);
        var problem = new KgmmSimulationProblem(parameters, d, unchecked((long)request.Seed), grid);
        int sampleCount = KgmmTestSamples.SampleCount(request.SamplesRatio, d);
        bool training = request.WantsTrainingData(problem.StepAt(request.Time), parameters.CDelta / d, sampleCount);
        var run = KgmmEngines.All[EngineNames.Full].Run(problem);
        if (run.Status.Diverged || run.FinalState is null)
            throw new DivergenceException($"sgd run (d = {d}, seed = {request.Seed}) {run.Status}", run.Status);
        KgmmSpectrum spectrum;
        try
        {
            spectrum = KgmmEmpiricalSpectra.Compute(run.FinalState, request.SamplesRatio,
                new KgmmSpectrumRequest(matrix, block)
                {
                    Count = request.Top, Lanczos = lanczos,
                    Source = training ? KgmmSampleSource.Training : KgmmSampleSource.Test,
                });
        }
        catch (InvalidOperationException e)
        {
            // Lanczos stops on a non-finite product: the empirical matrix overflowed (e.g. λ so small that the samples do).
            throw new DivergenceException($"empirical {request.Matrix} spectrum of the state at t = {run.FinalState.Time:G6} (d = {d}, seed = {request.Seed}): {e.Message}");
        }

        var ode = KgmmTheory.Solve(parameters, grid, theoryOptions);
        if (ode.Status.Diverged) throw new DivergenceException($"kgmm ODE {ode.Status}", ode.Status);
        var faults = new List<NumericalFault>(run.Trajectory.Faults);
        faults.AddRange(ode.Faults);
        if (spectrum.ConvergenceFault($"Lanczos for the top {request.Top} eigenpairs of the {request.Matrix} {(block is int b0 ? $"block {b0 + 1}" : "matrix")}") is { } lanczosFault)
            faults.Add(lanczosFault);
        var state = ode.FinalState;
        var population = KgmmTheory.PopulationMatrices(parameters, state);
        var prediction = new JsonObject
        {
            ["t"] = ode.Times[^1],
            ["m"] = KgmmClaimKit.Numbers(state.M.ToArray()),
            ["r"] = KgmmClaimKit.Numbers(state.R.ToArray()),
            ["state_layout"] = "m = m[c,a] and r = R[c,e] of the ODE state, each k×k row-major",
            ["ode"] = ode.Diagnostics(),
        };
        var alignment = new JsonObject
        {
            ["vector"] = block is int c0 ? $"x^{c0 + 1}" : "stacked x = (x^1; …; x^k)",
            ["rank"] = spectrum.AlignmentRank,
            ["error"] = spectrum.AlignmentError,
            ["mean_span_cos2"] = KgmmClaimKit.Numbers(spectrum.MeanSpanCosinesSquared),
            ["mean_span_residual"] = spectrum.MeanSpanResidual,
        };
        if (block is int c)
        {
            var predicted = KgmmTheory.PredictSpectrum(parameters, state, matrix, c, request.SamplesRatio, top: spectrum.AlignmentRank);
            prediction["kind"] = "effective spectral prediction for the block, M/d = φ fixed (kgmm.md §11)";
            prediction["outliers"] = KgmmClaimKit.Numbers(predicted.OutlierEigenvalues);
            prediction["outlier_squared_overlaps"] = KgmmClaimKit.Numbers(predicted.Outliers.Select(o => o.SquaredOverlap));
            prediction["edge"] = predicted.UpperEdge;
            prediction["edge_kind"] = predicted.EdgeKind.ToString();
            prediction["lower_edge"] = predicted.LowerEdge;
            prediction["err_pred"] = predicted.AlignmentError;
            prediction["err_pred_rank"] = predicted.TopCount;
            prediction["quadrature"] = predicted.RuleName;
            prediction["quadrature_error_estimate"] = KgmmClaimKit.Number(predicted.QuadratureErrorEstimate);
            var blockSpectrum = population.BlockSpectrum(matrix, c);
            prediction["population"] = PopulationJson(blockSpectrum, d, request.Top, population.RuleName);
            if (training)
            {
                // kgmm.md §14.3: the training-window prediction (own-sample shift of weights and x⊥ coordinates).
                var trainingPrediction = KgmmTheory.PredictTrainingSpectrum(parameters, state, matrix, c, request.SamplesRatio, top: spectrum.AlignmentRank);
                prediction["training"] = new JsonObject
                {
                    ["kind"] = "training-data prediction: weights at the own-sample-shifted logits and the shifted x⊥ coordinates (kgmm.md §14.3; its alignment gain is right in sign only, §14.4)",
                    ["outliers"] = KgmmClaimKit.Numbers(trainingPrediction.OutlierEigenvalues),
                    ["edge"] = trainingPrediction.UpperEdge,
                    ["err_pred"] = trainingPrediction.AlignmentError,
                };
            }
            alignment["error_predicted"] = predicted.AlignmentError;
            alignment["mean_span_cos2_predicted_min"] = predicted.Outliers.Count > 0 ? predicted.Outliers.Take(spectrum.AlignmentRank).Min(o => o.SquaredOverlap) : null;
        }
        else
        {
            prediction["kind"] = "population matrix at the ODE state (kgmm.md §9.5); the finite-φ prediction of §11 is derived per block only";
            prediction["population"] = PopulationJson(population.FullSpectrum(matrix), d, request.Top, population.RuleName);
        }

        return new JsonObject
        {
            ["model"] = KgmmModel.Id,
            ["engine"] = "spectrum",
            ["params"] = parameters.ToJson(),
            ["d"] = d,
            ["seed"] = request.Seed,
            ["t"] = request.Time,
            ["step"] = run.FinalState.Step,
            ["matrix"] = request.Matrix,
            ["block"] = block is int b ? b + 1 : null,
            ["top"] = request.Top,
            ["data"] = training ? SpectrumRequest.DataTrain : SpectrumRequest.DataTest,
            ["conventions"] = new JsonObject
            {
                ["penalty"] = KgmmSpectrum.PenaltyConvention,
                ["samples"] = training
                    ? $"M = ⌈φ·d⌉ = {spectrum.SampleCount} training samples (φ = {request.SamplesRatio.ToString("G", CultureInfo.InvariantCulture)}): the samples of SGD steps {run.FinalState.Step - spectrum.SampleCount + 1}…{run.FinalState.Step}, the last M the run used (kgmm.md §14)"
                    : $"M = ⌈φ·d⌉ = {spectrum.SampleCount} fresh test samples (φ = {request.SamplesRatio.ToString("G", CultureInfo.InvariantCulture)}), independent of the SGD samples (kgmm.md §10)",
                ["eigensolver"] = $"thick-restart Lanczos with full re-orthogonalisation, relative residual tolerance {spectrum.Tolerance.ToString("G", CultureInfo.InvariantCulture)}",
                ["alignment"] = "err(x, top-j) = ‖x − UUᵀx‖/‖x‖ with U the top-j eigenvectors; cos² of the principal angles to span(μ) (kgmm.md §12)",
            },
            ["empirical"] = spectrum.ToJson(),
            ["alignment"] = alignment,
            ["prediction"] = prediction,
            ["sgd"] = run.Trajectory.Diagnostics.DeepClone(),
            ["faults"] = new JsonArray(faults.Select(f => (JsonNode?)f.ToJson()).ToArray()),
        };
    }

    /// <summary>Parses a block name "1".."k" to a 0-based class (null: full matrix).</summary>
    public static int? ParseBlock(string? name, int k)
    {
        if (name is null) return null;
        if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int c) || c < 1 || c > k)
            throw new InputException($"--block must be a class index 1..{k} for kgmm (got '{name}'); omit it for the full matrix");
        return c - 1;
    }

    private static JsonObject PopulationJson(KgmmPopulationSpectrum spectrum, int d, int top, string rule) => new()
    {
        ["small_matrix_eigenvalues"] = KgmmClaimKit.Numbers(spectrum.Eigenvalues),
        ["bulk_levels"] = KgmmClaimKit.Numbers(spectrum.BulkLevels),
        ["top"] = KgmmClaimKit.Numbers(spectrum.Top(top, d)),
        ["subspace_dimension"] = spectrum.SubspaceDimension,
        ["quadrature"] = rule,
    };
}
