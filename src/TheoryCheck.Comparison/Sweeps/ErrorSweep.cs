using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Numerics.Statistics;

namespace TheoryCheck.Comparison.Sweeps;

/// <summary>
/// The error-vs-d analysis of claims.md §0: from per-(d, seed) errors e(d, s), E_d = mean over seeds with its
/// standard error, the OLS fit of log E_d on log d (exponent with a 95% Student-t interval, n − 2 dof), the
/// rate check (<see cref="RateCheck"/>) and the bound check (E at the largest d ≤ bound), the
/// measurements JSON and the "error vs d" figure. The abscissa may be another variable (e.g. λ).
/// </summary>
public sealed class ErrorSweep
{
    private ErrorSweep(string variable, double[] abscissae, double[][] errors, EnsembleSummary[] summaries, PowerLawFit fit)
    {
        Variable = variable;
        Abscissae = abscissae;
        Errors = errors;
        Summaries = summaries;
        Fit = fit;
    }

    /// <summary>Name of the abscissa ("d" unless given).</summary>
    public string Variable { get; }

    /// <summary>Abscissae (the sizes d), in the given order.</summary>
    public IReadOnlyList<double> Abscissae { get; }

    /// <summary>Raw errors e(d_i, s): Errors[i][s].</summary>
    public IReadOnlyList<double[]> Errors { get; }

    /// <summary>Ensemble summary over seeds per abscissa.</summary>
    public IReadOnlyList<EnsembleSummary> Summaries { get; }

    /// <summary>E_d = mean over seeds of e(d, s).</summary>
    public IReadOnlyList<double> Means => Summaries.Select(s => s.Mean).ToArray();

    /// <summary>Standard errors of E_d (NaN with one seed).</summary>
    public IReadOnlyList<double> StandardErrors => Summaries.Select(s => s.StandardError).ToArray();

    /// <summary>The power-law fit E_d ≈ C·d^α.</summary>
    public PowerLawFit Fit { get; }

    /// <summary>Index of the largest abscissa.</summary>
    public int LargestIndex => Array.IndexOf(Abscissae.ToArray(), Abscissae.Max());

    /// <summary>
    /// The sweep of errors over sizes: <paramref name="errors"/>[i] holds e(sizes[i], s) for every seed s
    /// (finite, ≥ 0; at least two distinct sizes, every E_d &gt; 0).
    /// </summary>
    public static ErrorSweep Of(IReadOnlyList<int> sizes, IReadOnlyList<double[]> errors) =>
        Of(sizes.Select(d => (double)d).ToArray(), errors, "d");

    /// <summary>As <see cref="Of(IReadOnlyList{int}, IReadOnlyList{double[]})"/> for a real abscissa named <paramref name="variable"/>.</summary>
    public static ErrorSweep Of(IReadOnlyList<double> abscissae, IReadOnlyList<double[]> errors, string variable)
    {
        if (abscissae.Count != errors.Count)
            throw new ArgumentException($"{abscissae.Count} abscissae but {errors.Count} error lists");
        if (abscissae.Count < 2) throw new ArgumentException("an error sweep needs at least two sizes", nameof(abscissae));
        if (string.IsNullOrWhiteSpace(variable)) throw new ArgumentException("variable name must not be empty", nameof(variable));
        var summaries = new EnsembleSummary[errors.Count];
        for (int i = 0; i < errors.Count; i++)
        {
            if (errors[i].Length == 0) throw new ArgumentException($"no errors for {variable} = {abscissae[i]}", nameof(errors));
            if (errors[i].Any(e => !(e >= 0) || !double.IsFinite(e)))
                throw new ArgumentException($"errors must be finite and ≥ 0 ({variable} = {abscissae[i]})", nameof(errors));
            summaries[i] = EnsembleSummary.Of(errors[i]);
        }
        var x = abscissae.ToArray();
        var fit = LogLogFit.Fit(x, summaries.Select(s => s.Mean).ToArray());
        return new ErrorSweep(variable, x, errors.Select(e => e.ToArray()).ToArray(), summaries, fit);
    }

    /// <summary>The sweep from job-ordered errors of a <see cref="SweepPlan"/> (one error per job).</summary>
    public static ErrorSweep Of(SweepPlan plan, IReadOnlyList<double> errors) => Of(plan.Sizes, plan.BySize(errors));

