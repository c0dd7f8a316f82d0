using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TheoryCheck.Cli.Common;
using TheoryCheck.Comparison.Catalog;

namespace TheoryCheck.Cli.Commands;

/// <summary>
/// <c>spectrum --format text</c>: the spectrum document as a table — measured top eigenvalues beside the predicted
/// outliers at the finite sample ratio φ = M/d (where the theory has them: the effective spectral prediction of a block)
/// and beside the population values (φ → ∞: the eigenvalues of the population matrix at the ODE state), each with its
/// relative error (measured − predicted)/predicted; then the bulk edge, the outlier counts and what the prediction is.
/// Reads the documented fields of the spectrum documents (<c>empirical.values</c>; <c>prediction.outliers</c>,
/// <c>edge</c>, <c>lower_edge</c>; population values <c>prediction.population.top</c> / <c>population_eigenvalues</c> /
/// <c>eigenvalues</c> and bulk levels <c>prediction.population.bulk_levels</c> / <c>population_bulk_level</c>).
/// </summary>
internal static class SpectrumText
{
    public static string Format(JsonObject document, SpectrumRequest request)
    {
        var inv = CultureInfo.InvariantCulture;
        var prediction = document["prediction"] as JsonObject ?? new JsonObject();
        var empirical = document["empirical"] as JsonObject ?? new JsonObject();
        double[] measured = Numbers(empirical["values"]);
        double[] finite = Numbers(prediction["outliers"]);
        double? edge = Number(prediction["edge"]);
        double? lowerEdge = Number(prediction["lower_edge"]);
        bool blockPopulation = prediction["population"] is JsonObject;
        double[] population = prediction["population"] is JsonObject p ? Numbers(p["top"])
            : prediction["population_eigenvalues"] is JsonArray ? Numbers(prediction["population_eigenvalues"])
            : Numbers(prediction["eigenvalues"]);
        double[] bulkLevels = prediction["population"] is JsonObject q ? Numbers(q["bulk_levels"])
            : Number(prediction["population_bulk_level"]) is double level ? [level] : [];
        string phi = request.SamplesRatio.ToString("G", inv);

        var sb = new StringBuilder();
        string block = document["block"] is JsonNode b ? $", block {b.ToJsonString().Trim('"')}" : ", full matrix";
        sb.Append(string.Create(inv, $"spectrum {document["model"]} — {request.Matrix}{block}, d = {request.Dimension}, seed {request.Seed}, t = {request.Time:G}"));
        if (document["step"] is JsonNode step) sb.Append($" (SGD step {step.ToJsonString()})");
        sb.Append('\n');
        if (document["conventions"]?["samples"] is JsonNode samples) sb.Append("samples:    ").Append(samples.GetValue<string>()).Append('\n');
        if (prediction["kind"] is JsonNode kind) sb.Append("prediction: ").Append(kind.GetValue<string>()).Append('\n');
        sb.Append("population: the eigenvalues of the population matrix at the ODE state at t — the φ → ∞ limit (infinitely many test samples per dimension)\n\n");

        var header = new List<string> { "j", "measured" };
        if (finite.Length > 0 || edge is not null) header.AddRange([$"outlier (φ = {phi})", "rel. error"]);
        if (population.Length > 0) header.AddRange(["population (φ → ∞)", "rel. error"]);
        var rows = new List<IReadOnlyList<string>>();
        for (int j = 0; j < measured.Length; j++)
        {
            var row = new List<string> { (j + 1).ToString(inv), G(measured[j]) };
            if (finite.Length > 0 || edge is not null)
            {
                if (j < finite.Length) row.AddRange([G(finite[j]), Relative(measured[j], finite[j])]);
                else row.AddRange([edge is double e && measured[j] <= e * (1 + 1e-12) ? "bulk (≤ edge)" : "— (above the edge)", ""]);
            }
            if (population.Length > 0)
                row.AddRange(j >= population.Length ? ["—", ""]
                    : InBulk(population[j], bulkLevels) ? [G(population[j]) + " (bulk level)", ""]
                    : [G(population[j]), Relative(measured[j], population[j])]);
            rows.Add(row);
        }
        sb.Append(string.Join('\n', TextTable.Format(header, rows).Split('\n').Select(line => line.TrimEnd())));
        sb.Append('\n');

        if (edge is double upper)
        {
            sb.Append($"bulk edge (φ = {phi}): ").Append(G(upper));
            if (prediction["edge_kind"] is JsonNode edgeKind) sb.Append(" (").Append(edgeKind.GetValue<string>().ToLowerInvariant()).Append(')');
            if (lowerEdge is double lower) sb.Append(", lower edge ").Append(G(lower));
            sb.Append('\n');
            int above = measured.Count(v => v > upper);
            sb.Append($"outliers:   measured {above} above the predicted edge{(measured.Length > 0 && measured.All(v => v > upper) ? $" (all {measured.Length} computed: raise --top to see the edge)" : "")}, predicted {finite.Length}\n");
        }
        else
        {
            sb.Append($"bulk edge (φ = {phi}): not derived for this matrix{(blockPopulation ? " (the finite-φ prediction is derived per block: pass --block for its edge and outliers)" : "")}\n");
            if (empirical["outlier_count"] is JsonNode count)
                sb.Append($"outliers:   measured {count.ToJsonString()}{(empirical["outlier_threshold"] is JsonNode threshold ? $" (eigenvalues above {threshold.ToJsonString()} × the largest)" : "")}, predicted {prediction["outlier_count"]?.ToJsonString() ?? population.Length.ToString(inv)}\n");
        }
        if (bulkLevels.Length > 0)
        {
            int predicted = population.Count(v => !InBulk(v, bulkLevels));
            sb.Append("population bulk level (φ → ∞): ").Append(string.Join(", ", bulkLevels.Select(G)))
              .Append($"; {predicted} population outlier{(predicted == 1 ? "" : "s")} (more than 0.1% above it) among the top {population.Length}\n");
        }
        if (document["faults"] is JsonArray { Count: > 0 } faults)
            foreach (var fault in faults) sb.Append("fault:      ").Append(fault!["kind"]).Append(": ").Append(fault["message"]).Append('\n');
        return sb.ToString();
    }

    /// <summary>A population eigenvalue within 0.1% of (or below) the largest bulk level: part of the bulk, not an outlier.</summary>
    private static bool InBulk(double value, double[] bulkLevels) =>
        bulkLevels.Length > 0 && value <= bulkLevels.Max() + 1e-3 * Math.Abs(bulkLevels.Max());

    private static string G(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    private static string Relative(double measured, double predicted) =>
        predicted == 0 ? "—" : ((measured - predicted) / Math.Abs(predicted)).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);

    private static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue(out double x) ? x : null;

    private static double[] Numbers(JsonNode? node) =>
        node is JsonArray a ? a.Select(n => Number(n) ?? double.NaN).ToArray() : [];
}
