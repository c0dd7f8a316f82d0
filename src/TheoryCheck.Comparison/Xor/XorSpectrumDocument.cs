using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Simulation.Xor;
using TheoryCheck.Theory.Xor;

namespace TheoryCheck.Comparison.Xor;

/// <summary>
/// The <c>theorycheck spectrum xor --block W1…WK|v --matrix hessian|g</c> document: one SGD run to time T (xor.md §3),
/// M = ⌈φd⌉ fresh test samples (xor.md §9.4), and either the top n eigenpairs of the first-layer block Ĥ_{W_iW_i} or
/// Ĝ_{W_iW_i} (block <c>Wi</c>; Lanczos with Ritz residuals, err(W_i, top-2), cos² of the principal angles to span(μ, ν))
/// or all K eigenvalues of the second-layer Ĥ_vv or Ĝ_vv (block <c>v</c>; outlier count, err(v, top-4)); β excluded.
/// With <c>init = warm</c> the same document carries the d → ∞ prediction at the ODE state at T: for a first-layer block
/// the effective spectral prediction of xor.md §9.2 (outliers, bulk edge, err_pred, predicted cos²), for the second layer
/// the QMC population matrix of §9.3 (eigenvalues, outlier count). A random start has no ODE (xor.md §8): no prediction.
/// </summary>
public static class XorSpectrumDocument
{
    /// <summary>The document for <paramref name="request"/>; bad input (block, d, top, φ, t) throws <see cref="InputException"/>.</summary>
    /// <exception cref="DivergenceException">The SGD run or the ODE stopped before T.</exception>
    public static JsonObject Build(XorParameters parameters, SpectrumRequest request)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(request);
        int k = parameters.Width;
        int d = parameters.ValidateDimension(request.Dimension);
        int? neuron = ParseBlock(request.Block, k);
        var kind = request.Matrix switch
        {
            "hessian" => XorMatrixKind.Hessian,
            "g" => XorMatrixKind.G,
            _ => throw new InputException($"--matrix must be hessian or g (got '{request.Matrix}')"),
        };
        CheckTop(request.Top, neuron, k, d);
        if (!double.IsFinite(request.Time) || request.Time < 0) throw new InputException($"--t must be a finite number ≥ 0 (got {request.Time})");
        if (!(request.SamplesRatio > 0) || !(request.SamplesRatio * d <= int.MaxValue / 2))
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"--samples-ratio {request.SamplesRatio:G} gives M = φ·d = {request.SamplesRatio * d:G3} test samples: M must lie in [1, {int.MaxValue / 2}]"));

        var grid = request.Time > 0 ? TimeGrid.FromPoints([0, request.Time]) : TimeGrid.FromPoints([0]);
        var problem = new XorSimulationProblem(parameters, d, unchecked((long)request.Seed), grid);
        bool training = request.WantsTrainingData(problem.StepAt(request.Time), parameters.CDelta / d, XorSampleSet.SampleCount(request.SamplesRatio, d));
        var run = XorEngines.All.Default.Run(problem);
        if (run.Status.Diverged || run.FinalState is null)
            throw new DivergenceException($"sgd run (d = {d}, seed = {request.Seed}) {run.Status}", run.Status);
        var state = run.FinalState;
        var samples = training ? XorSampleSet.Training(state, request.SamplesRatio) : XorSampleSet.Test(state, request.SamplesRatio);
        var matrices = new XorEmpiricalMatrices(state, samples);
        var faults = new List<NumericalFault>(run.Trajectory.Faults);
        JsonObject empirical;
        if (neuron is int i)
        {
            XorFirstLayerSpectrum spectrum;
            try
            {
                spectrum = matrices.FirstLayer(i, kind, Math.Max(2, request.Top));
            }
            catch (InvalidOperationException e)
            {
                throw new DivergenceException($"empirical {request.Matrix} block W{i + 1} at t = {state.Time:G6} (d = {d}, seed = {request.Seed}): {e.Message}");
            }
            empirical = spectrum.ToJson();
            if (!(spectrum.Converged && spectrum.FreshStartCheckPassed))
                faults.Add(new NumericalFault(NumericalFault.LanczosNotConverged,
                    $"Lanczos for the top {request.Top} eigenpairs of the {request.Matrix} block W{i + 1}: " + (spectrum.Converged ? "the fresh-start check found a missed eigenvalue" : "residuals above tolerance")));
        }
        else
        {
            empirical = matrices.SecondLayer(kind).ToJson();
        }

        JsonObject? prediction = null;
        if (parameters.Init == XorInitialisation.Warm)
        {
            var ode = XorTheory.Solve(parameters, grid, XorTheoryOptions.Default with { EstimateQmcError = false });
            if (ode.Status.Diverged) throw new DivergenceException($"xor ODE {ode.Status}", ode.Status);
            var theoryState = ode.FinalState;
            prediction = new JsonObject
            {
                ["t"] = ode.Times[^1],
                ["statistics"] = ClaimResultJson.Numbers(theoryState.ToPacked()),
                ["covered"] = XorCoverage.Count(theoryState),
                ["ode"] = ode.Diagnostics(),
            };
            if (neuron is int n)
            {
                var predicted = XorSpectralPrediction.FirstLayer(parameters, theoryState, n, kind, request.SamplesRatio);
                prediction["kind"] = "effective spectral prediction for the first-layer block, M/d = φ fixed (xor.md §9.2)";
                prediction["outliers"] = ClaimResultJson.Numbers(predicted.OutlierEigenvalues);
                prediction["edge"] = predicted.UpperEdge;
                prediction["visible_edge"] = predicted.VisibleEdge;
                prediction["err_pred"] = predicted.AlignmentError;
                prediction["mu_nu_cos2"] = ClaimResultJson.Numbers(predicted.MuNuCosinesSquared);
                prediction["population_eigenvalues"] = ClaimResultJson.Numbers(predicted.Population.Eigenvalues);
                prediction["population_bulk_level"] = predicted.Population.BulkLevel;
                prediction["qmc_error_estimate"] = ClaimResultJson.Number(predicted.QmcErrorEstimate);
                prediction["rule"] = predicted.RuleName;
            }
            else
            {
                var predicted = XorSpectralPrediction.SecondLayer(parameters, theoryState, kind);
                prediction["kind"] = "population second-layer matrix at the ODE state by QMC (xor.md §9.3; K×K, no bulk)";
                prediction["eigenvalues"] = ClaimResultJson.Numbers(predicted.Eigenvalues);
                prediction["outlier_count"] = predicted.OutlierCount;
                prediction["err_v_top4"] = ClaimResultJson.Number(predicted.AlignmentError);
                prediction["err_v_cluster_span"] = ClaimResultJson.Number(predicted.ClusterSpanAlignmentError);
                prediction["standard_error"] = ClaimResultJson.Number(predicted.StandardError);
                prediction["rule"] = predicted.RuleName;
            }
        }

        return new JsonObject
        {
            ["model"] = XorModel.Id,
            ["engine"] = "spectrum",
            ["params"] = parameters.ToJson(),
            ["d"] = d,
            ["seed"] = request.Seed,
            ["t"] = request.Time,
            ["step"] = state.Step,
            ["matrix"] = request.Matrix,
            ["block"] = neuron is int b ? $"W{b + 1}" : "v",
            ["data"] = training ? SpectrumRequest.DataTrain : SpectrumRequest.DataTest,
            ["top"] = neuron is null ? k : request.Top,
            ["conventions"] = new JsonObject
            {
                ["penalty"] = XorFirstLayerSpectrum.PenaltyConvention,
                ["samples"] = training
                    ? $"M = ⌈φ·d⌉ = {samples.Count} training samples (φ = {request.SamplesRatio.ToString("G", CultureInfo.InvariantCulture)}): the samples of SGD steps {state.Step - samples.Count + 1}…{state.Step}, the last M the run used (xor.md §15)"
                    : $"M = ⌈φ·d⌉ = {samples.Count} fresh test samples (φ = {request.SamplesRatio.ToString("G", CultureInfo.InvariantCulture)}), independent of the SGD samples (xor.md §9.4)",
                ["eigensolver"] = neuron is null ? "dense Jacobi on the K×K matrix (all K eigenvalues)" : "thick-restart Lanczos with full re-orthogonalisation (matrix-free over the active samples)",
                ["alignment"] = neuron is null
                    ? "err(v, top-min(4, K)) = ‖v − UUᵀv‖/‖v‖; outliers: eigenvalues above 0.1 × the largest (xor.md §9.3)"
                    : "err(W_i, top-2) = ‖W_i − UUᵀW_i‖/‖W_i‖; cos² of the principal angles between the top-2 space and span(μ, ν) (xor.md §10)",
            },
            ["empirical"] = empirical,
            ["prediction"] = prediction ?? (JsonNode)"none: init = random has no ODE (xor.md §8)",
            ["sgd"] = run.Trajectory.Diagnostics.DeepClone(),
            ["faults"] = new JsonArray(faults.Select(f => (JsonNode?)f.ToJson()).ToArray()),
        };
    }

    /// <summary>
    /// Parses a block name: <c>W1</c>…<c>WK</c> (a first-layer block, 0-based neuron returned) or <c>v</c> (the second
    /// layer, null). A missing or other name throws <see cref="InputException"/> (xor has no full-matrix spectrum).
    /// </summary>
    public static int? ParseBlock(string? name, int k)
    {
        if (name is "v") return null;
        if (name is { Length: > 1 } && name[0] == 'W'
            && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int i) && i >= 1 && i <= k)
            return i - 1;
        throw new InputException(name is null
            ? $"--block is required for xor: W1..W{k} (a first-layer block Ĥ_{{W_iW_i}}) or v (the second layer)"
            : $"--block must be W1..W{k} or v for xor (got '{name}')");
    }

    /// <summary>Checks --top: a first-layer block has d eigenvalues (n ≤ d); the second layer is K×K (all K are reported).</summary>
    public static void CheckTop(int top, int? neuron, int k, int d)
    {
        if (top < 1) throw new InputException($"--top must be ≥ 1 (got {top})");
        if (neuron is not null && top > d) throw new InputException($"--top must be ≤ the block dimension d = {d} (got {top})");
    }
}
