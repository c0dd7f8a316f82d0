using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;
using TheoryCheck.Simulation.Kgmm;
using TheoryCheck.Theory.Kgmm;

namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// The <c>kgmm</c> model for the command line and the claim catalogue (kgmm.md; claims.md §1): theory = the effective
/// ODE (3.1)–(3.2) with the corrector from m(0) = 0, R(0) = I (the d → ∞ limit: it takes no d); simulation = one
/// online SGD run with an engine of <see cref="KgmmEngines"/>; both print m[c,a], R[c,e], Rperp[c,e], loss, accuracy
/// in the same order. The spectrum document joins the empirical test Hessian/G spectrum (β excluded) with the d → ∞
/// prediction of kgmm.md §11 at the ODE state of the same time (<see cref="KgmmSpectrumDocument"/>).
/// </summary>
public sealed class KgmmBinding : IModelBinding
{
    /// <inheritdoc/>
    public ModelDescriptor Descriptor => KgmmModel.Descriptor;

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines => KgmmEngines.All.Names;

    /// <inheritdoc/>
    public bool TheoryUsesDimension => false;

    /// <inheritdoc/>
    /// <remarks>With d given, Δt must be at least one SGD step δ = cdelta/d (kgmm.md §3): a finer grid would record the same step twice.</remarks>
    public TimeGrid Grid(ParameterValues parameters, double end, double step)
    {
        var grid = TimeGrid.Uniform(end, step);
        if (parameters.IsExplicit("d"))
        {
            var p = KgmmParameters.FromValues(parameters);
            int d = p.ValidateDimension(SimulationPoint.Dimension(parameters));
            double delta = p.CDelta / d;
            if (step < delta * (1 - 1e-12))
                throw new InputException(string.Create(CultureInfo.InvariantCulture,
                    $"--t-step {step:G} is finer than one SGD step δ = cdelta/d = {delta:G6}: use a step ≥ δ (or a larger d)"));
        }
        return grid;
    }

    /// <inheritdoc/>
    public Trajectory SolveTheory(ParameterValues parameters, TimeGrid grid) =>
        KgmmTheory.Trajectory(KgmmParameters.FromValues(parameters), grid);

    /// <inheritdoc/>
    /// <remarks>The ODE's step budget is lowered to fit <paramref name="workBudget"/> (<see cref="KgmmWork.OdeOptions"/>).</remarks>
    public Trajectory SolveTheoryWithin(ParameterValues parameters, TimeGrid grid, double workBudget)
    {
        var p = KgmmParameters.FromValues(parameters);
        return KgmmTheory.Trajectory(p, grid, KgmmWork.OdeOptions(p, grid.End, workBudget));
    }

    /// <inheritdoc/>
    /// <remarks>Tolerances, Dormand–Prince 5(4) or 8(5,3), and the corrector (c_δ/λ)Ḡ of dR/dt (kgmm.md §5.2).</remarks>
    public TheorySolverSupport TheorySolver { get; } = new(true, [TheorySolverSettings.DormandPrince54, TheorySolverSettings.DormandPrince853], true, "");

    /// <inheritdoc/>
    public Trajectory SolveTheoryWithin(ParameterValues parameters, TimeGrid grid, double workBudget, TheorySolverSettings solver)
    {
        solver.Check(Descriptor.Id, TheorySolver);
        var p = KgmmParameters.FromValues(parameters);
        var defaults = KgmmTheoryOptions.Default;
        var options = defaults with
        {
            RelativeTolerance = solver.RelativeTolerance ?? defaults.RelativeTolerance,
            AbsoluteTolerance = solver.AbsoluteTolerance ?? defaults.AbsoluteTolerance,
            HighOrder = solver.Method is null ? defaults.HighOrder : solver.HighOrder,
            Corrector = solver.Corrector ?? defaults.Corrector,
        };
        return KgmmTheory.Trajectory(p, grid, KgmmWork.OdeOptions(p, grid.End, workBudget, options));
    }

