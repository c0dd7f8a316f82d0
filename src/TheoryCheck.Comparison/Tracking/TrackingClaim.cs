using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Comparison.Golden;
using TheoryCheck.Comparison.Sweeps;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;
using TheoryCheck.Numerics.Statistics;

namespace TheoryCheck.Comparison.Tracking;

/// <summary>
/// The standard "statistics track the limit" claim of docs/theory/claims.md §0, model-free: solve the theory on the
/// grid (once, or once per d when <see cref="IModelBinding.TheoryUsesDimension"/>), simulate every (d, seed) of the
/// profile with the context's engine (<see cref="IModelBinding.Simulate"/> with the keyed replicate seeds), take the
/// sup-error over <see cref="Observables"/>, fit log E_d on log d, and apply the rate check (the 95% CI contains the
/// predicted exponent and excludes 0) and the bound at the largest d. Measurements: <c>sweep</c>
/// (<see cref="ErrorSweep.ToJson"/>), <c>theory_at_T</c> and <c>simulation_at_T</c> (seed mean and SE at the largest d)
/// for the compared and <see cref="Reported"/> observables. Figures: error vs d, and per <see cref="FigureGroups"/>
/// entry theory vs simulation at the largest d (± 1 SD).
/// </summary>
public sealed class TrackingClaim : IShardableClaim
{
    private readonly Func<IModelBinding> _model;
    private readonly Func<Profile, TrackingProfile> _profiles;
    private readonly Func<ParameterValues, TimeGrid, double, Trajectory> _controlledTheory;

    /// <param name="info">Catalogue entry.</param>
    /// <param name="model">The model binding (a factory, so bindings can list their claims without recursion).</param>
    /// <param name="observables">Entries compared (names or globs, e.g. <c>m[*]</c>, <c>R[*]</c>).</param>
    /// <param name="profiles">The numbers per profile (Test, Quick, Full).</param>
    /// <param name="control">The negative control.</param>
    /// <param name="controlledTheory">The theory with the control applied at a strength (1: as documented; same contract as
    /// <see cref="IModelBinding.SolveTheory"/>).</param>
    public TrackingClaim(ClaimInfo info, Func<IModelBinding> model, IReadOnlyList<string> observables, Func<Profile, TrackingProfile> profiles,
        NegativeControl control, Func<ParameterValues, TimeGrid, double, Trajectory> controlledTheory)
    {
        if (observables.Count == 0) throw new ArgumentException("a tracking claim compares at least one observable", nameof(observables));
        Info = info;
        _model = model;
        _profiles = profiles;
        Observables = observables;
        Control = control;
        _controlledTheory = controlledTheory;
    }

    public ClaimInfo Info { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; init; } = ["full"];

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [ClaimSettings.End];

    /// <inheritdoc/>
    public NegativeControl Control { get; }

    /// <summary>Compared observables (names or globs).</summary>
    public IReadOnlyList<string> Observables { get; }

    /// <summary>Observables reported at T but not compared (e.g. <c>loss</c>, <c>accuracy</c>).</summary>
    public IReadOnlyList<string> Reported { get; init; } = [];

    /// <summary>One trajectory figure per group (name, title, observables); default: one figure of all compared observables.</summary>
    public IReadOnlyList<(string Name, string Title, IReadOnlyList<string> Observables)>? FigureGroups { get; init; }

    /// <summary>
    /// The numbers per profile and engine, when they differ by engine (e.g. the subspace engine, whose cost per step does
    /// not depend on d, sweeps d over more decades); null: the constructor's profiles for every engine.
    /// </summary>
    public Func<Profile, string, TrackingProfile>? ProfileForEngine { get; init; }

    /// <summary>Golden tolerances of the result (see <see cref="ClaimResult.GoldenTolerances"/>).</summary>
    public IReadOnlyList<GoldenTolerance> GoldenTolerances { get; init; } = [];

