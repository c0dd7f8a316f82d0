using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Golden;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Xor;
using TheoryCheck.Theory.Xor;

namespace TheoryCheck.Comparison.Xor;

/// <summary>
/// What the xor claims (claims.md §2) share and nothing else: the theory options per profile (scrambled Sobol' with
/// N = 2¹⁴ points at test and quick, 2¹⁶ at full, claims.md §2) with a negative-control perturbation, ODE solves that
/// throw on divergence, ensembles of SGD runs keyed by (claim, label, d, replicate), the
/// settings blocks of the xor results and their golden tolerances. Number formatting and JSON numbers are the shared
/// <see cref="NumberText"/> and <see cref="ClaimResultJson"/>.
/// </summary>
internal static class XorClaimKit
{
    /// <summary>Golden tolerances of the xor claims: absolute 1e-9 plus relative 1e-7 on every field.</summary>
    public static IReadOnlyList<GoldenTolerance> GoldenTolerances { get; } = [new GoldenTolerance("*", 1e-9, 1e-7)];

    /// <summary>Formats a number with 4 significant digits for check names and captions.</summary>
    public static string F(double x) => NumberText.Format(x, 4);

    /// <summary>
    /// The theory options of a profile (claims.md §2: N = 2¹⁴ at quick, 2¹⁶ at full, as R = 4 scramblings of n points; the
    /// test profile, a regression check, uses N = 2¹², whose QMC error, ~2e-4, is far below every xor tolerance) with
    /// <paramref name="perturbation"/> (null or none: the derived ODE).
    /// </summary>
    public static XorTheoryOptions TheoryOptions(Profile profile, XorTheoryPerturbation? perturbation = null)
    {
        var options = profile switch
        {
            Profile.Full => XorTheoryOptions.Default with { QmcPointsPerBlock = 1 << 14 },
            Profile.Test => XorTheoryOptions.Default with { QmcPointsPerBlock = 1 << 10 },
            _ => XorTheoryOptions.Default,
        };
        return perturbation is null || perturbation.IsNone ? options : options with { Perturbation = perturbation };
    }

    /// <summary>
    /// The options of a claim that needs the ODE state at T only (the spectral claims): those of the profile with
    /// Dormand–Prince at rtol 1e-4 (docs/theory/xor.md §5.1: rtol 1e-4…1e-6 agree to 6e-6 at t = 30, λ = 50) and without
    /// the trajectory QMC error estimate (the RHS standard error over the scramblings at the start and at T is recorded).
    /// </summary>
    public static XorTheoryOptions StateOptions(Profile profile, XorTheoryPerturbation? perturbation = null) =>
        TheoryOptions(profile, perturbation) with { RelativeTolerance = 1e-4, EstimateQmcError = false };

    private static readonly ConcurrentDictionary<string, Lazy<XorOdeSolution>> s_solutions = new(StringComparer.Ordinal);

