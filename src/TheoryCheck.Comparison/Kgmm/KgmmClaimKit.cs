using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Golden;
using TheoryCheck.Models;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;
using TheoryCheck.Simulation.Kgmm;
using TheoryCheck.Theory.Kgmm;

namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// Helpers shared by the kgmm claims: profile parameters with the user's overrides, claim-level knobs (T, d, seeds,
/// swept lists), JSON numbers, the standard settings blocks and ensembles of SGD runs.
/// </summary>
internal static class KgmmClaimKit
{
    /// <summary>
    /// The profile's model parameters with the user's <c>--set</c> overrides of model parameters applied.
    /// <paramref name="knobs"/> are claim-level names read elsewhere (skipped here); <paramref name="swept"/> is the
    /// model parameter the claim sweeps (an override of it is refused with a hint to the list knob).
    /// </summary>
    public static KgmmParameters Parameters(ClaimContext context, KgmmParameters profile, string[] knobs, (string Name, string Knob)? swept = null)
    {
        var values = KgmmModel.Descriptor.Defaults
            .With(KgmmModel.Id, "k", JsonValue.Create((long)profile.K))
            .With(KgmmModel.Id, "lambda", profile.Lambda)
            .With(KgmmModel.Id, "beta", profile.Beta)
            .With(KgmmModel.Id, "cdelta", profile.CDelta);
        if (!profile.IsUniform) values = values.With(KgmmModel.Id, "p", new JsonArray(profile.P.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray()));
        var overrides = context.OverrideMap();
        if (swept is { } sw && overrides.ContainsKey(sw.Name))
            throw new InputException($"claim '{context.ClaimId}' sweeps '{sw.Name}': set the list with '{sw.Knob}=a,b,…' instead");
        if (overrides.ContainsKey("seed"))
            throw new InputException($"claim '{context.ClaimId}' keys its seeds by (claim, d, replicate); set the number of replicates with 'seeds=N'");
        if (overrides.ContainsKey("d") && !knobs.Contains("d"))
            throw new InputException($"claim '{context.ClaimId}' takes its sizes from the profile (known claim parameters: {string.Join(", ", knobs)})");
        values = context.ApplyOverrides(KgmmModel.Id, values, knobs);
        return KgmmParameters.FromValues(values);
    }

    /// <summary>A real claim knob (e.g. <c>T=20</c>) or <paramref name="fallback"/>.</summary>
    public static double Real(ClaimContext context, string name, double fallback, double minimum = 0, bool inclusive = false)
    {
        if (!context.OverrideMap().TryGetValue(name, out string? text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value)
            || value < minimum || (!inclusive && value == minimum))
            throw new InputException($"parameter '{name}' must be a finite number {(inclusive ? "≥" : ">")} {minimum.ToString(CultureInfo.InvariantCulture)} (got '{text}')");
        return value;
    }

    /// <summary>An integer claim knob (e.g. <c>seeds=4</c>) or <paramref name="fallback"/>.</summary>
    public static int Integer(ClaimContext context, string name, int fallback, int minimum)
    {
        if (!context.OverrideMap().TryGetValue(name, out string? text)) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < minimum)
            throw new InputException($"parameter '{name}' must be an integer ≥ {minimum} (got '{text}')");
        return value;
    }

    /// <summary>A list knob of distinct positive reals (e.g. <c>lambdas=10,30,100</c>) or <paramref name="fallback"/>.</summary>
    public static double[] List(ClaimContext context, string name, double[] fallback, int minimumCount = 1)
    {
        if (!context.OverrideMap().TryGetValue(name, out string? text)) return fallback;
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]) || values[i] <= 0)
                throw new InputException($"parameter '{name}' must be a comma-separated list of numbers > 0 (got '{text}')");
        if (values.Length < minimumCount || values.Distinct().Count() != values.Length)
            throw new InputException($"parameter '{name}' needs at least {minimumCount} distinct values (got '{text}')");
        return values;
    }

    /// <summary>A JSON number (non-finite values as "NaN"/"Infinity" strings, as in result.json).</summary>
    public static JsonNode? Number(double value) => ClaimResultJson.Number(value);

    /// <summary>A JSON array of numbers.</summary>
    public static JsonArray Numbers(IEnumerable<double> values) => ClaimResultJson.Numbers(values);

    /// <summary>Formats a number for check names and captions.</summary>
    public static string F(double x) => NumberText.Format(x, 4);

    /// <summary>The SGD side of the settings block.</summary>
    public static JsonObject SimulationSettings() => new()
    {
        ["engine"] = "full-vector online SGD (KgmmSgd), δ = cdelta/d, t = ℓδ, record at the step nearest to t/δ",
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
    public static KgmmOdeSolution SolveOde(KgmmParameters p, TimeGrid grid, string what, KgmmTheoryOptions? options = null)
    {
        var solution = KgmmTheory.Solve(p, grid, options);
        if (solution.Status.Diverged) throw new DivergenceException($"{what} {solution.Status}");
        return solution;
    }

    /// <summary>One SGD problem per seed (the 64-bit seed reinterpreted as the problem's signed seed).</summary>
    public static IEnumerable<KgmmSimulationProblem> Problems(KgmmParameters p, int dimension, IEnumerable<ulong> seeds, TimeGrid grid) =>
        seeds.Select(seed => new KgmmSimulationProblem(p, dimension, unchecked((long)seed), grid));

    /// <summary>
    /// Runs the problems on the context's threads (results in problem order) and throws
    /// <see cref="DivergenceException"/> for the first diverged run.
    /// </summary>
    public static KgmmRun[] RunAll(ClaimContext context, IReadOnlyList<KgmmSimulationProblem> problems, string what)
    {
        var engine = new KgmmSgd();
        int done = 0;
        var runs = context.Map(problems, problem =>
        {
            var run = engine.Run(problem, context.Cancellation);
            context.Report($"{what}: d = {problem.Dimension} run {Interlocked.Increment(ref done)}/{problems.Count} done");
            return run;
        });
        foreach (var run in runs)
            if (run.Status.Diverged)
                throw new DivergenceException($"{what}: sgd run d = {run.Problem.Dimension}, seed = {run.Problem.Seed} {run.Status}");
        return runs;
    }

    /// <summary>
    /// "For every part: value ≥ bound" (or ≤) as one check on the worst part, so the report shows the margin: the
    /// measured number is the smallest (largest) value, the detail names where it occurs and how many parts pass.
    /// Non-finite values fail.
    /// </summary>
    public static CheckResult Worst(string name, IReadOnlyList<(string Part, double Value)> parts, bool atLeast, double bound, string? note = null)
    {
        if (parts.Count == 0) throw new ArgumentException($"check '{name}' needs at least one part", nameof(parts));
        var worst = parts.OrderBy(p => double.IsFinite(p.Value) ? (atLeast ? p.Value : -p.Value) : double.NegativeInfinity).First();
        int passing = parts.Count(p => double.IsFinite(p.Value) && (atLeast ? p.Value >= bound : p.Value <= bound));
        string detail = $"worst: {worst.Part}; {passing} of {parts.Count} pass" + (note is null ? "" : "; " + note);
        return atLeast ? Checks.AtLeast(name, worst.Value, bound, detail) : Checks.AtMost(name, worst.Value, bound, detail);
    }

    /// <summary>The mean over c of the diagonal entries A[c,c] of a k×k row-major matrix.</summary>
    public static double DiagonalMean(ReadOnlySpan<double> matrix, int k)
    {
        double s = 0;
        for (int c = 0; c < k; c++) s += matrix[c * k + c];
        return s / k;
    }
}
