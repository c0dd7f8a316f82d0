using System.Diagnostics;
using System.Text.Json.Nodes;
using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Simulation.Cws;

/// <summary>
/// The trajectory document shared by the cws engines (<see cref="CwsSgd"/>, <see cref="CwsSubspaceSgd"/>): advances a
/// stepper over the output grid, records the closure statistics at the step ℓ nearest to t·d of every grid time
/// (claims.md §0), evaluates the population observables exactly from them (cws.md §4, <see cref="CwsObservables"/>) and
/// writes the diagnostics (same keys and order for every engine; trajectory engine "sgd"). A diverged run keeps the
/// records before the divergence.
/// </summary>
internal static class CwsTrajectoryRecorder
{
    /// <summary>What an engine writes about itself in the diagnostics.</summary>
    /// <param name="Name">Engine name.</param>
    /// <param name="Initialisation">The initial state.</param>
    /// <param name="Update">The update rule.</param>
    /// <param name="Random">The random streams.</param>
    /// <param name="SimdPath">Vectorisation paths.</param>
    /// <param name="Frame">The frame (subspace engine), or null.</param>
    public sealed record EngineDescription(string Name, string Initialisation, string Update, string Random, string SimdPath, string? Frame = null);

    /// <summary>Runs <paramref name="stepper"/> over the problem's grid and builds the run record.</summary>
    /// <param name="problem">The problem (grid, mixture, loss).</param>
    /// <param name="stepper">The engine's stepping state at step 0.</param>
    /// <param name="description">What the engine writes about itself.</param>
    /// <param name="total">Started when the engine began (setup included).</param>
    /// <param name="finalIterate">X at the end (full engine), or null; called only when the run did not diverge.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static CwsRun Record(CwsSimulationProblem problem, ICwsStepper stepper, EngineDescription description, Stopwatch total,
        Func<double[]>? finalIterate, CancellationToken cancellationToken)
    {
        var mixture = problem.Mixture;
        var times = problem.Grid.Times;
        var statistics = new List<CwsStatistics>(times.Count);
        var steps = new List<long>(times.Count);
        var stepping = new Stopwatch();
        foreach (double t in times)
        {
            long target = problem.StepAt(t);
            stepping.Start();
            var status = stepper.AdvanceTo(target, cancellationToken);
            stepping.Stop();
            if (status.Diverged) break;
            var s = stepper.TryStatistics();
            if (s is null) break;
            statistics.Add(s);
            steps.Add(target);
        }

        var observables = new CwsObservables(mixture, problem.Loss);
        var names = observables.Names;
        var columns = names.Select(_ => new double[statistics.Count]).ToArray();
        var row = new double[observables.Count];
        for (int i = 0; i < statistics.Count; i++)
        {
            observables.Evaluate(statistics[i], row);
            for (int j = 0; j < row.Length; j++) columns[j][i] = row[j];
        }

        var runStatus = stepper.Status;
        double stepSeconds = stepping.Elapsed.TotalSeconds;
        long done = stepper.Step;
        var diagnostics = new JsonObject
        {
            ["engine"] = description.Name,
            ["steps"] = done,
            ["step_seconds"] = stepSeconds,
            ["steps_per_second"] = stepSeconds > 0 ? done / stepSeconds : null,
            ["total_seconds"] = total.Elapsed.TotalSeconds,
            ["means"] = mixture.MeanSource,
            ["schedule"] = problem.Schedule.ToString(),
            ["initialisation"] = description.Initialisation,
            ["update"] = description.Update,
            ["record_rule"] = "step nearest to t·d (halves up); trajectory times are the grid times",
            ["record_steps"] = new JsonArray(steps.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["quadrature"] = observables.Quadrature.RuleDescription,
            ["random"] = description.Random,
            ["simd_path"] = description.SimdPath,
        };
        if (description.Frame is not null) diagnostics["frame"] = description.Frame;
        var trajectory = new Trajectory(CwsModel.Id, "sgd", (JsonObject)problem.ParametersJson.DeepClone(), problem.Dimension, problem.Seed,
            times.Take(statistics.Count).ToArray(),
            names.Select((name, j) => new KeyValuePair<string, double[]>(name, columns[j])).ToArray(),
            runStatus, diagnostics);
        return new CwsRun
        {
            Problem = problem,
            Trajectory = trajectory,
            Statistics = statistics,
            RecordSteps = steps,
            FinalIterate = runStatus.Diverged || finalIterate is null ? null : finalIterate(),
            Steps = done,
            StepSeconds = stepSeconds,
        };
    }
}
