using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;
using TheoryCheck.Numerics.Statistics;

namespace TheoryCheck.Comparison.Ensembles;

/// <summary>
/// An ensemble of SGD runs over seeds and its summary per observable at each recorded time — as SciML's
/// EnsembleSummary: mean, standard deviation, standard error of the mean s/√n and the type-7 quantiles
/// (<see cref="QuantileLevels"/>: 5%, 50%, 95%) over the runs that reached that time with a finite value (n of them).
/// The runs go in parallel over seeds; each run depends on its seed alone and the summary reads them in seed order, so
/// the numbers are the same bits for any thread count (docs/design-notes.md §9).
/// </summary>
public sealed class TrajectoryEnsemble
{
    /// <summary>The quantile levels of the summary.</summary>
    public static IReadOnlyList<double> QuantileLevels { get; } = [0.05, 0.5, 0.95];

    /// <summary>The field names of the quantiles (q05, q50, q95).</summary>
    public static IReadOnlyList<string> QuantileNames { get; } = QuantileLevels.Select(q => "q" + (q * 100).ToString("00", CultureInfo.InvariantCulture)).ToArray();

    private TrajectoryEnsemble(IReadOnlyList<ulong> seeds, IReadOnlyList<Trajectory> runs, TimeGrid grid)
    {
        Seeds = seeds;
        Runs = runs;
        Grid = grid;
    }

    /// <summary>The seeds, ascending.</summary>
    public IReadOnlyList<ulong> Seeds { get; }

    /// <summary>The runs, in seed order.</summary>
    public IReadOnlyList<Trajectory> Runs { get; }

    /// <summary>The time grid every run was asked for.</summary>
    public TimeGrid Grid { get; }