    /// <summary>"slope −0.58 [−0.71, −0.45]" (the 95% interval; "n/a" without residual degrees of freedom).</summary>
    public string FitText =>
        "slope " + NumberText.Format(Fit.Exponent, 2) + " " +
        (double.IsFinite(Fit.ExponentLower) ? NumberText.Interval(Fit.ExponentLower, Fit.ExponentUpper, 2) : "[n/a]");

    /// <summary>
    /// The rate check of docs/theory/claims.md §0 ("Verdicts"): with [lo, hi] the 95% confidence interval of the fitted
    /// exponent, it passes when the interval contains <paramref name="predicted"/> (−½ for a fluctuation-dominated error,
    /// −1 for a bias) and excludes 0 (the error really falls); it fails when the interval excludes the prediction; it is
    /// undecided when the interval contains both (too wide to decide) or cannot be formed (fewer than three sizes).
    /// </summary>
    public CheckResult RateCheck(double predicted, string? name = null)
    {
        double lo = Fit.ExponentLower, hi = Fit.ExponentUpper;
        bool formed = double.IsFinite(lo) && double.IsFinite(hi) && double.IsFinite(Fit.Exponent);
        bool containsPrediction = formed && lo <= predicted && predicted <= hi;
        bool excludesZero = formed && (hi < 0 || lo > 0);
        var outcome = !formed ? CheckOutcome.Undecided
            : !containsPrediction ? CheckOutcome.Failed
            : excludesZero ? CheckOutcome.Passed
            : CheckOutcome.Undecided;
        string interval = formed ? NumberText.Interval(lo, hi) : "n/a";
        return new CheckResult(name ?? $"exponent of E_{Variable} vs {Variable}", outcome, Fit.Exponent,
            $"{Percent(Fit.ConfidenceLevel)}% CI ∋ {NumberText.Format(predicted, 3)}, ∌ 0",
            $"{Percent(Fit.ConfidenceLevel)}% CI {interval}, SE {NumberText.Format(Fit.ExponentStandardError, 2)}, R² {NumberText.Format(Fit.RSquared, 3)}, n = {Fit.Count}")
        {
            Hint = outcome == CheckOutcome.Undecided
                ? (formed ? "the interval contains both 0 and the prediction: add seeds or sizes (the full profile has more)" : "a confidence interval needs at least three sizes")
                : null,
        };
    }

    /// <summary>
    /// The rate check of a deterministic sweep (theory against theory, no seeds: docs/theory/claims.md §0.6): the fit's
    /// interval then measures only the curvature of the higher-order terms, so the asymptotic exponent is judged
    /// instead — the local slope log(E_n/E_{n−1})/log(x_n/x_{n−1}) between the two largest abscissae must lie within
    /// <paramref name="tolerance"/> of <paramref name="predicted"/>.
    /// </summary>
    public CheckResult LocalRateCheck(double predicted, double tolerance, string? name = null)
    {
        var order = Enumerable.Range(0, Abscissae.Count).OrderBy(i => Abscissae[i]).ToArray();
        int a = order[^2], b = order[^1];
        double slope = Math.Log(Means[b] / Means[a]) / Math.Log(Abscissae[b] / Abscissae[a]);
        return Checks.WithinAbsolute(name ?? $"local exponent of E_{Variable} vs {Variable} at the two largest {Variable}", slope, predicted, tolerance,
            $"between {Variable} = {NumberText.Format(Abscissae[a], 6)} and {NumberText.Format(Abscissae[b], 6)}; fit over all: {FitText}");
    }

    /// <summary>Bound check: passes when E at the largest abscissa ≤ <paramref name="bound"/>; the detail gives its SE and seed count.</summary>
    public CheckResult BoundCheck(double bound, string? name = null)
    {
        int i = LargestIndex;
        var s = Summaries[i];
        return Checks.AtMost(name ?? $"E_{Variable} at {Variable} = {NumberText.Format(Abscissae[i], 6)}", s.Mean, bound,
            $"SE {NumberText.Format(s.StandardError, 2)} over {s.Count} seed{(s.Count == 1 ? "" : "s")}");
    }

