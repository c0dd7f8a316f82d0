using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;
using TheoryCheck.Models.Quadratic;
using TheoryCheck.Simulation.Quadratic;
using TheoryCheck.Theory.Quadratic;

namespace TheoryCheck.Comparison.Quadratic;

/// <summary>
/// The <c>quadratic</c> model for the command line: theory = the exact expected second-moment recursion at the given d
/// (quadratic.md §2) with observables alignment (χ²_RE), loss (E[L]), eta_star, eta_dom, eta_bulk; simulation = one
/// SGD / Dom-SGD / Bulk-SGD run recording the per-run χ² and loss; the claims of claims.md §4. Time is the step
/// count, so grids are whole steps.
/// </summary>
public sealed class QuadraticBinding : IModelBinding
{
    /// <inheritdoc/>
    public ModelDescriptor Descriptor => QuadraticModel.Descriptor;

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines => QuadraticEngines.All.Names;

    /// <inheritdoc/>
    public bool TheoryUsesDimension => true;

    /// <inheritdoc/>
    /// <remarks>t is a step count (quadratic.md §1): T and Δt must be whole numbers, so every grid point is a step.</remarks>
    public TimeGrid Grid(ParameterValues parameters, double end, double step)
    {
        foreach (var (name, value) in new[] { ("--t-end", end), ("--t-step", step) })
            if (double.IsFinite(value) && Math.Abs(value - Math.Round(value)) > 1e-9 * Math.Max(1, Math.Abs(value)))
                throw new InputException(string.Create(CultureInfo.InvariantCulture,
                    $"{name} {value:G} is not a whole number: the quadratic's time is the step count"));
        var grid = TimeGrid.Uniform(Math.Round(end), Math.Round(step));
        return grid;
    }

    /// <inheritdoc/>
    public Trajectory SolveTheory(ParameterValues parameters, TimeGrid grid)
    {
        var p = QuadraticParameters.FromValues(parameters);
        return QuadraticTheory.Solve(p, RecursionSteps(grid)).ToTrajectory(grid);
    }

    /// <inheritdoc/>
    public TheorySolverSupport TheorySolver { get; } =
        TheorySolverSupport.None("its theory is the exact second-moment recursion (quadratic.md), computed step by step without an integrator");

    /// <inheritdoc/>
    public WorkEstimate? EstimateTheory(ParameterValues parameters, TimeGrid grid)
    {
        QuadraticParameters.FromValues(parameters);
        return QuadraticWork.Recursion(RecursionSteps(grid), grid.Times.Count);
    }

    /// <inheritdoc/>
    /// <remarks>Engine <c>full</c> only; other engines give no estimate.</remarks>
    public WorkEstimate? EstimateSimulation(ParameterValues parameters, string engine, TimeGrid grid)
    {
        if (engine != Simulation.Engines.EngineNames.Full) return null;
        return QuadraticWork.Sgd(QuadraticParameters.FromValues(parameters), Math.Round(grid.End), grid.Times.Count);
    }

    /// <summary>The recursion's steps for <paramref name="grid"/>: T, at most <see cref="QuadraticWork.MaxRecursionSteps"/> (else bad input).</summary>
    private static long RecursionSteps(TimeGrid grid) =>
        grid.End <= QuadraticWork.MaxRecursionSteps
            ? (long)Math.Round(grid.End)
            : throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"--t-end {grid.End:G} is more steps than the exact recursion takes ({QuadraticWork.MaxRecursionSteps:G}): the quadratic's theory is computed step by step"));

    /// <inheritdoc/>
    public Trajectory Simulate(ParameterValues parameters, string engine, TimeGrid grid, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var p = QuadraticParameters.FromValues(parameters);
        var selected = QuadraticEngines.All[engine];
        var run = selected.Run(new QuadraticSimulationProblem(p, SimulationPoint.Seed(parameters), QuadraticSimulator.StepsOf(grid)), cancellationToken);
        progress?.Report(1.0);
        var trajectory = run.ToTrajectory();
        // The grid's own times (whole steps: Grid refuses fractional ones).
        return trajectory with { Times = grid.Times.Take(run.Steps.Length).ToArray(), SimulationEngine = selected.Name };
    }

    /// <inheritdoc/>
    public JsonObject Spectrum(ParameterValues parameters, SpectrumRequest request) =>
        throw new InputException("the quadratic model has no empirical Hessian/G spectrum: H is diagonal and given (lambda_dom on k coordinates, lambda_bulk on the rest)");

    /// <inheritdoc/>
    public IReadOnlyList<IClaim> Claims { get; } =
    [
        new AlignmentTrajectoryClaim(),
        new TurningTimeClaim(),
        new InitialDirectionClaim(),
        new SelfCorrectionClaim(),
        new SuspiciousIntervalClaim(),
        new SwitchClaim(),
        new StreamingPlateauClaim(),
        new FluctuationsClaim(),
    ];
}
