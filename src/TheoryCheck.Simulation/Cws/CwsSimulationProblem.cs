using System.Text.Json.Nodes;
using TheoryCheck.Models;
using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Simulation.Cws;

/// <summary>
/// One finite-d <c>cws</c> run to simulate (cws.md §1): the data model (built once from the parameters and shared by
/// every replicate made with <see cref="WithSeed"/>), loss, schedule, replicate seed and output grid. Observables are
/// recorded at the SGD step ℓ nearest to t·d (claims.md §0). Validated on construction.
/// </summary>
public sealed record CwsSimulationProblem
{
    /// <summary>A problem from validated parameters (d, loss, schedule, mixture) and a replicate seed.</summary>
    /// <exception cref="InputException">Too many SGD steps.</exception>
    public CwsSimulationProblem(CwsParameters parameters, long seed, TimeGrid grid)
        : this(parameters?.CreateMixture() ?? throw new ArgumentNullException(nameof(parameters)), parameters.Loss, parameters.Schedule, seed, grid,
            parameters.WithSeed(null).ToJson())
    {
        Parameters = parameters;
    }

    /// <summary>A problem with a given mixture (any commuting spectra).</summary>
    /// <exception cref="InputException">Too many SGD steps.</exception>
    public CwsSimulationProblem(CwsMixture mixture, CwsLoss loss, CwsSchedule schedule, long seed, TimeGrid grid, JsonObject? parametersJson = null)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(grid);
        double steps = grid.End * mixture.Dimension;
        if (!(steps < 4e18)) throw new InputException($"T·d = {steps:G3} SGD steps is too many");
        Mixture = mixture;
        Loss = loss;
        Schedule = schedule;
        Seed = seed;
        Grid = grid;
        ParametersJson = parametersJson ?? new JsonObject { ["loss"] = CwsModel.Name(loss), ["mixture"] = "custom", ["d"] = mixture.Dimension };
    }

    /// <summary>The problem of <paramref name="parameters"/> with its <c>seed</c>.</summary>
    /// <exception cref="InputException">The parameters carry no seed.</exception>
    public static CwsSimulationProblem FromParameters(CwsParameters parameters, TimeGrid grid)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new CwsSimulationProblem(parameters, parameters.Seed ?? throw new InputException("parameter 'seed' is required for a simulation"), grid);
    }

    /// <summary>The parameters, when the problem was made from them.</summary>
    public CwsParameters? Parameters { get; private init; }

    /// <summary>The data model.</summary>
    public CwsMixture Mixture { get; }

    /// <summary>The loss.</summary>
    public CwsLoss Loss { get; }

    /// <summary>γ(t).</summary>
    public CwsSchedule Schedule { get; }

    /// <summary>Replicate seed (keys <see cref="CwsStreams.Sgd"/>).</summary>
    public long Seed { get; init; }

    /// <summary>Output grid.</summary>
    public TimeGrid Grid { get; }

    /// <summary>The parameters as recorded in the trajectory document (without the seed, which the document records on its own).</summary>
    public JsonObject ParametersJson { get; }

    /// <summary>d.</summary>
    public int Dimension => Mixture.Dimension;

    /// <summary>The same problem (same mixture object) with another seed.</summary>
    public CwsSimulationProblem WithSeed(long seed) => this with { Seed = seed };

    /// <summary>The SGD step ℓ nearest to t·d (halves up; claims.md §0).</summary>
    public long StepAt(double time) => (long)Math.Floor(time * Dimension + 0.5);
}
