using TheoryCheck.Numerics.Kernels;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Common;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Simulation.Cws;

/// <summary>
/// The full-vector one-pass SGD engine of <c>cws</c> (engine name "full", trajectory engine "sgd"): runs
/// <see cref="CwsSgdSimulation"/> over the output grid, records the closure statistics of the iterate at the step ℓ
/// nearest to t·d of every grid time (claims.md §0) and evaluates the population observables exactly from them
/// (cws.md §4: functions of the per-mode X_i and the model; the logistic risk by the Models/Cws quadrature). The
/// trajectory carries the grid times; the steps recorded are in the diagnostics.
/// </summary>
/// <remarks>Thread-safe: every call builds its own simulation; the problem's mixture is shared read-only.</remarks>
public sealed class CwsSgd : ISimulationEngine<CwsSimulationProblem, CwsRun>
{
    /// <inheritdoc />
    public string Name => EngineNames.Full;

    /// <inheritdoc />
    public CwsRun Run(CwsSimulationProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var total = Stopwatch.StartNew();
        var simulation = new CwsSgdSimulation(problem.Mixture, problem.Loss, problem.Schedule, problem.Seed);
        var description = new CwsTrajectoryRecorder.EngineDescription(
            Name,
            "X_0 = 0",
            "X ← X − (γ(t_{ℓ−1})/d)·ℓ′(⟨X, a⟩, y_c)·a, t_{ℓ−1} = (ℓ − 1)/d",
            "Philox4x32-10 stream cws.sgd keyed by (seed, d): class from raw position ℓ−1, z from normal positions [(ℓ−1)d, ℓd)",
            string.Create(CultureInfo.InvariantCulture, $"random {RandomStream.BestPath}, kernels {FixedOrderKernels.Path}"));
        return CwsTrajectoryRecorder.Record(problem, simulation, description, total, () => simulation.Iterate.ToArray(), cancellationToken);
    }
}
