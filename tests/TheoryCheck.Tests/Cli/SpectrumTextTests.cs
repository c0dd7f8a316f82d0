using System.Globalization;
using System.Text.Json.Nodes;

namespace TheoryCheck.Tests.Cli;

/// <summary>
/// <c>spectrum --format text</c>: the table shows the numbers of the JSON document for the same run — measured
/// eigenvalues, finite-φ predicted outliers and φ → ∞ population values with relative errors computed here — and the
/// bulk edge, the outlier counts and what the prediction is.
/// </summary>
public sealed class SpectrumTextTests
{
    private static string Run(params string[] args)
    {
        var (exit, output, error) = CliRunner.RunWith(HostileInputTests.Defaults, args);
        Assert.True(exit == 0, $"{string.Join(' ', args)}: exit {exit}: {error}");
        return output;
    }

    private static string G(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    private static double[] Numbers(JsonNode? node) => node!.AsArray().Select(n => n!.GetValue<double>()).ToArray();

    /// <summary>The table rows (lines starting with a row number after the indent), split into cells on runs of 2+ spaces.</summary>
    private static List<string[]> Rows(string text) =>
        text.Split('\n').Where(l => l.Length > 2 && char.IsDigit(l.TrimStart()[0]) && l.StartsWith("  ", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Split(l.Trim(), "  +")).ToList();

    [Fact]
    public void A_block_shows_measured_finite_phi_and_population_values_with_relative_errors_the_edge_and_the_counts()
    {
        string[] args = ["spectrum", "kgmm", "--d", "120", "--seed", "2", "--t", "2", "--matrix", "hessian", "--block", "1", "--top", "6"];
        var json = JsonNode.Parse(Run(args))!;
        string text = Run([.. args, "--format", "text"]);
        double[] measured = Numbers(json["empirical"]!["values"]);
        double[] outliers = Numbers(json["prediction"]!["outliers"]);
        double[] population = Numbers(json["prediction"]!["population"]!["top"]);
        double edge = json["prediction"]!["edge"]!.GetValue<double>();
        Assert.NotEmpty(outliers);

        var rows = Rows(text);
        Assert.Equal(measured.Length, rows.Count);
        for (int j = 0; j < rows.Count; j++)
        {
            Assert.Equal((j + 1).ToString(CultureInfo.InvariantCulture), rows[j][0]);
            Assert.Equal(G(measured[j]), rows[j][1]);
            if (j < outliers.Length)
            {
                Assert.Equal(G(outliers[j]), rows[j][2]);
                Assert.Equal(((measured[j] - outliers[j]) / outliers[j]).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture), rows[j][3]);
                Assert.Equal(G(population[j]), rows[j][4]);
                Assert.Equal(((measured[j] - population[j]) / population[j]).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture), rows[j][5]);
            }
            else
            {
                Assert.Equal(measured[j] > edge ? "— (above the edge)" : "bulk (≤ edge)", rows[j][2]);
            }
        }
        Assert.Contains($"bulk edge (φ = 3): {G(edge)}", text);
        Assert.Contains($"outliers:   measured {measured.Count(v => v > edge)} above the predicted edge, predicted {outliers.Length}", text);
        Assert.Contains("φ → ∞", text);
        Assert.Contains("effective spectral prediction for the block", text);
    }

    [Fact]
    public void The_full_matrix_says_its_prediction_is_the_population_limit_and_where_the_finite_phi_edge_is()
    {
        string[] args = ["spectrum", "kgmm", "--d", "60", "--seed", "2", "--t", "1", "--matrix", "g", "--top", "4", "--samples-ratio", "2.5"];
        var json = JsonNode.Parse(Run(args))!;
        string text = Run([.. args, "--format", "text"]);
        Assert.Contains("population (φ → ∞)", text);
        Assert.Contains("bulk edge (φ = 2.5): not derived for this matrix", text);
        Assert.Contains("pass --block", text);
        Assert.DoesNotContain("outlier (φ", text);
        var rows = Rows(text);
        double[] measured = Numbers(json["empirical"]!["values"]);
        Assert.Equal(measured.Select(G), rows.Select(r => r[1]));
    }

    [Fact]
    public void Text_is_refused_where_there_is_no_spectrum()
    {
        Assert.Contains("no empirical", CliRunner.AssertBadInputWith(HostileInputTests.Defaults,
            "spectrum", "quadratic", "--d", "60", "--seed", "1", "--t", "1", "--matrix", "hessian", "--format", "text"));
    }
}
