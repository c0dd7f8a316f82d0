using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Comparison.Catalog;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Comparison.Specs;

/// <summary>
/// A spec claim with a spectral comparison (<see cref="SpectrumComparison"/>): for every seed at the largest size of the
/// profile, the model's spectrum document (<c>theorycheck spectrum</c>: empirical top eigenvalues, predicted outliers
/// and bulk edge) must show the expected number of eigenvalues above the predicted edge, and, when a tolerance is given,
/// each of the top ones within it (relative) of its predicted location. The full engine only (spectra need samples).
/// </summary>
public sealed class SpecSpectrumClaim : IClaim
{
    private readonly IModelBinding _binding;

    /// <param name="spec">A spec whose comparison is a <see cref="SpectrumComparison"/>.</param>
    public SpecSpectrumClaim(ClaimSpec spec)
    {
        Spec = spec;
        _binding = ModelCatalog.Find(spec.Model);
        Info = new ClaimInfo(spec.Id, spec.Model, spec.Paper, spec.Statement, $"user spec {Path.GetFileName(spec.Source)}; docs/specs.md");
        Control = new NegativeControl(FormattableString.Invariant($"outliers-x{spec.ControlFactor:G4}"),
            FormattableString.Invariant($"the predicted outlier locations and bulk edge multiplied by {spec.ControlFactor:G4}"));
    }

    /// <summary>The spec.</summary>
    public ClaimSpec Spec { get; }

    /// <inheritdoc/>
    public ClaimInfo Info { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines { get; } = [EngineNames.Full];

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings { get; } = [];

    /// <inheritdoc/>
    public NegativeControl Control { get; }

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context)
    {
        var s = (SpectrumComparison)Spec.Comparison;
        var parameters = context.Apply(Spec.Parameters);
        int d = Spec.Sizes[context.Profile].Max();
        var seeds = context.ReplicateSeeds(d, Spec.Seeds[context.Profile]);
        double factor = context.ControlFactor(Spec.ControlFactor);
        var clock = new PhaseClock();
        var documents = context.Map(seeds, seed => _binding.Spectrum(parameters.With("d", (long)d).With("seed", unchecked((long)seed)),
            new SpectrumRequest(d, seed, s.Time, s.Matrix, s.Block, s.SamplesRatio, s.Outliers + 3)));
        clock.LapSimulation();

        var countParts = new List<(string, double)>();
        var locationParts = new List<(string, double)>();
        var series = new List<SeriesSpec>();
        var table = new JsonArray();
        double[] predicted = [];
        double edge = double.NaN;
        for (int r = 0; r < documents.Length; r++)
        {
            var doc = documents[r];
            var values = Numbers(doc["empirical"]?["values"]) ?? throw new InvalidOperationException($"model '{Spec.Model}' gives no empirical eigenvalues in its spectrum document");
            predicted = (Numbers(doc["prediction"]?["outliers"]) ?? throw new InvalidOperationException($"model '{Spec.Model}' gives no predicted outliers for this matrix (its spectrum document has no prediction.outliers)"))
                .Select(z => factor * z).ToArray();
            edge = factor * (doc["prediction"]?["edge"]?.GetValue<double>() ?? double.NaN);
            int above = values.Count(v => v > edge);
            string part = $"seed {r + 1}";
            countParts.Add((part, Math.Abs(above - s.Outliers)));
            if (s.LocationTolerance is not null)
                for (int j = 0; j < s.Outliers; j++)
                    locationParts.Add(($"{part}, θ_{j + 1}", j < predicted.Length ? Math.Abs(values[j] / predicted[j] - 1) : double.PositiveInfinity));
            series.Add(new SeriesSpec(r == 0 ? "empirical eigenvalues" : null, Enumerable.Range(1, values.Length).Select(j => (double)j).ToArray(), values, SeriesKind.Markers) { ColorIndex = 0 });
            table.Add((JsonNode?)(new JsonObject { ["seed"] = seeds[r].ToString(CultureInfo.InvariantCulture), ["eigenvalues"] = ClaimResultJson.Numbers(values), ["above_edge"] = above }));
        }
        var checks = new List<CheckResult>
        {
            Checks.Worst($"number of eigenvalues above the predicted edge = {s.Outliers} (every seed)", countParts, atLeast: false, 0, "the measured number is |count − expected| of the worst seed"),
        };
        if (s.LocationTolerance is double tol)
            checks.Add(Checks.Worst($"|θ_j/z_j − 1| ≤ {NumberText.Format(tol)} for j ≤ {s.Outliers} (every seed)", locationParts, atLeast: false, tol, "z_j = predicted outlier j"));
        var lines = predicted.Select((z, j) => new MarkerLine(z, j == 0 ? "predicted outliers" : null, Vertical: false) { ColorIndex = 1 }).ToList();
        if (double.IsFinite(edge)) lines.Add(new MarkerLine(edge, "predicted bulk edge", Vertical: false) { ColorIndex = 2, Dashed = false });
        var figure = new FigureSpec("spectrum", $"{Info.Id}: top eigenvalues of the test {s.Matrix} (d = {d}, t = {NumberText.Format(s.Time)})", "index j", "eigenvalue θ_j", series)
        {
            Lines = lines,
            Caption = $"Top eigenvalues per seed (β excluded) against the predicted outliers and bulk edge of the model's spectrum document.",
        };
        return new ClaimResult
        {
            Info = Info,
            Profile = context.Profile,
            Checks = checks,
            Parameters = parameters.ToJson(),
            Measurements = new JsonObject
            {
                ["d"] = d,
                ["predicted_outliers"] = ClaimResultJson.Numbers(predicted),
                ["predicted_edge"] = ClaimResultJson.Number(edge),
                ["seeds"] = table,
            },
            Settings = new JsonObject { ["matrix"] = s.Matrix, ["block"] = s.Block, ["t"] = s.Time, ["samples_ratio"] = s.SamplesRatio, ["spec"] = Spec.Source },
            Sizes = [d],
            Seeds = seeds,
            Figures = [figure],
            Notes = [$"A user claim from {Spec.Source}: {Spec.Statement}"],
            Timings = clock.Timings,
        };
    }

    private static double[]? Numbers(JsonNode? node) => node is JsonArray a ? a.Select(n => n!.GetValue<double>()).ToArray() : null;
}
