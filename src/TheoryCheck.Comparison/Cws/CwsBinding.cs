using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models;
using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;
using TheoryCheck.Simulation.Cws;
using TheoryCheck.Theory.Cws;

namespace TheoryCheck.Comparison.Cws;

/// <summary>
/// The <c>cws</c> model for the command line and the claim catalogue (cws.md; claims.md §3): theory = the per-mode ODE
/// (cws.md §3) at the parameters' d (it is per mode, so it takes d); simulation = one one-pass SGD run with an engine of
/// <see cref="CwsEngines"/>; both print risk, overlap, norm2, cosine, clean_share, error (and risk[c], overlap[c],
/// error[c] for C &gt; 2) in the same order. Time t = ℓ/d.
/// </summary>
public sealed class CwsBinding : IModelBinding
{
    /// <inheritdoc/>
    public ModelDescriptor Descriptor => CwsModel.Descriptor;

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines => CwsEngines.All.Names;

    /// <inheritdoc/>
    public bool TheoryUsesDimension => true;

    /// <inheritdoc/>
    /// <remarks>t = ℓ/d (cws.md §1): a Δt finer than one SGD step 1/d is refused (it would record the same step twice).</remarks>
    public TimeGrid Grid(ParameterValues parameters, double end, double step)
    {
        var grid = TimeGrid.Uniform(end, step);
        var p = CwsParameters.FromValues(parameters);
        double delta = 1.0 / p.Dimension;
        if (step < delta * (1 - 1e-12))
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"--t-step {step:G} is finer than one SGD step 1/d = {delta:G6}: use a step ≥ 1/d (or a larger d)"));
        return grid;
    }

    /// <inheritdoc/>
    public Trajectory SolveTheory(ParameterValues parameters, TimeGrid grid) =>
        CwsTheory.Trajectory(CwsParameters.FromValues(parameters), grid);

    /// <inheritdoc/>
    /// <remarks>Tolerances and Dormand–Prince 5(4) or 8(5,3) (cws.md §3); the cws ODE has no corrector term.</remarks>
    public TheorySolverSupport TheorySolver { get; } = new(true, [TheorySolverSettings.DormandPrince54, TheorySolverSettings.DormandPrince853], false,
        "the cws ODE has no corrector term (cws.md §3)");

    /// <inheritdoc/>
    public Trajectory SolveTheoryWithin(ParameterValues parameters, TimeGrid grid, double workBudget, TheorySolverSettings solver)
    {
        solver.Check(Descriptor.Id, TheorySolver);
        var defaults = CwsTheoryOptions.Default;
        return CwsTheory.Trajectory(CwsParameters.FromValues(parameters), grid, defaults with
        {
            RelativeTolerance = solver.RelativeTolerance ?? defaults.RelativeTolerance,
            AbsoluteTolerance = solver.AbsoluteTolerance ?? defaults.AbsoluteTolerance,
            HighOrder = solver.Method is null ? defaults.HighOrder : solver.HighOrder,
        });
    }

    /// <inheritdoc/>
    /// <remarks>Engine <c>subspace</c> refuses <c>cov = power-law</c> (docs/theory/subspace.md §11.7).</remarks>
    public string? EngineRefusal(ParameterValues parameters, string engine) =>
        engine == Simulation.Engines.EngineNames.Subspace && parameters.Choice("cov") == CwsModel.Name(CwsCovariance.PowerLaw)
            ? CwsSubspaceGeometry.PowerLawRefusal
            : null;

    /// <inheritdoc/>
    /// <exception cref="InputException">A bad parameter, an unknown engine, or engine <c>subspace</c> at a power-law point (one line, before any work).</exception>
    public Trajectory Simulate(ParameterValues parameters, string engine, TimeGrid grid, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var p = CwsParameters.FromValues(parameters);
        var selected = CwsEngines.All[engine];
        if (EngineRefusal(parameters, engine) is string refusal) throw new InputException(refusal);
        var run = selected.Run(new CwsSimulationProblem(p, unchecked((long)SimulationPoint.Seed(parameters)), grid), cancellationToken);
        progress?.Report(1.0);
        return run.Trajectory with { SimulationEngine = selected.Name };
    }

    /// <inheritdoc/>
    public JsonObject Spectrum(ParameterValues parameters, SpectrumRequest request) =>
        throw new InputException("the cws model has no empirical Hessian/G spectrum command: its covariances are diagonal and given in the eigenbasis (cws.md §1)");

    /// <inheritdoc/>
    public IReadOnlyList<IClaim> Claims { get; } =
    [
        new CwsOdeTrackingClaim(),
        new CwsSquaresTrackingClaim(),
        new CwsExactRecursionClaim(),
        new CwsZeroOneScalingClaim(),
        new CwsPowerLawTransitionClaim(),
        new CwsCleanAlignmentClaim(),
        new CwsStabilityClaim(),
        new CwsManyClassesClaim(),
        new CwsScheduleClaim(),
    ];
}
