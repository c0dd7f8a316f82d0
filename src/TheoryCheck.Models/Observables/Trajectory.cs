using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace TheoryCheck.Models.Observables;

/// <summary>
/// Observables recorded on a time grid by one engine run — the common document that <c>theorycheck ode</c> and
/// <c>theorycheck sgd</c> both print (design.md, "Command line"):
/// <c>{"model", "engine": "ode"|"sgd", "params", "d", "seed", "t": […], "observables": {"name": […]}}</c>,
/// plus <c>status</c> (<c>{"state": "completed"|"diverged"|"step-budget", …, "faults": […]}</c>) and <c>diagnostics</c>. Observable names use the papers' 1-based notation (<c>m[1,2]</c>).
/// </summary>
public sealed record Trajectory
{
    private readonly IReadOnlyList<KeyValuePair<string, double[]>> _observables = [];
    private Dictionary<string, int>? _index;

    /// <param name="model">Model id.</param>
    /// <param name="engine">"ode" (theory) or "sgd" (simulation).</param>
    /// <param name="parameters">The model parameters used.</param>
    /// <param name="dimension">Data dimension d (null for the d → ∞ theory unless the theory needs d).</param>
    /// <param name="seed">Seed of a simulation run.</param>
    /// <param name="times">Recorded times.</param>
    /// <param name="observables">Observable name → values, one per recorded time, in display order.</param>
    /// <param name="status">Completed or diverged.</param>
    /// <param name="diagnostics">Solver settings, statistics, timings.</param>
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public Trajectory(string model, string engine, JsonObject parameters, int? dimension, long? seed,
        IReadOnlyList<double> times, IReadOnlyList<KeyValuePair<string, double[]>> observables,
        RunStatus status, JsonObject? diagnostics = null)
    {
        Model = model;
        Engine = engine;
        Parameters = parameters;
        Dimension = dimension;
        Seed = seed;
        Times = times;
        Observables = observables;
        Status = status;
        Diagnostics = diagnostics ?? new JsonObject();
        Validated();
    }

    /// <summary>Model id.</summary>
    public required string Model { get; init; }

    /// <summary>"ode" (theory) or "sgd" (simulation).</summary>
    public required string Engine { get; init; }

    /// <summary>The simulation engine that produced an "sgd" trajectory (e.g. <c>full</c>, <c>subspace</c>), or null.</summary>
    public string? SimulationEngine { get; init; }

    /// <summary>The model parameters used.</summary>
    public required JsonObject Parameters { get; init; }

    /// <summary>Data dimension d, or null.</summary>
    public int? Dimension { get; init; }

    /// <summary>Seed of a simulation run, or null.</summary>
    public long? Seed { get; init; }

    /// <summary>Recorded times.</summary>
    public required IReadOnlyList<double> Times { get; init; }

