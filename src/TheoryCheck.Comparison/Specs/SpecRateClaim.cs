using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Tracking;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Comparison.Specs;

/// <summary>
/// A spec claim with a rate comparison (<see cref="RateComparison"/>): the standard tracking claim of
/// docs/theory/claims.md §0 at the spec's parameter point, sizes and seeds, judged by the rate check with the spec's
/// predicted exponent and bound. Its runs are store cells (shardable).
/// </summary>
public sealed class SpecRateClaim : IShardableClaim
{
    private readonly TrackingClaim _tracking;

    /// <param name="spec">A spec whose comparison is a <see cref="RateComparison"/>.</param>
    public SpecRateClaim(ClaimSpec spec)
    {
        var rate = (RateComparison)spec.Comparison;
        var binding = ModelCatalog.Find(spec.Model);
        Spec = spec;
        _tracking = new TrackingClaim(new ClaimInfo(spec.Id, spec.Model, spec.Paper, spec.Statement, $"user spec {Path.GetFileName(spec.Source)}; docs/specs.md"),
            () => binding, spec.Observables, profile => new TrackingProfile
            {
                Parameters = spec.Parameters,
                Grid = TimeGrid.Uniform(spec.Grid.End, spec.Grid.Step),
                Sizes = spec.Sizes[profile],
                Seeds = spec.Seeds[profile],
                PredictedExponent = rate.Exponent,
                Bound = rate.Bound,
            },
            new NegativeControl($"theory-x{spec.ControlFactor:G4}", SpecTheory.Describe(spec.Observables, spec.ControlFactor)),
            (values, grid, strength) => SpecTheory.Scaled(binding.SolveTheory(values, grid), spec.Observables, 1 + strength * (spec.ControlFactor - 1)))
        {
            Engines = spec.Engine is null ? binding.Engines.Where(e => binding.EngineRefusal(spec.Parameters, e) is null).ToArray() : [spec.Engine],
            Notes = [$"A user claim from {spec.Source}: {spec.Statement}"],
        };
    }

    /// <summary>The spec.</summary>
    public ClaimSpec Spec { get; }

    /// <inheritdoc/>
    public ClaimInfo Info => _tracking.Info;

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines => _tracking.Engines;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings => _tracking.Settings;

    /// <inheritdoc/>
    public NegativeControl Control => _tracking.Control;

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context) => _tracking.Run(context);
}
