using System.CommandLine;
using TheoryCheck.Cli.Common;
using TheoryCheck.Comparison.Store;
using TheoryCheck.Models;

namespace TheoryCheck.Cli.Commands;

/// <summary>
/// <c>theorycheck merge DIR... --out DIR</c>: combines the stores of shard runs (<c>run … --shard i/n</c>) into one
/// report. The shards must come from the same run request and together cover every shard 0 … n − 1; the merged report
/// has the numbers a single-machine run gives (every cell is computed once, by its shard, and read back bit for bit).
/// </summary>
public static class MergeCommand
{
    public static Command Create(CliIO io)
    {
        var inputs = new Argument<string[]>("DIR") { Description = "Shard report directories (each written by 'run … --shard i/n').", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Report directory of the merged run.", Required = true, HelpName = "DIR" };
        var threads = new Option<int>("--threads") { Description = "Worker threads (only cells missing from every shard are computed).", DefaultValueFactory = _ => Environment.ProcessorCount, HelpName = "N" };
        var progress = ProgressOption.Create();
        var style = new Option<string?>("--style") { Description = "Figure style (JSON), as for 'run --style'.", HelpName = "FILE" };
        var command = new Command("merge", "Combine shard stores into the report a single-machine run gives.");
        command.Arguments.Add(inputs);
        command.Options.Add(output);
        command.Options.Add(threads);
        command.Options.Add(progress);
        command.Options.Add(style);
        command.SetAction(result =>
        {
            var figureStyle = result.GetValue(style) is string stylePath ? Reports.Theme.FigureStyleFile.Read(stylePath) : null;
            string[] directories = result.GetValue(inputs) ?? [];
            int threadCount = result.GetValue(threads);
            if (threadCount < 1) throw new InputException($"--threads must be ≥ 1 (got {threadCount})");
            RunRequest? request = null;
            int? count = null;
            var seen = new SortedSet<int>();
            var stores = new List<ResultStore>();
            foreach (string directory in directories)
            {
                if (OutputDirectory.PathProblem(directory) is string problem) throw new InputException($"shard directory: {problem}");
                if (!ResultStore.Exists(directory)) throw new InputException($"'{directory}' holds no results store (was it written by 'run --shard i/n'?)");
                var store = ResultStore.Open(directory);
                RunRequest shardRequest;
                int shards, index;
                try
                {
                    var manifest = store.ReadManifest() ?? throw new InputException($"'{directory}' has no shard manifest (was it written by 'run --shard i/n'?)");
                    shardRequest = RunRequest.FromJson(manifest, directory);
                    shards = manifest["shards"]?.GetValue<int>() ?? 1;
                    index = manifest["shard_index"]?.GetValue<int>() ?? 0;
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or IOException or UnauthorizedAccessException)
                {
                    throw new InputException($"'{directory}': the shard manifest is not readable ({CliApp.OneLine(e.Message)})");
                }
                if (shards < 1 || index < 0 || index >= shards) throw new InputException($"'{directory}': the shard manifest names shard {index} of {shards}");
                if (!seen.Add(index)) throw new InputException($"'{directory}' is shard {index}/{shards} again (each shard once)");
                if (request is null) (request, count) = (shardRequest, shards);
                else if (!request.SameAs(shardRequest) || count != shards)
                    throw new InputException($"'{directory}' is a shard of another run ({shardRequest}; {shards} shards) than '{directories[0]}' ({request}; {count} shards)");
                stores.Add(store);
            }
            var missing = Enumerable.Range(0, count!.Value).Where(i => !seen.Contains(i)).ToList();
            if (missing.Count > 0)
                throw new InputException($"shard{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)} of {count} {(missing.Count == 1 ? "is" : "are")} missing: merge needs every shard 0 … {count - 1}");
            return ClaimRunExecution.Execute(io, request!, result.GetRequiredValue(output), threadCount, null, ProgressOption.Parse(result.GetValue(progress)!), stores,
                ResourceLimits.MemoryOnly(io), figureStyle);
        });
        return command;
    }
}
