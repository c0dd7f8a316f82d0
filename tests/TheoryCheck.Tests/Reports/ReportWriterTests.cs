using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Reports.Pages;

namespace TheoryCheck.Tests.Reports;

public class ReportWriterTests
{
    private static readonly RunInfo Run = new(Profile.Test, "0123456789abcdef0123456789abcdef01234567",
        new DateTimeOffset(2026, 5, 9, 7, 30, 0, TimeSpan.Zero), 12.5, "theorycheck run --all --profile test", "test machine");

    /// <summary>72 dpi PNGs keep the suite fast (figure sizes at the default dpi are tested in FigureRendererTests).</summary>
    private static readonly TheoryCheck.Reports.Theme.FigureStyle Fast = new() { PngDpi = 72 };

    private static List<ClaimResult> FourClaims()
    {
        var tricky = new JsonArray(ReportTestData.TrickyNumbers.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        return
        [
            ReportTestData.Claim("kgmm.ode-tracking", c =>
            {
                c.Figures.Add(ReportTestData.Figure("error-vs-d", ReportTestData.Series(SeriesKind.ErrorBars), ReportTestData.Series(SeriesKind.Line, "fit", 1))
                    with { LogX = true, LogY = true, Annotation = "slope −0.5", Caption = "Error against d." });
                c.Figures.Add(ReportTestData.Figure("m-trajectories", ReportTestData.Series(SeriesKind.Band)) with { Width = FigureWidth.Double });
                c.Measurements = new JsonObject { ["tricky"] = tricky, ["nested"] = new JsonObject { ["slope"] = -0.51234567890123456 } };
            }),
            ReportTestData.Claim("xor.hessian-outliers", c =>
            {
                c.Checks.Add(new CheckResult("relative error of λ₁", false, 0.21, "≤ 0.10"));
                c.Figures.Add(ReportTestData.Figure("spectrum", ReportTestData.Series(SeriesKind.Sticks)) with { Lines = [new MarkerLine(4, "predicted λ₁")] });
            }),
            ReportTestData.Claim("quadratic.alignment", c =>
            {
                c.Overrides = ["lambda=5"];
                c.Checks.Add(new CheckResult("exponent of E_d vs d", CheckOutcome.Undecided, -0.3, "95% CI ∋ −0.5, ∌ 0", "95% CI [−0.9, 0.2]") { Hint = "add seeds" });
            }),
            ReportTestData.Claim("cws.risk-curve", c =>
            {
                c.Divergence = "SGD diverged (NaN) at step 1834, d = 2000, seed 3";
                c.Checks.Add(new CheckResult("risk gap", false, double.NaN, "≤ 0.02"));
                c.Measurements = new JsonObject { ["gap"] = double.NaN, ["top"] = double.PositiveInfinity };
            }),
        ];
    }

    [Fact]
    public void WritesTheFullLayout()
    {
        using var temp = new TemporaryDirectory();
        string directory = Path.Combine(temp.Path, "report");
        List<ClaimResult> claims = FourClaims();
        ReportOutput output = ReportWriter.Write(claims, Run, directory, Fast);

        Assert.Equal(Path.GetFullPath(directory), output.Directory);
        foreach (string file in new[] { "index.md", "index.html", "report.pdf", ReportWriter.MarkerFileName })
            Assert.True(File.Exists(Path.Combine(directory, file)), $"{file} is missing");
        foreach (ClaimResult claim in claims)
        {
            string claimDirectory = Path.Combine(directory, claim.Info.Id);
            Assert.True(File.Exists(Path.Combine(claimDirectory, "result.json")), $"{claim.Info.Id}/result.json is missing");
            foreach (FigureSpec figure in claim.Figures)
                foreach (string extension in new[] { ".png", ".svg", ".pdf" })
                    Assert.True(File.Exists(Path.Combine(claimDirectory, figure.Name + extension)), $"{claim.Info.Id}/{figure.Name}{extension} is missing");
        }
        Assert.Equal(claims.Select(c => c.Info.Id), output.Claims.Select(c => c.ClaimId));
        Assert.DoesNotContain(Directory.EnumerateDirectories(temp.Path), d => Path.GetFileName(d).StartsWith('.'));

        // Verdicts and checks in result.json.
        string[] expectedVerdicts = ["holds", "fails", "inconclusive", "diverged"];
        for (int i = 0; i < claims.Count; i++)
        {
            JsonNode json = JsonNode.Parse(File.ReadAllText(output.Claims[i].ResultJson))!;
            Assert.Equal(expectedVerdicts[i], json["verdict"]!.GetValue<string>());
            Assert.Equal(claims[i].Info.Id, json["id"]!.GetValue<string>());
            JsonArray checks = json["checks"]!.AsArray();
            Assert.Equal(claims[i].Checks.Count, checks.Count);
            for (int k = 0; k < checks.Count; k++)
            {
                Assert.Equal(claims[i].Checks[k].Name, checks[k]!["name"]!.GetValue<string>());
                Assert.Equal(claims[i].Checks[k].Passed, checks[k]!["passed"]!.GetValue<bool>());
            }
            Assert.Equal(["18446744073709551615", "1", "12345678901234567890"], json["seeds"]!.AsArray().Select(s => s!.GetValue<string>()));
            Assert.Equal(claims[i].Figures.Select(f => f.Name), json["figures"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
            Assert.Equal("test", json["profile"]!.GetValue<string>());
            Assert.Equal(claims[i].GitCommit, json["git_commit"]!.GetValue<string>());
            Assert.Equal(1.25, json["timings"]!["total"]!.GetValue<double>());
        }
        JsonNode diverged = JsonNode.Parse(File.ReadAllText(output.Claims[3].ResultJson))!;
        Assert.Equal("NaN", diverged["checks"]![1]!["measured"]!.GetValue<string>());
        Assert.Equal("Infinity", diverged["measurements"]!["top"]!.GetValue<string>());
        Assert.Equal(claims[3].Divergence, diverged["divergence"]!.GetValue<string>());
        JsonNode changed = JsonNode.Parse(File.ReadAllText(output.Claims[2].ResultJson))!;
        Assert.True(changed["parameters_changed"]!.GetValue<bool>());
        Assert.Equal("undecided", changed["checks"]![1]!["outcome"]!.GetValue<string>());
        Assert.Equal("add seeds", changed["checks"]![1]!["hint"]!.GetValue<string>());

        // index.md: verdict table with every claim.
        string markdown = File.ReadAllText(output.IndexMarkdown);
        Assert.Contains("| claim | model | statement | verdict | key measurements |", markdown);
        foreach (ClaimResult claim in claims) Assert.Contains($"[{claim.Info.Id}](#claim-{claim.Info.Id})", markdown);
        Assert.Contains("error ∝ d⁻¹ᐟ²", markdown);
        Assert.Contains("](kgmm.ode-tracking/error-vs-d.png)", markdown);

        // index.html: verdict table rows with coloured verdicts, inline SVG with collision-free ids.
        string html = File.ReadAllText(output.IndexHtml);
        Assert.StartsWith("<!DOCTYPE html>", html);
        for (int i = 0; i < claims.Count; i++)
            Assert.Matches($"<tr id=\"row-{Regex.Escape(claims[i].Info.Id)}\">.*?<span class=\"verdict {expectedVerdicts[i]}\">", html);
        Assert.Equal(3, Regex.Matches(html, "<svg\\b").Count);
        string[] ids = Regex.Matches(html, "\\bid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        foreach (Match reference in Regex.Matches(html, @"url\(#([^)]+)\)"))
            Assert.Contains(reference.Groups[1].Value, ids);
        Assert.Contains("<details><summary>Provenance</summary>", html);
        Assert.DoesNotContain("src=\"", html); // self-contained: nothing loaded from elsewhere

        // report.pdf: title page plus one page per claim at least; claim ids in the metadata; DejaVu embedded.
        byte[] pdf = File.ReadAllBytes(output.ReportPdf);
        string pdfText = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-1.", pdfText);
        Assert.InRange(PdfInspection.PageCount(pdf), 1 + claims.Count, 3 * (1 + claims.Count));
        foreach (ClaimResult claim in claims) Assert.Contains(claim.Info.Id, pdfText);
        Assert.Contains("DejaVuSans", pdfText);
        Assert.DoesNotContain("/Subtype /Image", pdfText);
    }

    /// <summary>
    /// Every claim section states the claim's negative control and its resolution at the full profile (issue 8: "the report
    /// states each claim's control … and, measured at full, the smallest perturbation the claim detects"), and result.json
    /// records it and reads it back.
    /// </summary>
    [Fact]
    public void EverySectionStatesTheControlAndItsResolution()
    {
        using var temp = new TemporaryDirectory();
        string directory = Path.Combine(temp.Path, "report");
        var measured = ReportTestData.Claim("kgmm.ode-tracking") with
        {
            DocumentedControl = new NegativeControl("penalty-drift-x2", "the penalty term multiplied by 2") { Resolution = "β × 1.25 (S = 0.25 is detected, S = 0.1 is not)" },
        };
        var unmeasured = ReportTestData.Claim("kgmm.corrector") with { DocumentedControl = new NegativeControl("corrector-x0.8", "the corrector scaled by 0.8") };
        ReportWriter.Write([measured, unmeasured], Run, directory, Fast);

        foreach (string page in new[] { "index.md", "index.html" })
        {
            string text = System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(directory, page)));
            Assert.Contains("penalty-drift-x2: the penalty term multiplied by 2. Resolution at the full profile: β × 1.25 (S = 0.25 is detected, S = 0.1 is not).", text);
            Assert.Contains("corrector-x0.8: the corrector scaled by 0.8. Resolution at the full profile: not measured", text);
        }
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "kgmm.ode-tracking", "result.json")))!.AsObject();
        Assert.Equal("β × 1.25 (S = 0.25 is detected, S = 0.1 is not)", (string?)json["control"]!["resolution"]);
        Assert.Null(json["negative_control"]);
        Assert.Equal(measured.DocumentedControl, ClaimResultReader.Read(json).DocumentedControl);
    }

