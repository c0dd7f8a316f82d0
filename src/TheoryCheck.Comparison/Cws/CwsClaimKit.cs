using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Golden;
using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;
using TheoryCheck.Simulation.Cws;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Theory.Cws;

namespace TheoryCheck.Comparison.Cws;

/// <summary>
/// Helpers shared by the cws claims (claims.md §3): the negative control of the ODE's noise term, ODE solves that throw
/// on divergence, ensembles of SGD runs with the context's engine, the settings blocks and the golden tolerances.
/// </summary>
internal static class CwsClaimKit
{
    /// <summary>Golden tolerances of every cws claim: absolute 1e-9 plus relative 1e-7 on every field (as kgmm's).</summary>
    public static IReadOnlyList<GoldenTolerance> GoldenTolerances { get; } = [new GoldenTolerance("*", 1e-9, 1e-7)];

    /// <summary>Formats a number for check names and captions.</summary>
    public static string F(double x) => NumberText.Format(x, 4);

    /// <summary>A JSON number (non-finite values as strings, as in result.json).</summary>
    public static JsonNode? Number(double value) => ClaimResultJson.Number(value);

    /// <summary>A JSON array of numbers.</summary>
    public static JsonArray Numbers(IEnumerable<double> values) => ClaimResultJson.Numbers(values);

    /// <summary>The model's parameters at a profile, as validated values.</summary>
    public static ParameterValues Values(CwsParameters parameters) => parameters.ToValues();

    /// <summary>
    /// The negative control shared by the tracking claims: the SGD-noise term (γ²/d) Σ_c p_c λ_i^{(c)} I_c of dV_i/dt
    /// (cws.md §3) multiplied by <paramref name="factor"/>.
    /// </summary>
    public static NegativeControl NoiseControl(double factor) => new(
        $"noise-term-x{factor:G3}",
        $"the SGD-noise term (γ²/d) Σ_c p_c λ_i^{{(c)}} I_c of dV_i/dt in the per-mode ODE (cws.md §3) multiplied by {factor:G3}, as if the second-order term of the step were counted with the wrong weight");

    /// <summary>Theory options with a perturbation (or none).</summary>
    public static CwsTheoryOptions Options(CwsTheoryPerturbation? perturbation) =>
        perturbation is null || perturbation.IsNone ? CwsTheoryOptions.Default : CwsTheoryOptions.Default with { Perturbation = perturbation };

    /// <summary>The per-mode ODE trajectory with the noise term scaled by 1 + strength·(nominal − 1) (a tracking claim's controlled theory).</summary>
    public static Trajectory NoiseControlledTheory(ParameterValues values, TimeGrid grid, double strength, double nominal) =>
        CwsTheory.Trajectory(CwsParameters.FromValues(values), grid, Options(new CwsTheoryPerturbation(Noise: 1 + strength * (nominal - 1))));

    /// <summary>The per-mode ODE on <paramref name="grid"/>; throws <see cref="DivergenceException"/> when it failed.</summary>
    public static CwsOdeSolution SolveOde(CwsParameters parameters, TimeGrid grid, string what, CwsTheoryOptions? options = null)
    {
        var solution = CwsTheory.Solve(parameters, grid, options);
        if (solution.Status.Diverged) throw new DivergenceException($"{what}: per-mode ODE {solution.Status}");
        return solution;
    }

    /// <summary>
    /// The binned ODE (cws.md §9, <see cref="CwsTheory.SolveBinned(CwsParameters, int?, TimeGrid, CwsTheoryOptions?)"/> with
    /// the default bin target; exact when the spectrum has few distinct variances, as for isotropic and zero-one) on
    /// <paramref name="grid"/>; throws <see cref="DivergenceException"/> when it failed.
    /// </summary>
    public static CwsOdeSolution SolveBinnedOde(CwsParameters parameters, TimeGrid grid, string what, CwsTheoryOptions? options = null)
    {
        var solution = CwsTheory.SolveBinned(parameters, null, grid, options);
        if (solution.Status.Diverged) throw new DivergenceException($"{what}: binned ODE {solution.Status}");
        return solution;
    }

    /// <summary>One SGD problem per seed sharing one mixture (the 64-bit seeds reinterpreted as signed).</summary>
    public static CwsSimulationProblem[] Problems(CwsParameters parameters, IEnumerable<ulong> seeds, TimeGrid grid)
    {
        var list = seeds.ToList();
        if (list.Count == 0) return [];
        var first = new CwsSimulationProblem(parameters, unchecked((long)list[0]), grid);
        return list.Select(s => first.WithSeed(unchecked((long)s))).ToArray();
    }

    /// <summary>
    /// Runs the problems on the context's threads with the context's engine (results in problem order) and throws
    /// <see cref="DivergenceException"/> for the first diverged run.
    /// </summary>
    public static CwsRun[] RunAll(ClaimContext context, IReadOnlyList<CwsSimulationProblem> problems, string what)
    {
        var engine = CwsEngines.All[context.Engine];
        int done = 0;
        int every = Math.Max(1, problems.Count / 10);
        var runs = context.Map(problems, problem =>
        {
            var run = engine.Run(problem, context.Cancellation);
            int finished = Interlocked.Increment(ref done);
            if (finished % every == 0 || finished == problems.Count)
                context.Report($"{what}: d = {problem.Dimension} run {finished}/{problems.Count} done");
            return run;
        });
        foreach (var run in runs)
            if (run.Status.Diverged)
                throw new DivergenceException($"{what}: sgd run d = {run.Problem.Dimension}, seed = {run.Problem.Seed} {run.Status}");
        return runs;
    }

    /// <summary>The SGD side of the settings block.</summary>
    public static JsonObject SimulationSettings(string engine) => new()
    {
        ["engine"] = engine switch
        {
            EngineNames.Full => "full: one-pass SGD on the d-dimensional X (CwsSgd), step γ(t)/d, t = ℓ/d, record at the step nearest to t·d",
            EngineNames.Subspace => "subspace: one-pass SGD in the exact frame of docs/theory/subspace.md §11 (CwsSubspaceSgd; equal in law to full, cost per step independent of d), step γ(t)/d, t = ℓ/d, record at the step nearest to t·d",
            _ => $"{engine}: step γ(t)/d, t = ℓ/d, record at the step nearest to t·d",
        },
        ["initialisation"] = "X_0 = 0",
        ["random"] = engine == EngineNames.Subspace
            ? "Philox4x32-10 streams cws.subspace.sgd / .chi2 / .chi2.retry / .chi2.boost keyed by (seed, d); seeds keyed by (claim, label, d, replicate)"
            : "Philox4x32-10 stream cws.sgd keyed by (seed, d); seeds keyed by (claim, label, d, replicate)",
        ["observables"] = "population observables of the iterate from its closure statistics (cws.md §2, §4), the same functions as the theory's",
    };

    /// <summary>Seed mean of one observable at each grid index over runs.</summary>
    public static double[] MeanSeries(IReadOnlyList<CwsRun> runs, string name)
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

    /// <summary>Index of grid time <paramref name="time"/> in <paramref name="times"/> (within 1e-9 relative).</summary>
    public static int IndexOf(IReadOnlyList<double> times, double time)
    {
        for (int i = 0; i < times.Count; i++)
            if (Math.Abs(times[i] - time) <= 1e-9 * Math.Max(1, Math.Abs(time))) return i;
        throw new ArgumentException($"t = {time} is not a grid time");
    }
}
