using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;
using TheoryCheck.Models.Xor;
using TheoryCheck.Simulation.Engines;
using TheoryCheck.Simulation.Xor;
using TheoryCheck.Theory.Xor;

namespace TheoryCheck.Comparison.Xor;

/// <summary>
/// The <c>xor</c> model for the command line and the claim catalogue (xor.md; claims.md §2): theory = the finite-λ
/// effective ODE with the corrector (xor.md §5) from the warm start (§3, §8: a random start has no ODE; the d → ∞ limit
/// takes no d); simulation = one online SGD run with an engine of <see cref="XorEngines"/> (<c>full</c>, or <c>subspace</c>: the exact
/// moving-frame engine of docs/theory/subspace.md §10, statistics only); both print
/// v[i], mmu[i], mnu[i], Rperp[i,j], loss, accuracy and covered (xor.md §7.3, τ = 0.05) in the same order. The spectrum
/// document joins an empirical first-layer block (<c>--block W1…WK</c>) or the second layer (<c>--block v</c>) with the
/// prediction at the ODE state of the same time (<see cref="XorSpectrumDocument"/>).
/// </summary>
public sealed class XorBinding : IModelBinding
{
    /// <inheritdoc/>
    public ModelDescriptor Descriptor => XorModel.Descriptor;

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines => XorEngines.All.Names;

    /// <inheritdoc/>
    public bool TheoryUsesDimension => false;

    /// <inheritdoc/>
    /// <remarks>With d given, Δt must be at least one SGD step δ = cdelta/d (xor.md §1): a finer grid would record the same step twice.</remarks>
    public TimeGrid Grid(ParameterValues parameters, double end, double step)
    {
        var grid = TimeGrid.Uniform(end, step);
        if (parameters.IsExplicit("d"))
        {
            var p = XorParameters.FromValues(parameters);
            int d = p.ValidateDimension(SimulationPoint.Dimension(parameters));
            double delta = p.CDelta / d;
            if (step < delta * (1 - 1e-12))
                throw new InputException(string.Create(CultureInfo.InvariantCulture,
                    $"--t-step {step:G} is finer than one SGD step δ = cdelta/d = {delta:G6}: use a step ≥ δ (or a larger d)"));
        }
        return grid;
    }

    /// <inheritdoc/>
    /// <exception cref="InputException"><c>init = random</c> (no ODE from the m = 0 saddle, xor.md §8) or width &gt; 16.</exception>
    public Trajectory SolveTheory(ParameterValues parameters, TimeGrid grid) =>
        XorTheory.Trajectory(XorParameters.FromValues(parameters), grid);

    /// <inheritdoc/>
    /// <remarks>Tolerances of Dormand–Prince 5(4) (the only adaptive method of the xor solve) and the corrector of dR⊥/dt (xor.md §5).</remarks>
    public TheorySolverSupport TheorySolver { get; } = new(true, [TheorySolverSettings.DormandPrince54], true, "");

    /// <inheritdoc/>
    public Trajectory SolveTheoryWithin(ParameterValues parameters, TimeGrid grid, double workBudget, TheorySolverSettings solver)
    {
        solver.Check(Descriptor.Id, TheorySolver);
        var defaults = XorTheoryOptions.Default;
        return XorTheory.Trajectory(XorParameters.FromValues(parameters), grid, defaults with
        {
            RelativeTolerance = solver.RelativeTolerance ?? defaults.RelativeTolerance,
            AbsoluteTolerance = solver.AbsoluteTolerance ?? defaults.AbsoluteTolerance,
            Corrector = solver.Corrector ?? defaults.Corrector,
        });
    }

    /// <inheritdoc/>
    public WorkEstimate? EstimateTheory(ParameterValues parameters, TimeGrid grid) =>
        XorWork.Ode(XorParameters.FromValues(parameters), grid.Times.Count, grid.End);

    /// <inheritdoc/>
    public WorkEstimate? EstimateSimulation(ParameterValues parameters, string engine, TimeGrid grid)
    {
        var p = XorParameters.FromValues(parameters);
        int d = p.ValidateDimension(SimulationPoint.Dimension(parameters));
        return engine switch
        {
            EngineNames.Full => XorWork.Sgd(p, d, grid.End, grid.Times.Count),
            EngineNames.Subspace => XorWork.Subspace(p, d, grid.End, grid.Times.Count),
            _ => null,
        };
    }

    /// <inheritdoc/>
    public WorkEstimate? EstimateSpectrum(ParameterValues parameters, SpectrumRequest request)
    {
        var p = XorParameters.FromValues(parameters);
        int d = p.ValidateDimension(request.Dimension);
        var block = XorSpectrumDocument.ParseBlock(request.Block, p.Width);
        XorSpectrumDocument.CheckTop(request.Top, block, p.Width, d);
        var sgd = XorWork.Sgd(p, d, Math.Max(request.Time, 0), 2, snapshots: 1);
        var spectra = XorWork.Spectra(p, d, request.SamplesRatio, block is null ? 0 : 1, request.Top, block is null);
        var theory = p.Init == XorInitialisation.Warm ? XorWork.Ode(p, 2, request.Time).Then(XorWork.Prediction(p)) : WorkEstimate.None;
        return sgd.Then(spectra).Then(theory);
    }

    /// <inheritdoc/>
    /// <exception cref="InputException">d &lt; K + 2 (one line naming d), a bad parameter, or an unknown engine.</exception>
    public Trajectory Simulate(ParameterValues parameters, string engine, TimeGrid grid, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var p = XorParameters.FromValues(parameters);
        var problem = new XorSimulationProblem(p, p.ValidateDimension(SimulationPoint.Dimension(parameters)),
            unchecked((long)SimulationPoint.Seed(parameters)), grid);
        var selected = XorEngines.All[engine];
        var run = selected.Run(problem, cancellationToken);
        progress?.Report(1.0);
        return run.Trajectory with { SimulationEngine = selected.Name };
    }

    /// <inheritdoc/>
    public JsonObject Spectrum(ParameterValues parameters, SpectrumRequest request) =>
        XorSpectrumDocument.Build(XorParameters.FromValues(parameters), request);

    /// <inheritdoc/>
    public IReadOnlyList<IClaim> Claims { get; } =
    [
        new XorOdeTrackingClaim(),
        new XorLargeLambdaClaim(),
        new XorFirstLayerAlignmentClaim(),
        new XorSecondLayerAlignmentClaim(),
        new XorRankDeficiencyClaim(),
        new XorSuccessProbabilityClaim(),
        new XorEmergenceClaim(),
    ];
}