    /// <summary>Observable name → values (one per recorded time), in display order; names are distinct.</summary>
    public required IReadOnlyList<KeyValuePair<string, double[]>> Observables
    {
        get => _observables;
        init
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < value.Count; i++)
                if (!index.TryAdd(value[i].Key, i)) throw new ArgumentException($"observable '{value[i].Key}' is listed twice");
            _observables = value;
            _index = index;
        }
    }

    /// <summary>Completed or diverged.</summary>
    public RunStatus Status { get; init; }

    /// <summary>Solver settings, statistics, timings.</summary>
    public JsonObject Diagnostics { get; init; } = new();

    /// <summary>
    /// Numerical faults that did not stop the run (e.g. a QMC error estimate above its tolerance); a run that stopped
    /// early is described by <see cref="Status"/>. <see cref="AllFaults"/> lists both.
    /// </summary>
    public IReadOnlyList<NumericalFault> Faults { get; init; } = [];

    /// <summary>The fault of an early stop (<see cref="Status"/>), if any, followed by <see cref="Faults"/>.</summary>
    public IReadOnlyList<NumericalFault> AllFaults =>
        NumericalFault.Of(Status, $"{Engine} run{(Dimension is int d ? $" d = {d}" : "")}{(Seed is long s ? $", seed {s}" : "")}") is { } stop ? [stop, .. Faults] : Faults;

    /// <summary>Returns this trajectory after checking that every observable has one value per time (the constructor and the writers call it; a <c>with</c> copy may change either).</summary>
    public Trajectory Validated()
    {
        foreach (var (name, values) in Observables)
            if (values.Length != Times.Count)
                throw new ArgumentException($"observable '{name}' has {values.Length} values for {Times.Count} times");
        return this;
    }

    /// <summary>Names of the recorded observables, in display order.</summary>
    public IEnumerable<string> Names => Observables.Select(o => o.Key);

    /// <summary>True when <paramref name="name"/> was recorded.</summary>
    public bool Has(string name) => _index!.ContainsKey(name);

    /// <summary>The values of one observable (one per recorded time).</summary>
    public double[] this[string name] =>
        _index!.TryGetValue(name, out int i) ? Observables[i].Value : throw new KeyNotFoundException($"no observable '{name}' in this {Engine} trajectory");

    /// <summary>The JSON document of the command-line contract.</summary>
    public JsonObject ToJson()
    {
        Validated();
        var observables = new JsonObject();
        foreach (var (name, values) in Observables) observables[name] = Numbers(values);
        var status = new JsonObject { ["state"] = Status.State };
        if (Status.Diverged)
        {
            status["step"] = Status.Step;
            status["time"] = Status.Time is double t && double.IsFinite(t) ? t : null;
            status["message"] = Status.Message;
        }
        status["faults"] = new JsonArray(AllFaults.Select(f => (JsonNode?)f.ToJson()).ToArray());
        return new JsonObject
        {
            ["model"] = Model,
            ["engine"] = Engine,
            ["sgd_engine"] = SimulationEngine,
            ["params"] = Parameters.DeepClone(),
            ["d"] = Dimension,
            ["seed"] = Seed is long seed ? JsonValue.Create(unchecked((ulong)seed)) : null,
            ["t"] = Numbers(Times),
            ["observables"] = observables,
            ["status"] = status,
            ["diagnostics"] = Finite(Diagnostics),
        };
    }

    /// <summary>
    /// A deep copy with every non-finite number written as the string "NaN", "Infinity" or "-Infinity" (JSON has no
    /// such numbers; a solver statistic may legitimately be infinite, e.g. an error estimate).
    /// </summary>
    public static JsonNode? Finite(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Finite(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Finite).ToArray()),
        JsonValue v when v.TryGetValue(out double x) && !double.IsFinite(x) => JsonValue.Create(double.IsNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity"),
        JsonValue v when v.TryGetValue(out float x) && !float.IsFinite(x) => JsonValue.Create(float.IsNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity"),
        _ => node.DeepClone(),
    };

    /// <summary>
    /// CSV: comment lines starting with <c>#</c> that say what produced the numbers —
    /// <c># model=kgmm, engine=sgd, sgd_engine=full, d=100, seed=1, parameters: {"k":3,…}</c> (the parameters as compact
    /// JSON), then <c># status=…</c> when the run stopped early — then the header <c>t,name1,name2,…</c> and one row
    /// per time. Numbers in their shortest round-trip form (invariant culture), so a reader gets the same doubles as from
    /// the JSON document; a non-finite value prints as NaN, Infinity or -Infinity.
    /// </summary>
    public string ToCsv()
    {
        Validated();
        var sb = new StringBuilder();
        sb.Append("# model=").Append(Model)
          .Append(", engine=").Append(Engine)
          .Append(", sgd_engine=").Append(SimulationEngine ?? "null")
          .Append(", d=").Append(Dimension is int d ? d.ToString(CultureInfo.InvariantCulture) : "null")
          .Append(", seed=").Append(Seed is long s ? unchecked((ulong)s).ToString(CultureInfo.InvariantCulture) : "null")
          .Append(", parameters: ").Append(Finite(Parameters)!.ToJsonString(s_compact)).Append('\n');
        if (Status.Diverged) sb.Append("# status=").Append(Status.State).Append(": ").Append(Status.ToString().ReplaceLineEndings(" ")).Append('\n');
        sb.Append('t');
        foreach (var (name, _) in Observables) sb.Append(',').Append(Quote(name));
        sb.Append('\n');
        for (int i = 0; i < Times.Count; i++)
        {
            sb.Append(Times[i].ToString("R", CultureInfo.InvariantCulture));
            foreach (var (_, values) in Observables) sb.Append(',').Append(values[i].ToString("R", CultureInfo.InvariantCulture));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static readonly System.Text.Json.JsonSerializerOptions s_compact = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static string Quote(string name) => name.Contains(',') ? "\"" + name.Replace("\"", "\"\"") + "\"" : name;

    private static JsonArray Numbers(IReadOnlyList<double> values)
    {
        var a = new JsonArray();
        foreach (double v in values) a.Add((JsonNode?)(double.IsFinite(v) ? JsonValue.Create(v) : null));
        return a;
    }
}
