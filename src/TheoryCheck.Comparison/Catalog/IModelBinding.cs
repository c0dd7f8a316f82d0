using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Comparison.Catalog;

/// <summary>
/// Binds one model's two independent sides (Theory and Simulation) and its claims for the command line.
/// A model is added by its own folders: Models/X, Theory/X, Simulation/X and Comparison/X with one
/// implementation of this interface (found by <see cref="ModelCatalog"/> through reflection).
/// </summary>
public interface IModelBinding
{
    /// <summary>Id, parameters and observables.</summary>
    ModelDescriptor Descriptor { get; }

    /// <summary>The theory trajectory (<c>theorycheck ode MODEL</c>): limiting ODE or exact recursion on <paramref name="grid"/>.</summary>
    Trajectory SolveTheory(ParameterValues parameters, TimeGrid grid);

    /// <summary>One finite-d simulation run (<c>theorycheck sgd MODEL --d D --seed N</c>) recorded on <paramref name="grid"/>.</summary>
    Trajectory Simulate(ParameterValues parameters, int d, ulong seed, TimeGrid grid, IProgress<double>? progress = null);

    /// <summary>
    /// Empirical spectrum document (<c>theorycheck spectrum</c>): top eigenpairs with residuals, predicted outliers
    /// and bulk edge, alignment. Throws <see cref="InputException"/> when the model has no such matrices.
    /// </summary>
    JsonObject Spectrum(ParameterValues parameters, SpectrumRequest request);

    /// <summary>The model's claims, in catalogue order.</summary>
    IReadOnlyList<IClaim> Claims { get; }
}