    [Fact]
    public void ResultJsonRoundTripsNumbersExactly()
    {
        using var temp = new TemporaryDirectory();
        List<ClaimResult> claims = [FourClaims()[0]];
        ReportOutput output = ReportWriter.Write(claims, Run, Path.Combine(temp.Path, "r"), Fast);
        string text = File.ReadAllText(output.Claims[0].ResultJson);
        using JsonDocument document = JsonDocument.Parse(text);
        JsonElement tricky = document.RootElement.GetProperty("measurements").GetProperty("tricky");
        Assert.Equal(ReportTestData.TrickyNumbers.Count, tricky.GetArrayLength());
        for (int i = 0; i < ReportTestData.TrickyNumbers.Count; i++)
        {
            double expected = ReportTestData.TrickyNumbers[i];
            double parsed = tricky[i].GetDouble();
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(parsed),
                $"{expected:R} was written as {tricky[i].GetRawText()} and read back as {parsed:R}");
        }
        Assert.Equal(-0.51234567890123456, document.RootElement.GetProperty("measurements").GetProperty("nested").GetProperty("slope").GetDouble());
        Assert.Equal(-0.51, document.RootElement.GetProperty("checks")[0].GetProperty("measured").GetDouble());
        Assert.Equal(claims[0].Info.Statement, document.RootElement.GetProperty("statement").GetString());
        Assert.Contains("\"statement\": \"(m, R) track the ODE, error ∝ d^{-1/2}\"", text); // readable, not \u-escaped
    }

    [Fact]
    public void ReplacesAPreviousReportButRefusesOtherDirectories()
    {
        using var temp = new TemporaryDirectory();
        string directory = Path.Combine(temp.Path, "report");
        List<ClaimResult> claims = [ReportTestData.Claim("kgmm.a")];
        ReportWriter.Write(claims, Run, directory, Fast);
        File.WriteAllText(Path.Combine(directory, "stale.txt"), "from an earlier run");
        ReportWriter.Write([ReportTestData.Claim("kgmm.b")], Run, directory, Fast);
        Assert.False(File.Exists(Path.Combine(directory, "stale.txt")));
        Assert.False(Directory.Exists(Path.Combine(directory, "kgmm.a")));
        Assert.True(File.Exists(Path.Combine(directory, "kgmm.b", "result.json")));

        string userFolder = Path.Combine(temp.Path, "papers");
        Directory.CreateDirectory(userFolder);
        File.WriteAllText(Path.Combine(userFolder, "draft.tex"), "precious");
        Assert.Throws<IOException>(() => ReportWriter.Write(claims, Run, userFolder, Fast));
        Assert.Equal("precious", File.ReadAllText(Path.Combine(userFolder, "draft.tex")));
        Assert.Single(Directory.EnumerateFileSystemEntries(userFolder));
    }

    [Fact]
    public void InvalidInputWritesNothing()
    {
        using var temp = new TemporaryDirectory();
        string directory = Path.Combine(temp.Path, "report");
        var badFigure = ReportTestData.Claim("kgmm.bad", c =>
            c.Figures.Add(ReportTestData.Figure("log", new SeriesSpec("s", [1, 2], [0, 1], SeriesKind.Line)) with { LogY = true }));
        var error = Assert.Throws<ArgumentException>(() => ReportWriter.Write([ReportTestData.Claim("kgmm.good"), badFigure], Run, directory, Fast));
        Assert.Contains("kgmm.bad", error.Message);
        Assert.Throws<ArgumentException>(() => ReportWriter.Write([ReportTestData.Claim("../escape")], Run, directory, Fast));
        Assert.Throws<ArgumentException>(() => ReportWriter.Write([ReportTestData.Claim("kgmm.x"), ReportTestData.Claim("KGMM.X")], Run, directory, Fast));
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public void AFailureWhileWritingLeavesNothingHalfWritten()
    {
        using var temp = new TemporaryDirectory();
        string directory = Path.Combine(temp.Path, "report");
        ReportWriter.Write([ReportTestData.Claim("kgmm.previous")], Run, directory, Fast);
        var exploding = ReportTestData.Claim("kgmm.explodes", c => c.Measurements = new JsonObject { ["value"] = JsonValue.Create(new Exploding()) });
        Assert.Throws<InvalidOperationException>(() => ReportWriter.Write([ReportTestData.Claim("kgmm.fine"), exploding], Run, directory, Fast));
        // The previous report is untouched and no temporary directory is left behind.
        Assert.True(File.Exists(Path.Combine(directory, "kgmm.previous", "result.json")));
        Assert.False(Directory.Exists(Path.Combine(directory, "kgmm.fine")));
        Assert.Equal([directory], Directory.EnumerateFileSystemEntries(temp.Path));
    }

    private sealed class Exploding
    {
        public double Value => throw new InvalidOperationException("cannot serialise");
    }
}
