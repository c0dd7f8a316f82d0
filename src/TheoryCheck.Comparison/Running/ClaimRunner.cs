using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Store;
using TheoryCheck.Models;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Comparison.Running;

/// <summary>
/// Runs claims one after another at a profile, each with <see cref="Threads"/> worker threads, and completes
/// their provenance: wall time (<c>Timings["total"]</c> when the claim did not set it), git commit, the engine, the
/// user's overrides ("parameters changed") and the negative control when applied. <see cref="Validate"/> checks the
/// engine and overrides against every selected claim before any work.
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

    /// <summary>The user's <c>--set</c> assignments passed to every claim (results are marked "parameters changed").</summary>
    public ClaimOverrides Overrides { get; init; } = ClaimOverrides.None;

    /// <summary>The engine every claim runs with (<c>--engine</c>), or null for each claim's default.</summary>
    public string? Engine { get; init; }

    /// <summary>The model descriptor of a claim's model (default: the catalogue's), for validating overrides.</summary>
    public Func<string, ModelDescriptor> Models { get; init; } = id => Catalog.ModelCatalog.Find(id).Descriptor;

    /// <summary>Size of the negative controls relative to their documented perturbations (see <see cref="ClaimContext.ControlStrength"/>).</summary>
    public double ControlStrength { get; init; } = 1;

    /// <summary>Apply every claim's negative control (<c>--negative-control</c>).</summary>
    public bool NegativeControl { get; init; }

    /// <summary>
    /// Checks, before any work, that every claim accepts <see cref="Engine"/> and every override (model parameter of
    /// the claim's model or claim setting, with a valid value). Throws <see cref="InputException"/> with one line.
    /// </summary>
    public void Validate(IReadOnlyList<IClaim> claims)
    {
        foreach (var claim in claims)
        {
            if (Engine is string engine && !claim.Engines.Contains(engine, StringComparer.Ordinal))
                throw new InputException(claim.Engines.Count == 0
                    ? $"claim '{claim.Info.Id}' runs no simulation: drop --engine"
                    : $"claim '{claim.Info.Id}' accepts the engines {string.Join(", ", claim.Engines)}, not '{engine}' (select the claims that accept it; see 'theorycheck claims')");
            if (Overrides.Count > 0) Overrides.Validate(claim, Models(claim.Info.Model));
        }
    }

    /// <summary>
    /// The results store: claim results already stored under the same key are reused (a resumed run), finished ones
    /// are stored, and shardable claims keep their runs in it as cells. Null: compute everything, keep nothing.
    /// </summary>
    public ResultStore? Store { get; init; }

    /// <summary>The shard of this run (with a store), or null for every cell.</summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>Progress lines (claim start and end, and the claims' own messages).</summary>
    public IProgress<string>? Progress { get; init; }

    public CancellationToken Cancellation { get; init; }

    /// <summary>The commit to record; null reads it with <see cref="Running.GitCommit.Current"/>.</summary>
    public string? GitCommit { get; init; }

    /// <summary>
    /// Runs <paramref name="claims"/> in order and summarises. With a <see cref="Store"/>, a claim whose result is
    /// stored under the same key is read back instead of run; in a shard run, claims (or their cells) owned by other
    /// shards are left pending.
    /// </summary>
    public RunSummary Run(IReadOnlyList<IClaim> claims)
    {
        Validate(claims);
        if (Shard is not null && Store is null) throw new InvalidOperationException("a shard run needs a store");
        var start = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        string commit = GitCommit ?? Running.GitCommit.Current();
        var results = new List<ClaimResult>(claims.Count);
        var pending = new List<string>();
        int reused = 0;
        var cells = new CellCache(Store, Shard);
        for (int i = 0; i < claims.Count; i++)
        {
            var claim = claims[i];
            string prefix = $"[{i + 1}/{claims.Count}] {claim.Info.Id}";
            string key = ResultKey(claim);
            if (Store?.ReadClaim(claim.Info.Id, key) is { } stored)
            {
                Progress?.Report($"{prefix}: {stored.Verdict} (stored result, not recomputed)");
                Store.SetLatest(claim.Info.Id, key);
                results.Add(stored);
                reused++;
                continue;
            }
            if (Shard is not null && claim is not IShardableClaim && !Shard.Owns(key))
            {
                Progress?.Report($"{prefix}: left to another shard");
                pending.Add(claim.Info.Id);
                continue;
            }
            Progress?.Report($"{prefix} ({Profile.ToString().ToLowerInvariant()}, {Threads} thread{(Threads == 1 ? "" : "s")})");
            var result = RunOne(claim, commit, cells);
            if (result is null)
            {
                Progress?.Report($"{prefix}: its own cells are stored; the rest belong to other shards");
                pending.Add(claim.Info.Id);
                continue;
            }
            if (Store is not null && result.Error is null) Store.WriteClaim(key, result);
            Progress?.Report($"{prefix}: {result.Verdict} in {result.Timings["total"]:F1} s");
            results.Add(result);
        }
        return new RunSummary(results, Profile, Threads, commit, start, clock.Elapsed.TotalSeconds)
        {
            Pending = pending,
            ReusedClaims = reused,
            CellsComputed = cells.Computed,
            CellsReused = cells.Reused,
        };
    }

    /// <summary>
    /// The store key of a claim's result: the claim, profile, engine, overrides and negative control (with the code
    /// version, <see cref="StoreKey.CodeVersion"/>).
    /// </summary>
    public string ResultKey(IClaim claim) => StoreKey.Of(new JsonObject
    {
        ["kind"] = "claim",
        ["claim"] = claim.Info.Id,
        ["profile"] = ClaimResultJson.ProfileName(Profile),
        ["engine"] = Engine ?? (claim.Engines.Count > 0 ? claim.Engines[0] : null),
        ["overrides"] = new JsonArray(Overrides.Texts.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
        ["negative_control"] = NegativeControl ? ControlStrength : null,
    });

    /// <summary>
    /// The estimate of <paramref name="claim"/> at this runner's profile, threads and engine (<see cref="IClaim.Estimate"/>),
    /// with the overrides or, when <paramref name="withOverrides"/> is false, at the catalogue's parameters; null when
    /// the claim gives none.
    /// </summary>
    public Catalog.WorkEstimate? Estimate(IClaim claim, bool withOverrides = true) =>
        claim.Estimate(new ClaimContext(claim.Info.Id, Profile, Threads)
        {
            Engine = Engine ?? (claim.Engines.Count > 0 ? claim.Engines[0] : "none"),
            NegativeControl = NegativeControl,
            ControlStrength = ControlStrength,
            Overrides = withOverrides ? Overrides : ClaimOverrides.None,
        });

    /// <summary>Runs one claim and completes its provenance (see the class summary).</summary>
    public ClaimResult RunOne(IClaim claim)
    {
        Validate([claim]);
        return RunOne(claim, GitCommit ?? Running.GitCommit.Current(), null)!;
    }

    /// <summary>One claim with provenance; null when it is pending on other shards.</summary>
    private ClaimResult? RunOne(IClaim claim, string commit, CellCache? cells)
    {
        string engine = Engine ?? (claim.Engines.Count > 0 ? claim.Engines[0] : "none");
        var context = new ClaimContext(claim.Info.Id, Profile, Threads)
        {
            Engine = engine,
            NegativeControl = NegativeControl,
            ControlStrength = ControlStrength,
            Overrides = Overrides,
            Cells = cells,
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
        catch (ShardPendingException)
        {
            return null;
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
            if (Cancellation.IsCancellationRequested && inner.OfType<OperationCanceledException>().Any()) throw new OperationCanceledException(Cancellation);
            if (inner.OfType<ShardPendingException>().Any()) return null;
            if (inner.OfType<DivergenceException>().FirstOrDefault() is { } divergence)
            {
                var fault = new NumericalFault(divergence.Kind, divergence.Message);
                result = divergence.Kind == NumericalFault.StepBudget
                    ? Crashed(claim) with
                    {
                        Faults = [fault],
                        Checks = [new CheckResult("every solve reached its final time", false, null, "no exhausted step budget", divergence.Message)],
                    }
                    : Crashed(claim) with { Divergence = divergence.Message, Faults = [fault] };
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
        if (context.Faults.Count > 0) result = result with { Faults = result.Faults.Concat(context.Faults).Distinct().ToList() };
        var timings = new Dictionary<string, double>(result.Timings);
        timings.TryAdd("total", seconds);
        var settings = result.Settings.DeepClone().AsObject();
        MoveDurations(settings, "settings", timings);
        return result with
        {
            Settings = settings,
            Timings = timings,
            GitCommit = result.GitCommit == "unknown" ? commit : result.GitCommit,
            Overrides = Overrides.Texts,
            Engine = claim.Engines.Count > 0 ? engine : null,
            Control = NegativeControl ? claim.Control with { Strength = ControlStrength } : null,
            DocumentedControl = claim.Control,
        };
    }

    /// <summary>
    /// Moves every wall-clock duration nested in <paramref name="node"/> (a number under a key <c>seconds</c> or ending in
    /// <c>_seconds</c>, e.g. a solver's diagnostics copied into the settings) into <paramref name="timings"/> under its path
    /// ("settings/theory/seconds"), so that everything outside the timings is reproducible: a resumed, sharded or repeated run
    /// writes the same result.json apart from its timings (docs/design-notes.md §9).
    /// </summary>
    public static void MoveDurations(JsonNode? node, string path, IDictionary<string, double> timings)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if ((key == "seconds" || key.EndsWith("_seconds", StringComparison.Ordinal)) && value is JsonValue v && v.TryGetValue(out double d))
                    {
                        timings[$"{path}/{key}"] = d;
                        o.Remove(key);
                    }
                    else MoveDurations(value, $"{path}/{key}", timings);
                }
                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++) MoveDurations(a[i], $"{path}[{i}]", timings);
                break;
        }
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
