using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Golden;
using TheoryCheck.Models;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Kgmm;
using TheoryCheck.Theory.Kgmm;

namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// Helpers shared by the kgmm claims: the swept-list settings, JSON numbers, the standard settings blocks and
/// ensembles of SGD runs with the context's engine.
/// </summary>
internal static class KgmmClaimKit
{
    /// <summary><c>cdeltas</c>: the step-size constants c_δ a claim sweeps.</summary>
    public static ClaimSetting<double[]> CDeltas { get; } = ClaimSettings.List("cdeltas", "step-size constants c_δ swept", 2, sweeps: "cdelta");

    /// <summary><c>lambdas</c>: the SNRs λ a claim sweeps.</summary>
    public static ClaimSetting<double[]> Lambdas { get; } = ClaimSettings.List("lambdas", "SNRs λ swept", 1, sweeps: "lambda");

    /// <summary>A JSON number (non-finite values as "NaN"/"Infinity" strings, as in result.json).</summary>
    public static JsonNode? Number(double value) => ClaimResultJson.Number(value);

    /// <summary>A JSON array of numbers.</summary>
    public static JsonArray Numbers(IEnumerable<double> values) => ClaimResultJson.Numbers(values);

    /// <summary>Formats a number for check names and captions.</summary>
    public static string F(double x) => NumberText.Format(x, 4);

    /// <summary>The SGD side of the settings block.</summary>
    public static JsonObject SimulationSettings(string engine) => new()
    {
        ["engine"] = engine == EngineNames.Full
            ? "full: full-vector online SGD (KgmmSgd), δ = cdelta/d, t = ℓδ, record at the step nearest to t/δ"
            : $"{engine}: δ = cdelta/d, t = ℓδ, record at the step nearest to t/δ",
        ["means"] = KgmmSgd.MeansConvention,
        ["initialisation"] = "x^c_0 ~ N(0, I_d/d), independent (kgmm.md §3)",
        ["random"] = "Philox4x32-10 counter streams kgmm.means / kgmm.init / kgmm.sgd / kgmm.test keyed by (seed, d); seeds keyed by (claim, label, d, replicate)",
        ["observables"] = "loss and accuracy of the iterate's own (m, R) by the model formulas (kgmm.md §7)",
    };

    /// <summary>The theory side of the settings block (solver, tolerances, quadrature and its error estimate).</summary>
    public static JsonObject TheorySettings(KgmmOdeSolution solution) => solution.Diagnostics();

    /// <summary>The spectral conventions block (β excluded, φ, M = ⌈φd⌉, Lanczos tolerance).</summary>
    public static JsonObject SpectralSettings(double samplesRatio, int dimension, double lanczosTolerance, string extra = "") => new()
    {
        ["penalty"] = KgmmSpectrum.PenaltyConvention,
        ["samples_ratio"] = samplesRatio,
        ["M"] = KgmmTestSamples.SampleCount(samplesRatio, dimension),
        ["samples"] = "M = ⌈φ·d⌉ fresh test samples per run (set 0), independent of the SGD samples (kgmm.md §10)",
        ["eigensolver"] = "thick-restart Lanczos, full re-orthogonalisation, fresh-start check",
        ["lanczos_tolerance"] = lanczosTolerance,
        ["alignment"] = "err(x, U) = ‖x − UUᵀx‖/‖x‖, U = top-k eigenvectors; cos² of principal angles to span(μ) (kgmm.md §12)" + extra,
    };

    /// <summary>
    /// Golden tolerances shared by every kgmm claim: absolute 1e-9 plus relative 1e-7 on every field (looser than
    /// <see cref="GoldenTolerance.Default"/>, 1e-12 plus 1e-9).
    /// </summary>
    public static IReadOnlyList<GoldenTolerance> GoldenTolerances { get; } = [new GoldenTolerance("*", 1e-9, 1e-7)];

    /// <summary>The ODE solution on <paramref name="grid"/>; throws <see cref="DivergenceException"/> ("<paramref name="what"/> status") when it diverged.</summary>
    /// <remarks>Faults that do not stop the solve (a QMC error above its tolerance) are recorded in <paramref name="context"/> when given.</remarks>
    public static KgmmOdeSolution SolveOde(KgmmParameters p, TimeGrid grid, string what, KgmmTheoryOptions? options = null, ClaimContext? context = null)
    {
        var solution = KgmmTheory.Solve(p, grid, options);
        if (solution.Status.Diverged) throw new DivergenceException($"{what} {solution.Status}", solution.Status);
        context?.RecordFaults(solution.Faults.Select(f => f with { Message = $"{what}: {f.Message}" }));
        return solution;
    }

    /// <summary>The Lanczos fault of a spectrum that did not converge or failed its fresh-start check (<paramref name="what"/> names it), or null.</summary>
    public static NumericalFault? LanczosFault(KgmmSpectrum spectrum, string what) => spectrum.ConvergenceFault(what);

    /// <summary>One SGD problem per seed (the 64-bit seed reinterpreted as the problem's signed seed).</summary>
    public static IEnumerable<KgmmSimulationProblem> Problems(KgmmParameters p, int dimension, IEnumerable<ulong> seeds, TimeGrid grid) =>
        seeds.Select(seed => new KgmmSimulationProblem(p, dimension, unchecked((long)seed), grid));

    /// <summary>
    /// Runs the problems on the context's threads (results in problem order) and throws
    /// <see cref="DivergenceException"/> for the first diverged run.
    /// </summary>
    public static KgmmRun[] RunAll(ClaimContext context, IReadOnlyList<KgmmSimulationProblem> problems, string what)
    {
        var engine = KgmmEngines.All[context.Engine];
        int done = 0;
        var runs = context.Map(problems, problem =>
        {
            var run = engine.Run(problem, context.Cancellation);
            context.RecordFaults(run.Trajectory.Faults);
            context.Report($"{what}: d = {problem.Dimension} run {Interlocked.Increment(ref done)}/{problems.Count} done");
            return run;
        });
        foreach (var run in runs)
            if (run.Status.Diverged)
                throw new DivergenceException($"{what}: sgd run d = {run.Problem.Dimension}, seed = {run.Problem.Seed} {run.Status}", run.Status);
        return runs;
    }

    /// <summary>The mean over c of the diagonal entries A[c,c] of a k×k row-major matrix.</summary>
    public static double DiagonalMean(ReadOnlySpan<double> matrix, int k)
    {
        double s = 0;
        for (int c = 0; c < k; c++) s += matrix[c * k + c];
        return s / k;
    }
}
