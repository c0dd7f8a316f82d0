using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models;

namespace TheoryCheck.Comparison.Running;

/// <summary>
/// Runs claims one after another at a profile, each with <see cref="Threads"/> worker threads, and completes
/// their provenance: wall time (<c>Timings["total"]</c> when the claim did not set it), git commit, and
/// <see cref="ClaimResult.Calibrated"/> = false whenever <see cref="Overrides"/> is non-empty.
/// A claim that throws does not stop the run: its result fails with the error as a check; a
/// <see cref="DivergenceException"/> becomes <see cref="ClaimResult.Divergence"/>. Bad user input
/// (<see cref="InputException"/>) and cancellation propagate: the command must stop and write nothing.
/// </summary>
public sealed class ClaimRunner
{
    /// <param name="profile">Profile every claim runs at.</param>
    /// <param name="threads">Worker threads per claim (≥ 1).</param>
    public ClaimRunner(Profile profile, int threads = 1)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), "threads must be ≥ 1");
        Profile = profile;
        Threads = threads;
    }

    public Profile Profile { get; }
    public int Threads { get; }

    /// <summary><c>name=value</c> overrides passed to every claim (results become not calibrated).</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>Progress lines (claim start and end, and the claims' own messages).</summary>
    public IProgress<string>? Progress { get; init; }

    public CancellationToken Cancellation { get; init; }

    /// <summary>The commit to record; null reads it with <see cref="Running.GitCommit.Current"/>.</summary>
    public string? GitCommit { get; init; }

    /// <summary>Runs <paramref name="claims"/> in order and summarises.</summary>
    public RunSummary Run(IReadOnlyList<IClaim> claims)
    {
        var start = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        string commit = GitCommit ?? Running.GitCommit.Current();
        var results = new List<ClaimResult>(claims.Count);
        for (int i = 0; i < claims.Count; i++)
        {
            Progress?.Report($"[{i + 1}/{claims.Count}] {claims[i].Info.Id} ({Profile.ToString().ToLowerInvariant()}, {Threads} thread{(Threads == 1 ? "" : "s")})");
            var result = RunOne(claims[i], commit);
            Progress?.Report($"[{i + 1}/{claims.Count}] {claims[i].Info.Id}: {result.Verdict} in {result.Timings["total"]:F1} s");
            results.Add(result);
        }
        return new RunSummary(results, Profile, Threads, commit, start, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Runs one claim and completes its provenance (see the class summary).</summary>
    public ClaimResult RunOne(IClaim claim) => RunOne(claim, GitCommit ?? Running.GitCommit.Current());

    private ClaimResult RunOne(IClaim claim, string commit)
    {
        var context = new ClaimContext(claim.Info.Id, Profile, Threads)
        {
            Overrides = Overrides,
            Progress = Progress,
            Cancellation = Cancellation,
        };
        var clock = Stopwatch.StartNew();
        ClaimResult result;
        try
        {
            result = claim.Run(context);
            if (result.Info.Id != claim.Info.Id)
                throw new InvalidOperationException($"claim '{claim.Info.Id}' returned a result for '{result.Info.Id}'");
        }
        catch (InputException)
        {
            throw;
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Parallel sweeps (ClaimContext.Map) wrap a job's exception in an AggregateException: look inside.
            var inner = e is AggregateException a ? a.Flatten().InnerExceptions.ToList() : [e];
            if (inner.OfType<InputException>().FirstOrDefault() is { } input) ExceptionDispatchInfo.Capture(input).Throw();
            if (inner.OfType<DivergenceException>().FirstOrDefault() is { } divergence)
            {
                result = Crashed(claim) with { Divergence = divergence.Message };
            }
            else
            {
                var first = inner[0];
                string error = $"{first.GetType().Name}: {first.Message}";
                result = Crashed(claim) with
                {
                    Error = error,
                    Checks = [new CheckResult("claim ran to completion", false, null, "no exception", error)],
                    Notes = [first.ToString()],
                };
            }
        }
        double seconds = clock.Elapsed.TotalSeconds;
        var timings = new Dictionary<string, double>(result.Timings);
        timings.TryAdd("total", seconds);
        return result with
        {
            Timings = timings,
            GitCommit = result.GitCommit == "unknown" ? commit : result.GitCommit,
            Calibrated = result.Calibrated && Overrides.Count == 0,
        };
    }

    private ClaimResult Crashed(IClaim claim) => new()
    {
        Info = claim.Info,
        Profile = Profile,
        Checks = [],
        Parameters = new JsonObject(),
        Measurements = new JsonObject(),
    };
}