    /// <summary>
    /// Measurements: <c>{"variable": "d", "d": […], "E_d": […], "SE_d": […], "e": [[…] per d], "fit": {"slope",
    /// "slope_se", "ci_low", "ci_high", "confidence", "intercept", "prefactor", "r2", "n"}}</c> (keys use the
    /// variable name; non-finite values as null).
    /// </summary>
    public JsonObject ToJson()
    {
        string v = Variable;
        return new JsonObject
        {
            ["variable"] = v,
            [v] = ClaimResultJson.Numbers(Abscissae),
            ["E_" + v] = ClaimResultJson.Numbers(Means),
            ["SE_" + v] = ClaimResultJson.Numbers(StandardErrors),
            ["e"] = new JsonArray(Errors.Select(e => (JsonNode?)ClaimResultJson.Numbers(e)).ToArray()),
            ["fit"] = new JsonObject
            {
                ["slope"] = ClaimResultJson.Number(Fit.Exponent),
                ["slope_se"] = ClaimResultJson.Number(Fit.ExponentStandardError),
                ["ci_low"] = ClaimResultJson.Number(Fit.ExponentLower),
                ["ci_high"] = ClaimResultJson.Number(Fit.ExponentUpper),
                ["confidence"] = Fit.ConfidenceLevel,
                ["intercept"] = ClaimResultJson.Number(Fit.Intercept),
                ["prefactor"] = ClaimResultJson.Number(Fit.Prefactor),
                ["r2"] = ClaimResultJson.Number(Fit.RSquared),
                ["n"] = Fit.Count,
            },
        };
    }

    /// <summary>
    /// The "error vs d" figure on log–log axes: E_d with ±1 SE error bars (lower bar clipped at E_d/10 so it
    /// stays on a log axis), the fitted power law, optionally a reference slope anchored at the first point and
    /// a horizontal line at the bound, annotated with <see cref="FitText"/>.
    /// </summary>
    /// <param name="name">File stem.</param>
    /// <param name="title">Title (default "sup-error vs d").</param>
    /// <param name="yLabel">Vertical label.</param>
    /// <param name="referenceExponent">Theoretical exponent to draw (e.g. −0.5), or null.</param>
    /// <param name="bound">Bound of the bound check to draw, or null.</param>
    public FigureSpec Figure(string name = "error-vs-d", string? title = null, string? yLabel = null,
        double? referenceExponent = null, double? bound = null)
    {
        string v = Variable;
        var x = Abscissae.ToArray();
        var means = Means.ToArray();
        var se = StandardErrors.Select(s => double.IsFinite(s) ? s : 0).ToArray();
        var series = new List<SeriesSpec>
        {
            new($"E_{v} ± SE", x, means, SeriesKind.ErrorBars)
            {
                Lower = means.Select((m, i) => Math.Max(m - se[i], m / 10)).ToArray(),
                Upper = means.Select((m, i) => m + se[i]).ToArray(),
                ColorIndex = 0,
            },
        };
        double lo = x.Min(), hi = x.Max();
        var lineX = Enumerable.Range(0, 21).Select(k => lo * Math.Pow(hi / lo, k / 20.0)).ToArray();
        series.Add(new SeriesSpec("least-squares fit", lineX, lineX.Select(Fit.Predict).ToArray(), SeriesKind.Line) { ColorIndex = 0 });
        if (referenceExponent is double alpha)
        {
            int first = Array.IndexOf(x, lo);
            series.Add(new SeriesSpec($"∝ {v}^{NumberText.Format(alpha, 3)}", lineX,
                lineX.Select(t => means[first] * Math.Pow(t / lo, alpha)).ToArray(), SeriesKind.Line) { Dashed = true });
        }
        int seeds = Summaries.Min(s => s.Count);
        return new FigureSpec(name, title ?? $"sup-error vs {v}", v, yLabel ?? $"E_{v} (mean sup-error)", series)
        {
            LogX = true,
            LogY = true,
            Annotation = FitText,
            Lines = bound is double b ? [new MarkerLine(b, $"bound {NumberText.Format(b)}", Vertical: false)] : [],
            Caption = $"Mean over {seeds}{(Summaries.Any(s => s.Count != seeds) ? "+" : "")} seeds of the sup-error per {v}, ±1 standard error; " +
                      $"least-squares fit of log E_{v} on log {v} with its {Percent(Fit.ConfidenceLevel)}% confidence interval (Student t, n − 2 dof).",
        };
    }

    private static string Percent(double level) => (100 * level).ToString("G4", CultureInfo.InvariantCulture);
}
