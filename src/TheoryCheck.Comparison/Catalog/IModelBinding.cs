using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Comparison.Catalog;

/// <summary>
/// Binds one model's two independent sides (Theory and Simulation) and its claims for the command line — the contract
/// every model passes (design.md, "Engines"; the catalogue contract test). A model is added by its own folders:
/// Models/X, Theory/X, Simulation/X and Comparison/X with one implementation of this interface (found by
/// <see cref="ModelCatalog"/> through reflection). The dimension d and the seed are parameters like any other
/// (<c>d</c>, <c>seed</c>): <c>--d N</c> and <c>--set d=N</c> are the same value.
/// </summary>
public interface IModelBinding
{
    /// <summary>Id, parameters (including <c>d</c> and <c>seed</c>) and observables.</summary>
    ModelDescriptor Descriptor { get; }

    /// <summary>The simulation engines, the default first (e.g. <c>full</c>, <c>subspace</c>).</summary>
    IReadOnlyList<string> Engines { get; }

    /// <summary>
    /// True when the theory is computed at the simulated d (cws's per-mode ODE, quadratic's exact recursion): then
    /// <see cref="SolveTheory"/> reads <c>d</c> from the parameters and a tracking claim solves it once per d. False
    /// for a d → ∞ limit (kgmm), whose <c>ode</c> refuses a d.
    /// </summary>
    bool TheoryUsesDimension { get; }

    /// <summary>
    /// The output grid 0, Δt, …, T in the model's time, validated by the model's rules (quadratic: whole steps; kgmm:
    /// Δt not finer than one SGD step δ = cdelta/d when d is given). Bad grids throw <see cref="InputException"/>.
    /// </summary>
    TimeGrid Grid(ParameterValues parameters, double end, double step);

    /// <summary>The theory trajectory (<c>theorycheck ode MODEL</c>): limiting ODE or exact recursion on <paramref name="grid"/>.</summary>
    Trajectory SolveTheory(ParameterValues parameters, TimeGrid grid);

    /// <summary>
    /// One finite-d run (<c>theorycheck sgd MODEL</c>) with the named engine, at the <c>d</c> and <c>seed</c> of
    /// <paramref name="parameters"/>, recorded on <paramref name="grid"/> with the theory's observable names.
    /// </summary>
    Trajectory Simulate(ParameterValues parameters, string engine, TimeGrid grid, IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// True when one run of <paramref name="engine"/> can draw its normals on two threads (<see cref="SimulateWithGeneratorThreads"/>: a worker per run;
    /// docs/performance.md, "Whole process"); the default: no engine can.
    /// </summary>
    bool HasGeneratorThreads(string engine) => false;

    /// <summary>
    /// <see cref="Simulate"/> with the normals
    /// of the run drawn by <paramref name="generatorThreads"/> threads (1 or 2; speed only, the same bits; 2 only
    /// where <see cref="HasGeneratorThreads"/>). The default runs on one thread.
    /// </summary>
    Trajectory SimulateWithGeneratorThreads(ParameterValues parameters, string engine, TimeGrid grid, int generatorThreads, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        Simulate(parameters, engine, grid, progress, cancellationToken);

    /// <summary>
    /// Empirical spectrum document (<c>theorycheck spectrum</c>): top eigenpairs with residuals, predicted outliers
    /// and bulk edge, alignment. Throws <see cref="InputException"/> when the model has no such matrices.
    /// </summary>
    JsonObject Spectrum(ParameterValues parameters, SpectrumRequest request);

    /// <summary>
    /// The theory trajectory with its adaptive solvers held to about <paramref name="workBudget"/> SGD element-updates
    /// (<see cref="WorkEstimate"/>): a solve that would need more ends early with a step-budget status
    /// (<see cref="RunStatus.StepBudgetExhausted"/>) instead of running on. The default ignores the budget (a model
    /// without adaptive solvers).
    /// </summary>
    Trajectory SolveTheoryWithin(ParameterValues parameters, TimeGrid grid, double workBudget) => SolveTheory(parameters, grid);

    /// <summary>
    /// The solver options <c>theorycheck ode</c> may pass to this model's theory (<see cref="TheorySolverSettings"/>), and
    /// why the others do not apply. The default: none (a theory without an adjustable solver).
    /// </summary>
    TheorySolverSupport TheorySolver => TheorySolverSupport.None("its theory has no adjustable solver options");

    /// <summary>
    /// <see cref="SolveTheoryWithin(ParameterValues, TimeGrid, double)"/> with the solver options of
    /// <paramref name="solver"/> (already checked against <see cref="TheorySolver"/>). The default accepts only
    /// <see cref="TheorySolverSettings.Default"/>.
    /// </summary>
    Trajectory SolveTheoryWithin(ParameterValues parameters, TimeGrid grid, double workBudget, TheorySolverSettings solver)
    {
        ArgumentNullException.ThrowIfNull(solver);
        solver.Check(Descriptor.Id, TheorySolver);
        return SolveTheoryWithin(parameters, grid, workBudget);
    }

    /// <summary>
    /// The work and memory of <see cref="SolveTheory"/>, estimated before it starts; null
    /// when the model gives no estimate (the command then runs unchecked). Bad input throws <see cref="InputException"/>
    /// as the solve would.
    /// </summary>
    WorkEstimate? EstimateTheory(ParameterValues parameters, TimeGrid grid) => null;

    /// <summary>The work and memory of one <see cref="Simulate"/> run with <paramref name="engine"/>; null when unknown.</summary>
    WorkEstimate? EstimateSimulation(ParameterValues parameters, string engine, TimeGrid grid) => null;

    /// <summary>The work and memory of <see cref="Spectrum"/>; null when unknown.</summary>
    WorkEstimate? EstimateSpectrum(ParameterValues parameters, SpectrumRequest request) => null;

    /// <summary>
    /// Why <paramref name="engine"/> cannot simulate the model at <paramref name="parameters"/> (one line), or null when
    /// it can — checked before any work by <see cref="Simulate"/> and by claim specs (e.g. cws's <c>subspace</c> refuses
    /// <c>cov = power-law</c>, docs/theory/subspace.md §11.7). The default: every engine applies everywhere.
    /// </summary>
    string? EngineRefusal(ParameterValues parameters, string engine) => null;

    /// <summary>The model's claims, in catalogue order.</summary>
    IReadOnlyList<IClaim> Claims { get; }
}
