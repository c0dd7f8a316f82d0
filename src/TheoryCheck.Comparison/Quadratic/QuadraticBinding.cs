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
/// The <c>quadratic</c> model for the command line: theory = the exact expected second-moment recursion
/// (quadratic.md §2) with observables alignment (χ²_RE), loss (E[L]), eta_star, eta_dom, eta_bulk; simulation = one
/// SGD / Dom-SGD / Bulk-SGD run recording the per-run χ² and loss; the claims of claims.md §4.
/// </summary>
public sealed class QuadraticBinding : IModelBinding
{
    /// <inheritdoc/>
    public ModelDescriptor Descriptor => QuadraticModel.Descriptor;

    /// <inheritdoc/>
    public Trajectory SolveTheory(ParameterValues parameters, TimeGrid grid)
    {
        var p = QuadraticParameters.FromValues(parameters);
        long steps = (long)Math.Round(grid.End);
        return QuadraticTheory.Solve(p, steps).ToTrajectory(grid);
    }

    /// <inheritdoc/>
    public Trajectory Simulate(ParameterValues parameters, int d, ulong seed, TimeGrid grid, IProgress<double>? progress = null)
    {
        var values = parameters.With(QuadraticModel.Id, "d", JsonValue.Create((long)d));
        var p = QuadraticParameters.FromValues(values);
        var run = QuadraticSimulator.Run(p, seed, grid);
        progress?.Report(1.0);
        var trajectory = run.ToTrajectory();
        // Report the grid's own times (the run records the nearest steps).
        var times = grid.Times.Take(run.Steps.Length).ToArray();
        return new Trajectory(trajectory.Model, trajectory.Engine, trajectory.Parameters, trajectory.Dimension, trajectory.Seed,
            times, trajectory.Observables, trajectory.Status, trajectory.Diagnostics);
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
