using System.Diagnostics;
using System.Runtime.InteropServices;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Running;
using TheoryCheck.Comparison.Store;
using TheoryCheck.Models;
using TheoryCheck.Reports.Pages;

namespace TheoryCheck.Cli.Common;

/// <summary>
/// Runs a <see cref="RunRequest"/> into a report directory, for <c>run</c> and <c>merge</c>: takes the directory's lock
/// (a second run on it is refused), opens its results store (reusing stored claim results and cells: a resumed run),
/// runs the claims (a shard: only the cells it owns), stops cleanly on SIGINT/SIGTERM (finished cells kept, exit 130 or
/// 143), and writes the report from the store — every claim stored in it, so running one claim adds to the report.
/// </summary>
public static class ClaimRunExecution
{
    /// <summary>Exit code after SIGINT.</summary>
    public const int Interrupted = 130;

    /// <summary>Exit code after SIGTERM.</summary>
    public const int Terminated = 143;

    /// <summary>Runs and reports; returns the exit code.</summary>
    /// <param name="io">Streams.</param>
    /// <param name="request">What to compute.</param>
    /// <param name="directory">The report directory (--out).</param>
    /// <param name="threads">Worker threads.</param>
    /// <param name="shard">The shard, or null.</param>
    /// <param name="progressMode">Progress on stderr.</param>
    /// <param name="sources">Stores to absorb first (merge), or empty.</param>
    /// <param name="limits">The work budget and memory limit the claims' estimates are checked against.</param>
    /// <param name="style">The figure style (<c>--style FILE</c>), or null for the default paper theme.</param>
    public static int Execute(CliIO io, RunRequest request, string directory, int threads, ShardSpec? shard, ProgressMode progressMode,
        IReadOnlyList<ResultStore> sources, ResourceLimits limits, Reports.Theme.FigureStyle? style = null)
    {
        if (OutputDirectory.PathProblem(directory) is string unusable) throw new InputException($"--out: {unusable}");
        if (ReportWriter.TargetProblem(directory) is string problem) throw new InputException($"--out: {problem}");
        if (OutputDirectory.Problem(directory) is string unwritable) throw new InputException($"--out: {unwritable}");
        var available = request.Available();
        var claims = request.Claims.Select(id => available.Single(c => c.Info.Id == id)).ToList();
        var overrides = ClaimOverrides.Parse(request.Overrides);
        using var cancellation = new CancellationTokenSource();
        ClaimRunner Runner(ResultStore? store, IProgress<string>? progress) => new(ProfileOption.Parse(request.Profile), threads)
        {
            Overrides = overrides,
            Engine = request.Engine,
            NegativeControl = request.NegativeControl,
            ControlStrength = request.ControlStrength,
            Shard = store is null ? null : shard,
            Store = store,
            Cancellation = cancellation.Token,
            Progress = progress,
        };
        var planner = Runner(null, null);
        planner.Validate(claims);
        // Estimates before any work: memory always; work only against overrides, which may raise it above both the
        // budget and the claim's own profile (the catalogue's profiles are calibrated and always admitted).
        foreach (var claim in claims)
        {
            var estimate = planner.Estimate(claim);
            if (estimate is null) continue;
            string what = $"run {claim.Info.Id} at the {request.Profile} profile{(overrides.Count > 0 ? " with " + string.Join(" ", overrides.Texts) : "")} on {threads} thread{(threads == 1 ? "" : "s")}";
            limits.CheckMemory(what, estimate);
            if (overrides.Count > 0) limits.Check(what, estimate, admitted: planner.Estimate(claim, withOverrides: false)?.Work ?? 0);
        }

        using var directoryLock = RunLock.Acquire(directory);
        string full = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        ReportWriter.RemoveStaleTemporaries(full, Path.GetDirectoryName(full)!, Path.GetFileName(full));
        var store = ResultStore.Open(directory);
        foreach (var source in sources) store.Absorb(source);
        if (shard is not null) store.WriteManifest(request.ToJson(shard));

        int signal = 0;
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; signal = Interrupted; cancellation.Cancel(); });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; signal = Terminated; cancellation.Cancel(); });

        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        RunSummary summary;
        try
        {
            using var progress = new StderrProgress(io, shard is null ? "run" : $"run shard {shard}", progressMode);
            progress.Report($"{request}; {threads} thread{(threads == 1 ? "" : "s")}; store {store.Root} ({store.CellCount} cells)");
            summary = Runner(store, progress).Run(claims);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            io.Error.WriteLine($"theorycheck: stopped by {(signal == Terminated ? "SIGTERM" : "SIGINT")}; finished cells are kept in {store.Root} and the same command resumes");
            return signal == 0 ? Interrupted : signal;
        }

        // The report holds every claim in the store (this run's and earlier ones), in catalogue order.
        var stored = store.LatestClaims();
        var order = ModelCatalog.Claims.Select((c, i) => (c.Info.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var reported = stored.Values.OrderBy(r => order.GetValueOrDefault(r.Info.Id, int.MaxValue)).ThenBy(r => r.Info.Id, StringComparer.Ordinal).ToList();
        var info = new RunInfo(summary.Profile, summary.GitCommit, started, clock.Elapsed.TotalSeconds,
            "theorycheck " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)), RunInfo.DescribeMachine());
        if (reported.Count > 0) ReportWriter.Write(reported, info, directory, style);

        io.Out.Write(TextTable.Format(["claim", "verdict", "seconds"],
            summary.Results.Select(r => (IReadOnlyList<string>)[r.Info.Id, VerdictText(r), r.Timings.TryGetValue("total", out double s) ? s.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "—"])
                .Concat(summary.Pending.Select(id => (IReadOnlyList<string>)[id, "pending (other shards)", "—"])), indent: ""));
        string where = Path.GetFullPath(directory);
        io.Out.WriteLine();
        if (summary.ReusedClaims > 0 || summary.CellsReused > 0)
            io.Out.WriteLine($"resumed: {summary.ReusedClaims} claim results and {summary.CellsReused} cells read from the store, {summary.CellsComputed} cells computed");
        io.Out.WriteLine(request.NegativeControl
            ? $"negative controls: {summary.Results.Count(r => r.Verdict != Verdict.Holds)} of {summary.Results.Count} detected (the claim does not hold under its control); report in {where}"
            : $"{summary.Count(Verdict.Holds)} of {summary.Results.Count} claims hold{(summary.Pending.Count > 0 ? $", {summary.Pending.Count} pending on other shards" : "")}; report in {where}");
        return summary.Results.All(r => r.AsExpected) && (summary.Results.Count > 0 || summary.Pending.Count > 0) ? 0 : 1;
    }

    private static string VerdictText(ClaimResult r) => (r.Verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.Fails => "FAILS",
        Verdict.Inconclusive => "INCONCLUSIVE",
        Verdict.Diverged => "DIVERGED",
        _ => r.Verdict.ToString(),
    }) + (r.ParametersChanged ? " (parameters changed)" : "") + (r.Control is not null ? (r.Verdict == Verdict.Holds ? " — control NOT detected" : " — control detected") : "");
}
