using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Comparison.Sweeps;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Statistics;

namespace TheoryCheck.Comparison.Specs;

/// <summary>
/// A spec claim with a value comparison (<see cref="ValueComparison"/>): at the largest size of the profile, the seed
/// mean of one observable at time t against the theory. With Δ = mean − theory and its 95% interval
/// Δ ± t₀.₉₇₅·SE (Student t, seeds − 1 dof): holds when the interval lies inside [−tol, tol], fails when it lies outside,
/// inconclusive when it straddles ±tol (more seeds decide).
/// </summary>
public sealed class SpecValueClaim : IClaim
{
    private readonly IModelBinding _binding;

    /// <param name="spec">A spec whose comparison is a <see cref="ValueComparison"/>.</param>
    public SpecValueClaim(ClaimSpec spec)
    {
        Spec = spec;
        _binding = ModelCatalog.Find(spec.Model);
        Info = new ClaimInfo(spec.Id, spec.Model, spec.Paper, spec.Statement, $"user spec {Path.GetFileName(spec.Source)}; docs/specs.md");
        Engines = spec.Engine is null ? _binding.Engines.Where(e => _binding.EngineRefusal(spec.Parameters, e) is null).ToArray() : [spec.Engine];
        Control = new NegativeControl($"theory-x{spec.ControlFactor:G4}", SpecTheory.Describe(spec.Observables, spec.ControlFactor));
    }

    /// <summary>The spec.</summary>
    public ClaimSpec Spec { get; }

    /// <inheritdoc/>
    public ClaimInfo Info { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; }

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [];

    /// <inheritdoc/>
    public NegativeControl Control { get; }

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var value = (ValueComparison)Spec.Comparison;
        var parameters = context.Apply(Spec.Parameters);
        int d = Spec.Sizes[context.Profile].Max();
        int seeds = Spec.Seeds[context.Profile];
        var grid = TimeGrid.Uniform(Spec.Grid.End, Spec.Grid.Step);
        int index = Enumerable.Range(0, grid.Times.Count).MinBy(i => Math.Abs(grid.Times[i] - value.Time));
        var clock = new PhaseClock();
        var theory = _binding.SolveTheory(_binding.TheoryUsesDimension ? parameters.With("d", (long)d) : parameters, grid);
        if (theory.Status.Diverged) throw new DivergenceException($"theory trajectory {theory.Status}");
        double predicted = context.ControlFactor(Spec.ControlFactor) * theory[value.Observable][index];
        clock.LapTheory();

        var plan = new SweepPlan([d], seeds);
        var runs = plan.Run(context, job => _binding.Simulate(SimulationPoint.With(parameters, job.Dimension, job.Seed), context.Engine, grid, cancellationToken: context.Cancellation));
        foreach (var run in runs)
            if (run.Status.Diverged) throw new DivergenceException($"sgd run d = {run.Dimension}, seed = {run.Seed} {run.Status}");
        clock.LapSimulation();

        var values = runs.Select(r => r[value.Observable][index]).ToArray();
        var summary = EnsembleSummary.Of(values);
        double difference = summary.Mean - predicted;
        double se = double.IsFinite(summary.StandardError) ? summary.StandardError : double.PositiveInfinity;
        double half = (seeds >= 2 ? MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, seeds - 1, 0.975) : double.PositiveInfinity) * se;
        double lo = difference - half, hi = difference + half, tol = value.Tolerance;
        var outcome = lo >= -tol && hi <= tol ? CheckOutcome.Passed : hi < -tol || lo > tol ? CheckOutcome.Failed : CheckOutcome.Undecided;
        string t = NumberText.Format(grid.Times[index], 6);
        var check = new CheckResult($"{value.Observable}(t = {t}): simulation − theory at d = {d}", outcome, difference,
            $"95% CI ⊂ [−{NumberText.Format(tol)}, {NumberText.Format(tol)}]",
            $"95% CI {NumberText.Interval(lo, hi)}; simulation {NumberText.Format(summary.Mean, 6)} ± {NumberText.Format(summary.StandardError, 2)} (SE, {seeds} seeds), theory {NumberText.Format(predicted, 6)}")
        {
            Hint = outcome == CheckOutcome.Undecided ? "the interval straddles the tolerance: add seeds (\"seeds\" in the spec) or use the full profile" : null,
        };

        var figure = TrajectoryFigure.Build("value-trajectory", $"{Info.Id}: {value.Observable}, theory vs simulation (d = {d})", theory, runs, [value.Observable]) with
        {
            Lines = [new MarkerLine(grid.Times[index], $"t = {t}")],
        };
        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = [check],
            Parameters = parameters.ToJson(),
            Measurements = new JsonObject
            {
                ["observable"] = value.Observable,
                ["t"] = grid.Times[index],
                ["d"] = d,
                ["theory"] = ClaimResultJson.Number(predicted),
                ["simulation"] = ClaimResultJson.Numbers(values),
                ["mean"] = ClaimResultJson.Number(summary.Mean),
                ["se"] = ClaimResultJson.Number(summary.StandardError),
                ["difference"] = ClaimResultJson.Number(difference),
                ["ci_low"] = ClaimResultJson.Number(lo),
                ["ci_high"] = ClaimResultJson.Number(hi),
                ["tolerance"] = tol,
            },
            Settings = new JsonObject { ["grid"] = new JsonObject { ["T"] = grid.End, ["step"] = grid.Step }, ["theory"] = theory.Diagnostics.DeepClone(), ["spec"] = Spec.Source },
            Sizes = [d],
            Seeds = plan.Seeds(context),
            Figures = [figure],
            Notes = [$"A user claim from {Spec.Source}: {Spec.Statement}"],
            Timings = clock.Timings,
        };
    }
}
