using System.CommandLine;
using System.Globalization;
using TheoryCheck.Cli.Common;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Ensembles;
using TheoryCheck.Models;

namespace TheoryCheck.Cli.Commands;

/// <summary>
/// <c>theorycheck sgd MODEL --d D --seed N [--engine E]</c>: one finite-d online SGD run on a time grid; with
/// <c>--seeds A..B</c> instead, the runs of every seed A..B in parallel (<c>--threads</c>) and their summary per observable
/// at each time — n, mean, sd, standard error, 5/50/95% quantiles (<see cref="TrajectoryEnsemble"/>), the same bits for any
/// thread count. One run of an engine that supports it draws its normals on two threads (<c>--generator-threads</c>,
/// default 2 on a machine with ≥ 2 cores; docs/performance.md, "Whole process"); ensembles keep one per run.
/// </summary>
public static class SgdCommand
{
    public static Command Create(CliIO io)
    {
        var model = new ModelOptions(dimension: true, seed: true);
        var grid = new GridOptions();
        var output = new OutputOptions("json", "csv");
        var budget = ResourceLimits.CreateOption();
        var engine = new Option<string?>("--engine") { Description = "Simulation engine (see 'theorycheck models'; default: the model's first).", HelpName = "NAME" };
        var seeds = new Option<string?>("--seeds")
        {
            Description = "An ensemble over the seeds A..B (e.g. 1..32) instead of one --seed: per observable and time n, mean, sd, se, q05, q50, q95.",
            HelpName = "A..B",
        };
        var threads = new Option<string?>("--threads") { Description = "Worker threads over the seeds of --seeds (default: all cores; the numbers do not depend on it).", HelpName = "N" };
        var generatorThreads = new Option<string?>("--generator-threads")
        {
            Description = "Threads drawing the normals of one run, 1 or 2 (engines that support it, e.g. kgmm full; default: 2 when the machine has ≥ 2 cores; the numbers do not depend on it).",
            HelpName = "N",
        };
        var command = new Command("sgd", "Run online SGD at finite dimension d and print the same observables as 'ode' (or, with --seeds, their ensemble summary).");
        model.AddTo(command);
        command.Options.Add(engine);
        command.Options.Add(seeds);
        command.Options.Add(threads);
        command.Options.Add(generatorThreads);
        grid.AddTo(command);
        output.AddTo(command);
        command.Options.Add(budget);
        command.SetAction(result =>
        {
            var range = result.GetValue(seeds) is string seedText ? SeedRange.Parse("--seeds", seedText) : null;
            int threadCount = result.GetValue(threads) is string threadText
                ? (int)CliNumbers.ParseInteger("--threads", threadText, 1, 1024)
                : Environment.ProcessorCount;
            if (range is null && result.GetValue(threads) is not null) throw new InputException("--threads applies to an ensemble (--seeds A..B) only");
            int? generatorThreadCount = result.GetValue(generatorThreads) is string generatorText
                ? (int)CliNumbers.ParseInteger("--generator-threads", generatorText, 1, 2)
                : null;
            if (range is not null && generatorThreadCount is not null)
                throw new InputException("--generator-threads applies to one run (--seed N); an ensemble (--seeds A..B) runs one thread per seed");
            var (binding, parameters) = model.Resolve(result);
            long d = SimulationPoint.Dimension(parameters);
            if (range is not null)
            {
                if (parameters.IsExplicit("seed")) throw new InputException("give either --seed N (one run) or --seeds A..B (an ensemble), not both");
                parameters = parameters.With("seed", unchecked((long)range.First)); // validated like a seed; each run sets its own
            }
            SimulationPoint.Seed(parameters);
            string engineName = result.GetValue(engine) ?? binding.Engines[0];
            if (!binding.Engines.Contains(engineName))
                throw new InputException($"model '{binding.Descriptor.Id}' has no engine '{engineName}' (engines: {string.Join(", ", binding.Engines)})");
            if (generatorThreadCount > 1 && !binding.HasGeneratorThreads(engineName))
                throw new InputException($"--generator-threads 2 does not apply to engine '{engineName}' of model '{binding.Descriptor.Id}'");
            int runGeneratorThreads = generatorThreadCount
                ?? (Environment.ProcessorCount >= 2 && binding.HasGeneratorThreads(engineName) ? 2 : 1);
            var times = grid.Resolve(result, binding, parameters);
            var estimate = binding.EstimateSimulation(parameters, engineName, times);
            if (range is not null && estimate is not null)
                estimate = estimate.Times(range.Count, threadCount).With(new WorkEstimate(0, (double)range.Count * times.Times.Count * binding.Descriptor.Observables.Count * 16 * 8));
            ResourceLimits.Resolve(result, budget, io).Check(
                string.Create(CultureInfo.InvariantCulture, $"sgd {binding.Descriptor.Id} at d = {d} to t = {times.End:G}{(range is null ? "" : $" for {range.Count} seeds")}"),
                estimate);
            output.Check(result);
            if (range is not null)
            {
                using var ensembleProgress = new StderrProgress(io, $"sgd {binding.Descriptor.Id} d={d} seeds {range}");
                var ensemble = TrajectoryEnsemble.Run(binding, parameters, engineName, times, range.Seeds, threadCount, ensembleProgress);
                ensembleProgress.Dispose();
                output.Emit(result, io, result.GetValue(output.Format) == "csv"
                    ? ensemble.ToCsv()
                    : Models.Observables.Trajectory.Finite(ensemble.ToJson())!.ToJsonString(CliJson.Indented) + "\n");
                foreach (var (seed, run) in ensemble.Stopped) io.Error.WriteLine($"theorycheck: seed {seed}: {run.Engine} run {run.Status}");
                foreach (var fault in ensemble.Runs.SelectMany(r => r.Faults)) io.Error.WriteLine($"theorycheck: fault: {fault}");
                return ensemble.Faults.Count > 0 ? 1 : 0;
            }
            using var progress = new StderrProgress(io, $"sgd {binding.Descriptor.Id} d={d}");
            var trajectory = binding.SimulateWithGeneratorThreads(parameters, engineName, times, runGeneratorThreads, progress);
            progress.Dispose();
            return TrajectoryOutput.Emit(result, io, output, trajectory);
        });
        return command;
    }
}