    /// <summary>Notes copied into the result.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <inheritdoc/>
    /// <remarks>The theory (once, or once per d) and every (d, seed) run, by the model's own estimates; null when the model gives none.</remarks>
    public WorkEstimate? Estimate(ClaimContext context)
    {
        var model = _model();
        var profile = ProfileForEngine?.Invoke(context.Profile, context.Engine) ?? _profiles(context.Profile);
        var parameters = context.Apply(profile.Parameters);
        var grid = TimeGrid.Uniform(context.Setting(ClaimSettings.End, profile.Grid.End), profile.Grid.Step);
        var total = WorkEstimate.None;
        if (!model.TheoryUsesDimension)
        {
            if (model.EstimateTheory(parameters, grid) is not { } theory) return null;
            total = theory;
        }
        foreach (int d in profile.Sizes)
        {
            if (model.TheoryUsesDimension)
            {
                if (model.EstimateTheory(parameters.With("d", (long)d), grid) is not { } theory) return null;
                total = total.Then(theory);
            }
            if (model.EstimateSimulation(SimulationPoint.With(parameters, d, 0), context.Engine, grid) is not { } run) return null;
            total = total.Then(run.Times(profile.Seeds, context.Threads));
        }
        return total;
    }

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context) => Evaluate(context).Result;

    /// <summary>Runs the claim and returns the result with the trajectories it used.</summary>
    public TrackingOutcome Evaluate(ClaimContext context)
    {
        var model = _model();
        var profile = ProfileForEngine?.Invoke(context.Profile, context.Engine) ?? _profiles(context.Profile);
        var parameters = context.Apply(profile.Parameters);
        var grid = TimeGrid.Uniform(context.Setting(ClaimSettings.End, profile.Grid.End), profile.Grid.Step);
        Func<ParameterValues, TimeGrid, Trajectory> solve = profile.Theory is { } profileTheory
            ? (values, times) => profileTheory(values, times, context.NegativeControl ? context.ControlStrength : 0)
            : context.NegativeControl
            ? (values, times) => _controlledTheory(values, times, context.ControlStrength)
            : model.SolveTheory;

        var clock = new PhaseClock();
        var plan = new SweepPlan(profile.Sizes, profile.Seeds);
        if (profile.AtSize is not null && !model.TheoryUsesDimension)
            throw new InvalidOperationException($"{Info.Id}: parameters that follow d need a theory computed at d");
        ParameterValues AtSize(int d) => profile.AtSize is null ? parameters.With("d", (long)d) : profile.AtSize(parameters.With("d", (long)d), d);
        var theory = new Dictionary<int, Trajectory>();
        Trajectory? shared = null;
        foreach (int d in plan.Sizes)
        {
            if (model.TheoryUsesDimension || shared is null) context.Report(model.TheoryUsesDimension ? $"theory at d = {d}" : "theory");
            var trajectory = model.TheoryUsesDimension ? solve(AtSize(d), grid) : shared ??= solve(parameters, grid);
            if (trajectory.Status.Diverged) throw new DivergenceException($"theory trajectory {trajectory.Status}", trajectory.Status);
            theory[d] = trajectory;
            context.RecordFaults(trajectory.Faults);
        }
        clock.LapTheory();

        var stored = plan.Run(context, job => Simulate(context, model, SimulationPoint.With(profile.AtSize is null ? parameters : AtSize(job.Dimension), job.Dimension, job.Seed), grid));
        if (stored.Any(r => r is null))
            throw new ShardPendingException($"{stored.Count(r => r is null)} of {stored.Length} runs belong to other shards");
        var runs = stored.Select(r => r!).ToArray();
        foreach (var run in runs) context.RecordFaults(run.Faults);
        var errors = runs.Select(run => SupError.Of(theory[run.Dimension!.Value], run, Observables).Value).ToArray();
        var sweep = ErrorSweep.Of(plan, errors);
        clock.LapSimulation();

        int largest = plan.Sizes.Max();
        var atLargest = theory[largest];
        var largestRuns = runs.Where(r => r.Dimension == largest).ToList();
        var compared = SupError.Resolve(atLargest, Observables);
        var shown = compared.Concat(Reported.Count == 0 ? [] : SupError.Resolve(atLargest, Reported)).Distinct().ToList();
        var theoryAtEnd = new JsonObject();
        var meanAtEnd = new JsonObject();
        var seAtEnd = new JsonObject();
        foreach (string name in shown)
        {
            theoryAtEnd[name] = ClaimResultJson.Number(atLargest[name][^1]);
            if (!largestRuns.All(r => r.Has(name))) continue;
            var summary = EnsembleSummary.Of(largestRuns.Select(r => r[name][^1]).ToArray());
            meanAtEnd[name] = ClaimResultJson.Number(summary.Mean);
            seAtEnd[name] = ClaimResultJson.Number(summary.StandardError);
        }

        var groups = FigureGroups ?? [("trajectories", $"{Info.Id}: theory vs simulation", Observables)];
        var figures = new List<FigureSpec> { sweep.Figure(referenceExponent: profile.PredictedExponent, bound: profile.Bound) };
        foreach (var (name, title, observables) in groups)
            figures.Add(TrajectoryFigure.Build(name, $"{title} (d = {largest})", atLargest, largestRuns, observables));

        var (simulationSettings, runTimings) = SplitTimings(runs[0].Diagnostics);
        var timings = clock.Timings;
        foreach (var (key, seconds) in runTimings) timings["first_run_" + key] = seconds;
        // the theory's solver diagnostics may carry its wall-clock time (cws: "seconds"): a timing, not a setting, so that
        // a resumed or repeated run writes the same settings (found by a kill -9 / resume comparison at the full profile)
        var (theorySettings, theoryTimings) = SplitTimings(atLargest.Diagnostics);
        foreach (var (key, seconds) in theoryTimings) timings["theory_solver_" + key] = seconds;
        var result = new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = [sweep.RateCheck(profile.PredictedExponent), sweep.BoundCheck(profile.Bound)],
            Parameters = parameters.ToJson(),
            Measurements = new JsonObject
            {
                ["sweep"] = sweep.ToJson(),
                ["theory_at_T"] = theoryAtEnd,
                ["simulation_at_T"] = new JsonObject { ["d"] = largest, ["mean"] = meanAtEnd, ["se"] = seAtEnd },
            },
            Settings = new JsonObject
            {
                ["grid"] = new JsonObject { ["T"] = grid.End, ["step"] = grid.Step, ["points"] = grid.Times.Count },
                ["observables"] = new JsonArray(compared.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray()),
                ["theory"] = theorySettings,
                ["theory_per_d"] = model.TheoryUsesDimension,
                ["simulation"] = simulationSettings,
            },
            Sizes = plan.Sizes,
            Seeds = plan.Seeds(context),
            Figures = figures,
            Notes = Notes,
            GoldenTolerances = GoldenTolerances,
            Timings = timings,
        };
        var ordered = runs.OrderBy(r => r.Dimension).ToList();
        return new TrackingOutcome(result, theory, ordered);
    }

    /// <summary>
    /// One simulation run as a store cell (keyed by the claim, model, engine, parameters with d and seed, and the grid),
    /// or null when it belongs to another shard and is not stored yet.
    /// </summary>
    private Trajectory? Simulate(ClaimContext context, IModelBinding model, ParameterValues point, TimeGrid grid)
    {
        Trajectory Compute() => model.Simulate(point, context.Engine, grid, cancellationToken: context.Cancellation);
        if (context.Cells is null) return Compute();
        var key = new JsonObject
        {
            ["kind"] = "tracking-run",
            ["claim"] = Info.Id,
            ["model"] = model.Descriptor.Id,
            ["engine"] = context.Engine,
            ["parameters"] = point.ToJson(includeSimulationOnly: true),
            ["t"] = ClaimResultJson.Numbers(grid.Times),
        };
        return context.Cells.TryGet(key, Compute, Store.TrajectoryJson.Write, Store.TrajectoryJson.Read, out var run) ? run : null;
    }

    /// <summary>
    /// Splits a run's diagnostics into settings and wall-clock measurements, so that settings are reproducible and only
    /// <see cref="ClaimResult.Timings"/> varies between identical runs: keys <c>seconds</c> or ending in <c>_seconds</c> go to the
    /// timings (they are durations); rates (keys ending in <c>_per_second</c>) are dropped, as they follow from the steps in the settings and
    /// the step seconds in the timings.
    /// </summary>
    internal static (JsonObject Settings, Dictionary<string, double> Timings) SplitTimings(JsonObject diagnostics)
    {
        var settings = diagnostics.DeepClone().AsObject();
        var timings = new Dictionary<string, double>();
        static bool Duration(string k) => k == "seconds" || k.EndsWith("_seconds", StringComparison.Ordinal);
        foreach (string key in settings.Select(p => p.Key).Where(k => Duration(k) || k.EndsWith("_per_second", StringComparison.Ordinal)).ToList())
        {
            if (Duration(key) && settings[key] is JsonValue value && value.TryGetValue(out double seconds)) timings[key] = seconds;
            settings.Remove(key);
        }
        return (settings, timings);
    }
}