    /// <inheritdoc/>
    public WorkEstimate? EstimateTheory(ParameterValues parameters, TimeGrid grid) =>
        KgmmWork.Ode(KgmmParameters.FromValues(parameters), grid.Times.Count, grid.End);

    /// <inheritdoc/>
    /// <remarks>Engine <c>full</c>: d normals and k row updates per step; engine <c>subspace</c>: a fixed cost per step.</remarks>
    public WorkEstimate? EstimateSimulation(ParameterValues parameters, string engine, TimeGrid grid)
    {
        var p = KgmmParameters.FromValues(parameters);
        int d = p.ValidateDimension(SimulationPoint.Dimension(parameters));
        return engine switch
        {
            Simulation.Engines.EngineNames.Full => KgmmWork.Sgd(p, d, grid.End, grid.Times.Count),
            Simulation.Engines.EngineNames.Subspace => KgmmWork.Subspace(p, d, grid.End, grid.Times.Count),
            _ => null,
        };
    }

    /// <inheritdoc/>
    public WorkEstimate? EstimateSpectrum(ParameterValues parameters, SpectrumRequest request)
    {
        var p = KgmmParameters.FromValues(parameters);
        int d = p.ValidateDimension(request.Dimension);
        int? block = KgmmSpectrumDocument.ParseBlock(request.Block, p.K);
        long dimension = block is null ? (long)p.K * d : d;
        if (request.Top > dimension) throw new InputException($"--top must be ≤ the matrix dimension {dimension} (got {request.Top})");
        return KgmmWork.SpectrumCommand(p, request);
    }

    /// <inheritdoc/>
    /// <exception cref="InputException">d &lt; 2k (one line naming d), a bad parameter, or an unknown engine.</exception>
    public Trajectory Simulate(ParameterValues parameters, string engine, TimeGrid grid, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        SimulateWithGeneratorThreads(parameters, engine, grid, 1, progress, cancellationToken);

    /// <inheritdoc/>
    public bool HasGeneratorThreads(string engine) => engine == Simulation.Engines.EngineNames.Full;

    /// <inheritdoc/>
    /// <exception cref="InputException">d &lt; 2k (one line naming d), a bad parameter, or an unknown engine.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="generatorThreads"/> is not 1 or 2.</exception>
    public Trajectory SimulateWithGeneratorThreads(ParameterValues parameters, string engine, TimeGrid grid, int generatorThreads, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        if (generatorThreads is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(generatorThreads), generatorThreads, "generator threads must be 1 or 2");
        var p = KgmmParameters.FromValues(parameters);
        var problem = new KgmmSimulationProblem(p, p.ValidateDimension(SimulationPoint.Dimension(parameters)),
            unchecked((long)SimulationPoint.Seed(parameters)), grid);
        var selected = KgmmEngines.All[engine];
        if (generatorThreads > 1 && HasGeneratorThreads(selected.Name)) selected = new KgmmSgd { GeneratorThreads = generatorThreads };
        var run = selected.Run(problem, cancellationToken);
        progress?.Report(1.0);
        return run.Trajectory with { SimulationEngine = selected.Name };
    }

    /// <inheritdoc/>
    public JsonObject Spectrum(ParameterValues parameters, SpectrumRequest request) =>
        KgmmSpectrumDocument.Build(KgmmParameters.FromValues(parameters), request);

    /// <inheritdoc/>
    public IReadOnlyList<IClaim> Claims { get; } =
    [
        new KgmmOdeTrackingClaim(),
        new KgmmCorrectorClaim(),
        new KgmmLargeLambdaClaim(),
        new KgmmBlockAlignmentClaim(),
        new KgmmOutliersClaim(),
        new KgmmFullStructureClaim(),
        new KgmmEmergenceClaim(),
        new KgmmTrainDataClaim(),
    ];
}