    /// <summary>
    /// The ODE on <paramref name="grid"/>; throws <see cref="DivergenceException"/> when it stopped early. Solutions without a
    /// perturbation are kept for the process (the ODE is deterministic: common random numbers), so claims that share a
    /// start and a grid — <c>xor.first-layer-alignment</c> and the good start of <c>xor.rank-deficiency</c> — solve it once.
    /// </summary>
    public static XorOdeSolution SolveOde(XorParameters parameters, TimeGrid grid, string what, XorTheoryOptions options)
    {
        XorOdeSolution Solve()
        {
            var solution = XorTheory.Solve(parameters, grid, options);
            if (solution.Status.Diverged) throw new DivergenceException($"{what}: xor ODE {solution.Status}", solution.Status);
            return solution;
        }
        if (options.Perturbation is { IsNone: false }) return Solve();
        string key = string.Join("|", parameters.ToString(), string.Join(",", grid.Times.Select(t => t.ToString("R", CultureInfo.InvariantCulture))), options.ToString());
        var lazy = s_solutions.GetOrAdd(key, _ => new Lazy<XorOdeSolution>(Solve, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            s_solutions.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>A seed label for a sub-experiment, e.g. <c>width=8</c>, <c>start=bad</c> (claims.md §0.2).</summary>
    public static string Label(string name, double value) => string.Create(CultureInfo.InvariantCulture, $"{name}={value:R}");

    /// <summary>One SGD problem per seed (the 64-bit seeds reinterpreted as the problem's signed seed).</summary>
    public static XorSimulationProblem[] Problems(XorParameters parameters, int dimension, IEnumerable<ulong> seeds, TimeGrid grid,
        IReadOnlyList<double>? snapshotTimes = null) =>
        seeds.Select(seed => new XorSimulationProblem(parameters, dimension, unchecked((long)seed), grid, snapshotTimes)).ToArray();

    /// <summary>
    /// Runs the problems on the context's threads with engine <c>full</c> (results in problem order), records their faults,
    /// and throws <see cref="DivergenceException"/> for the first diverged run.
    /// </summary>
    public static XorRun[] RunAll(ClaimContext context, IReadOnlyList<XorSimulationProblem> problems, string what)
    {
        var engine = XorEngines.All[EngineNames.Full];
        int done = 0;
        int every = Math.Max(1, problems.Count / 10);
        var runs = context.Map(problems, problem =>
        {
            var run = engine.Run(problem, context.Cancellation);
            context.RecordFaults(run.Trajectory.Faults);
            int finished = Interlocked.Increment(ref done);
            if (finished % every == 0 || finished == problems.Count)
                context.Report($"{what}: d = {problem.Dimension} run {finished}/{problems.Count} done");
            return run;
        });
        foreach (var run in runs)
            if (run.Status.Diverged || run.FinalState is null)
                throw new DivergenceException($"{what}: sgd run d = {run.Problem.Dimension}, seed = {run.Problem.Seed} {run.Status}", run.Status);
        return runs;
    }

    /// <summary>The SGD side of the settings block.</summary>
    public static JsonObject SimulationSettings(XorInitialisation init) => new()
    {
        ["engine"] = "full: online SGD on the d-dimensional first layer (XorSgd), δ = cdelta/d, t = ℓδ, record at the step nearest to t/δ",
        ["frame"] = XorSgd.FrameConvention,
        ["initialisation"] = init == XorInitialisation.Warm
            ? "warm: W_i = mmu0_i μ + mnu0_i ν + √rperp0 u_i, v = v0 (statistics at t = 0 exact, xor.md §3)"
            : "random: v_i ~ N(0, 1), W_i ~ N(0, I_d/d), independent (xor.md §3)",
        ["random"] = "Philox4x32-10 streams xor.frame / xor.init / xor.sgd / xor.test keyed by (seed, d); seeds keyed by (claim, label, d, replicate)",
        ["observables"] = "loss and accuracy of the iterate's own statistics by the model formulas (xor.md §6); covered: xor.md §7.3, τ = 0.05",
    };

    /// <summary>The spectral conventions block (β excluded, φ, M = ⌈φd⌉, eigensolvers).</summary>
    public static JsonObject SpectralSettings(double samplesRatio, int dimension) => new()
    {
        ["penalty"] = XorFirstLayerSpectrum.PenaltyConvention,
        ["samples_ratio"] = samplesRatio,
        ["M"] = XorSampleSet.SampleCount(samplesRatio, dimension),
        ["samples"] = "M = ⌈φ·d⌉ fresh test samples per run (set 0, stream xor.test), independent of the SGD samples (xor.md §9.4)",
        ["eigensolvers"] = "first-layer blocks: thick-restart Lanczos (matrix-free over the active samples, full re-orthogonalisation, fresh-start check); second layer: dense Jacobi (K×K)",
        ["alignment"] = "err(x, U) = ‖x − UUᵀx‖/‖x‖ with U the top-2 (first layer) or top-4 (second layer) eigenvectors; cos² of the principal angles to span(μ, ν) (xor.md §10)",
    };

    /// <summary>Seed mean of one observable at each grid index over runs.</summary>
    public static double[] MeanSeries(IReadOnlyList<XorRun> runs, string name)
    {
        int n = runs[0].Trajectory.Times.Count;
        var mean = new double[n];
        foreach (var run in runs)
        {
            var series = run.Trajectory[name];
            for (int i = 0; i < n; i++) mean[i] += series[i] / runs.Count;
        }
        return mean;
    }
}