    /// <summary>
    /// Runs <paramref name="binding"/>'s engine <paramref name="engine"/> at <paramref name="parameters"/> (with its d)
    /// for every seed of <paramref name="seeds"/>, at most <paramref name="threads"/> at a time.
    /// </summary>
    public static TrajectoryEnsemble Run(IModelBinding binding, ParameterValues parameters, string engine, TimeGrid grid, IReadOnlyList<ulong> seeds,
        int threads, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        long d = SimulationPoint.Dimension(parameters);
        var runs = new Trajectory[seeds.Count];
        int done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken };
        Parallel.For(0, seeds.Count, options, i =>
        {
            runs[i] = binding.Simulate(SimulationPoint.With(parameters, d, seeds[i]), engine, grid, cancellationToken: cancellationToken);
            progress?.Report((double)Interlocked.Increment(ref done) / seeds.Count);
        });
        return new TrajectoryEnsemble(seeds.ToArray(), runs, grid);
    }

    /// <summary>The runs that stopped early (diverged or out of step budget).</summary>
    public IEnumerable<(ulong Seed, Trajectory Run)> Stopped => Seeds.Zip(Runs).Where(p => p.Second.Status.Diverged);

    /// <summary>Every numerical fault of every run, with its seed in the message.</summary>
    public IReadOnlyList<NumericalFault> Faults => Runs.SelectMany(r => r.AllFaults).ToList();

    /// <summary>The summary statistics of one observable at one time.</summary>
    /// <param name="Count">n: runs with a finite value at that time.</param>
    /// <param name="Mean">Mean over those runs.</param>
    /// <param name="StandardDeviation">Sample standard deviation (n − 1 denominator).</param>
    /// <param name="StandardError">Standard error of the mean, sd/√n.</param>
    /// <param name="Quantiles">Type-7 quantiles at <see cref="QuantileLevels"/>.</param>
    public readonly record struct Point(int Count, double Mean, double StandardDeviation, double StandardError, double[] Quantiles);

    /// <summary>The summary of observable <paramref name="name"/> at every grid time (NaN fields where no run has a value; SD and SE NaN for n = 1).</summary>
    public IReadOnlyList<Point> Summary(string name)
    {
        var points = new Point[Grid.Times.Count];
        var values = new List<double>(Runs.Count);
        for (int i = 0; i < points.Length; i++)
        {
            values.Clear();
            foreach (var run in Runs)
                if (i < run.Times.Count && run.Has(name) && double.IsFinite(run[name][i])) values.Add(run[name][i]);
            if (values.Count == 0)
            {
                points[i] = new Point(0, double.NaN, double.NaN, double.NaN, QuantileLevels.Select(_ => double.NaN).ToArray());
                continue;
            }
            var summary = EnsembleSummary.Of(values.ToArray());
            points[i] = new Point(summary.Count, summary.Mean, summary.StandardDeviation, summary.StandardError, QuantileLevels.Select(summary.Quantile).ToArray());
        }
        return points;
    }

    /// <summary>The observable names, in the model's display order (those of the first run that has the most).</summary>
    public IReadOnlyList<string> Names => Runs.OrderByDescending(r => r.Observables.Count).First().Names.ToList();

    private Trajectory First => Runs[0];

    /// <summary>
    /// The ensemble document: <c>{"model", "engine": "sgd", "sgd_engine", "params", "d", "seeds": […], "t": […],
    /// "summary": {"statistics": […], "quantile_levels": […], …}, "observables": {"name": {"n", "mean", "sd", "se",
    /// "q05", "q50", "q95"}}, "status"}</c>; non-finite numbers are null.
    /// </summary>
    public JsonObject ToJson()
    {
        var observables = new JsonObject();
        foreach (string name in Names)
        {
            var points = Summary(name);
            var o = new JsonObject
            {
                ["n"] = new JsonArray(points.Select(p => (JsonNode?)JsonValue.Create(p.Count)).ToArray()),
                ["mean"] = Numbers(points.Select(p => p.Mean)),
                ["sd"] = Numbers(points.Select(p => p.StandardDeviation)),
                ["se"] = Numbers(points.Select(p => p.StandardError)),
            };
            for (int q = 0; q < QuantileLevels.Count; q++) o[QuantileNames[q]] = Numbers(points.Select(p => p.Quantiles[q]));
            observables[name] = o;
        }
        var stopped = Stopped.ToList();
        return new JsonObject
        {
            ["model"] = First.Model,
            ["engine"] = "sgd",
            ["sgd_engine"] = First.SimulationEngine,
            ["params"] = First.Parameters.DeepClone(),
            ["d"] = First.Dimension,
            ["seeds"] = new JsonArray(Seeds.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["t"] = Numbers(Grid.Times),
            ["summary"] = new JsonObject
            {
                ["runs"] = Runs.Count,
                ["statistics"] = "per time over the runs with a finite value there (n): mean, sd (n − 1 denominator), se = sd/√n, quantiles of type 7 (Hyndman–Fan; numpy's default)",
                ["quantile_levels"] = new JsonArray(QuantileLevels.Select(q => (JsonNode?)JsonValue.Create(q)).ToArray()),
            },
            ["observables"] = observables,
            ["status"] = new JsonObject
            {
                ["state"] = stopped.Count == 0 ? "completed" : "some-stopped",
                ["stopped"] = new JsonArray(stopped.Select(s => (JsonNode?)new JsonObject
                {
                    ["seed"] = s.Seed,
                    ["state"] = s.Run.Status.State,
                    ["step"] = s.Run.Status.Step,
                    ["time"] = s.Run.Status.Time is double t && double.IsFinite(t) ? t : null,
                    ["message"] = s.Run.Status.Message,
                }).ToArray()),
                ["faults"] = new JsonArray(Runs.SelectMany(r => r.Faults).Select(f => (JsonNode?)f.ToJson()).ToArray()),
            },
        };
    }

    /// <summary>
    /// CSV: a comment line (model, engine, d, seeds, parameters), a comment naming the statistics, the header
    /// <c>t,name:n,name:mean,name:sd,name:se,name:q05,name:q50,name:q95,…</c> and one row per time; round-trip numbers,
    /// NaN where undefined.
    /// </summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        string[] fields = ["n", "mean", "sd", "se", .. QuantileNames];
        sb.Append("# model=").Append(First.Model).Append(", engine=sgd, sgd_engine=").Append(First.SimulationEngine ?? "null")
          .Append(", d=").Append(First.Dimension?.ToString(CultureInfo.InvariantCulture) ?? "null")
          .Append(", seeds=").Append(Seeds[0].ToString(CultureInfo.InvariantCulture)).Append("..").Append(Seeds[^1].ToString(CultureInfo.InvariantCulture))
          .Append(" (").Append(Seeds.Count.ToString(CultureInfo.InvariantCulture)).Append(" runs)")
          .Append(", parameters: ").Append(Trajectory.Finite(First.Parameters)!.ToJsonString(s_compact)).Append('\n');
        sb.Append("# per time over the runs with a finite value (n): mean, sd (n - 1), se = sd/sqrt(n), type-7 quantiles ")
          .Append(string.Join(", ", QuantileNames)).Append('\n');
        foreach (var (seed, run) in Stopped) sb.Append("# seed ").Append(seed.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(run.Status.ToString().ReplaceLineEndings(" ")).Append('\n');
        var names = Names;
        var summaries = names.Select(Summary).ToList();
        sb.Append('t');
        foreach (string name in names)
            foreach (string field in fields) sb.Append(',').Append(Quote(name + ":" + field));
        sb.Append('\n');
        for (int i = 0; i < Grid.Times.Count; i++)
        {
            sb.Append(Grid.Times[i].ToString("R", CultureInfo.InvariantCulture));
            foreach (var points in summaries)
            {
                var p = points[i];
                sb.Append(',').Append(p.Count.ToString(CultureInfo.InvariantCulture));
                foreach (double x in (double[])[p.Mean, p.StandardDeviation, p.StandardError, .. p.Quantiles])
                    sb.Append(',').Append(x.ToString("R", CultureInfo.InvariantCulture));
            }
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

    private static JsonArray Numbers(IEnumerable<double> values) =>
        new(values.Select(v => (JsonNode?)(double.IsFinite(v) ? JsonValue.Create(v) : null)).ToArray());
}
