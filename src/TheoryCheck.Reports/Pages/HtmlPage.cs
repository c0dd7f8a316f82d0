using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Pages;

/// <summary>
/// <c>index.html</c>: one self-contained file (styles inline, figures as inline SVG — ids prefixed per figure so
/// that clip paths of different figures cannot collide): run information, the verdict table with coloured
/// verdicts, per claim its checks, figures with captions and links to the PNG/SVG/PDF files, notes, and a
/// collapsible provenance block (parameters, settings, sizes, seeds, timings, commit, measurements).
/// </summary>
internal static partial class HtmlPage
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 14px; line-height: 1.45; color: #1f2328;
               max-width: 1100px; margin: 2em auto; padding: 0 1.5em; }
        h1 { font-size: 1.8em; margin-bottom: 0.2em; }
        h2 { font-size: 1.35em; margin-top: 2.2em; padding-bottom: 0.2em; border-bottom: 1px solid #d0d7de; }
        table { border-collapse: collapse; margin: 0.8em 0; width: 100%; }
        th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; }
        td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
        .verdict { font-weight: bold; white-space: nowrap; padding: 1px 8px; border-radius: 10px; color: #fff; display: inline-block; }
        .holds { background: #1A7F37; } .fails { background: #CF222E; }
        .inconclusive { background: #9A6700; } .diverged { background: #8250DF; }
        .pass { color: #1A7F37; font-weight: bold; } .fail { color: #CF222E; font-weight: bold; }
        .run { color: #57606a; margin: 0.2em 0; }
        .run code, td code { font-size: 0.9em; }
        .notice { border-left: 4px solid #9A6700; background: #fff8c5; padding: 0.5em 1em; margin: 0.8em 0; }
        .undecided { color: #9A6700; font-weight: bold; }
        figure { margin: 1.2em 0; }
        figure svg { max-width: 100%; height: auto; display: block; }
        figcaption { color: #57606a; font-size: 0.92em; margin-top: 0.3em; }
        details { margin: 0.8em 0; } summary { cursor: pointer; color: #0969da; }
        pre { background: #f6f8fa; padding: 0.6em; overflow-x: auto; font-size: 12px; max-height: 30em; }
        ul.checks { margin: 0; padding-left: 1.1em; }
        footer { margin-top: 3em; color: #57606a; font-size: 0.9em; }
        """;

    /// <param name="results">The claims.</param>
    /// <param name="run">Run information.</param>
    /// <param name="svgOf">The SVG document of a claim's figure (already rendered to disk by the writer).</param>
    public static string Build(IReadOnlyList<ClaimResult> results, RunInfo run, Func<ClaimResult, FigureSpec, string> svgOf)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.AppendLine($"<title>{E(run.Title)}</title>");
        html.AppendLine($"<style>{Style}</style></head><body>");
        html.AppendLine($"<h1>{E(run.Title)}</h1>");
        html.AppendLine($"<p class=\"run\">Profile <b>{ClaimResultJson.ProfileName(run.Profile)}</b> · commit <code>{E(run.GitCommit)}</code> · " +
                        $"started {E(DisplayText.Time(run.Started))} · {E(DisplayText.Duration(run.TotalSeconds))}</p>");
        html.AppendLine($"<p class=\"run\">{E(run.Machine)}</p>");
        html.AppendLine($"<p class=\"run\"><code>{E(run.CommandLine)}</code></p>");
        html.AppendLine($"<p><b>{E(DisplayText.Summary(results))}</b></p>");

        html.AppendLine("<table class=\"verdicts\"><thead><tr><th>claim</th><th>model</th><th>statement</th><th>verdict</th><th>key measurements</th></tr></thead><tbody>");
        foreach (ClaimResult result in results)
        {
            html.Append($"<tr id=\"row-{E(result.Info.Id)}\"><td><a href=\"#{E(MarkdownPage.Anchor(result.Info.Id))}\">{E(result.Info.Id)}</a></td>");
            html.Append($"<td>{E(result.Info.Model)}</td><td>{T(result.Info.Statement)}</td><td>{Badge(result.Verdict)}</td>");
            html.Append("<td><ul class=\"checks\">");
            if (result.Divergence is not null) html.Append($"<li>diverged: {T(result.Divergence)}</li>");
            foreach (CheckResult check in result.Checks)
                html.Append($"<li>{CheckMark(check.Outcome)} {T(check.Name)}{(check.Measured is null ? "" : " = " + E(DisplayText.Measured(check)))} {T(check.Requirement)}</li>");
            if (result.Divergence is null && result.Checks.Count == 0) html.Append("<li>no checks</li>");
            html.AppendLine("</ul></td></tr>");
        }
        html.AppendLine("</tbody></table>");

        int figureNumber = 0;
        foreach (ClaimResult result in results)
        {
            string id = result.Info.Id;
            html.AppendLine($"<section id=\"{E(MarkdownPage.Anchor(id))}\">");
            html.AppendLine($"<h2>{E(id)} {Badge(result.Verdict)}</h2>");
            html.AppendLine($"<p>{T(result.Info.Statement)}</p>");
            html.AppendLine($"<p class=\"run\">Paper: {T(result.Info.Paper)} · source: {T(result.Info.Source)} · model {E(result.Info.Model)} · " +
                            $"profile {ClaimResultJson.ProfileName(result.Profile)}</p>");
            if (DisplayText.ControlLine(result) is { } controlLine)
                html.AppendLine($"<p class=\"run\">Negative control: {T(controlLine)}</p>");
            foreach (var (title, text, color) in DisplayText.Notices(result))
                html.AppendLine($"<div class=\"notice\" style=\"border-color:{color}\"><b>{E(title)}:</b> {T(text)}</div>");

            if (result.Checks.Count > 0)
            {
                html.AppendLine("<table class=\"checks\"><thead><tr><th>check</th><th>measured</th><th>requirement</th><th>result</th><th>detail</th></tr></thead><tbody>");
                foreach (CheckResult check in result.Checks)
                    html.AppendLine($"<tr><td>{T(check.Name)}</td><td class=\"num\">{E(DisplayText.Measured(check))}</td><td>{T(check.Requirement)}</td>" +
                                    $"<td style=\"color:{DisplayText.OutcomeColor(check.Outcome)}\">{E(DisplayText.Outcome(check.Outcome))}</td><td>{T(check.Detail)}{(check.Hint is null ? "" : " — " + T(check.Hint))}</td></tr>");
                html.AppendLine("</tbody></table>");
            }

            foreach (FigureSpec figure in result.Figures)
            {
                figureNumber++;
                string stem = $"{id}/{figure.Name}";
                html.AppendLine($"<figure id=\"figure-{E(id)}-{E(figure.Name)}\">");
                html.AppendLine(Inline(svgOf(result, figure), $"f{figureNumber}-"));
                html.Append($"<figcaption><b>Figure {figureNumber}.</b> {T(figure.Title)}.");
                if (!string.IsNullOrWhiteSpace(figure.Caption)) html.Append($" {T(figure.Caption)}");
                html.AppendLine($" <a href=\"{E(stem)}.png\">PNG</a> · <a href=\"{E(stem)}.svg\">SVG</a> · <a href=\"{E(stem)}.pdf\">PDF</a></figcaption>");
                html.AppendLine("</figure>");
            }

            if (result.Notes.Count > 0)
            {
                html.AppendLine("<p><b>Notes</b></p><ul>");
                foreach (string note in result.Notes) html.AppendLine($"<li>{T(note)}</li>");
                html.AppendLine("</ul>");
            }

            html.AppendLine("<details><summary>Provenance</summary><table>");
            Row(html, "profile", ClaimResultJson.ProfileName(result.Profile));
            Row(html, "git commit", result.GitCommit);
            if (result.Engine is not null) Row(html, "engine", result.Engine);
            Row(html, "parameters", result.ParametersChanged ? "changed: " + string.Join(", ", result.Overrides) : "the catalogue's");
            if (result.Sizes.Count > 0) Row(html, "sizes d", string.Join(", ", result.Sizes));
            if (result.Seeds.Count > 0) Row(html, $"seeds ({result.Seeds.Count})", string.Join(", ", result.Seeds));
            if (result.Timings.Count > 0)
                Row(html, "timings", string.Join(", ", result.Timings.Select(t => $"{t.Key} {DisplayText.Duration(t.Value)}")));
            html.AppendLine("</table>");
            html.AppendLine($"<p>Parameters</p><pre>{E(Pretty(result.Parameters))}</pre>");
            if (result.Settings.Count > 0) html.AppendLine($"<p>Settings</p><pre>{E(Pretty(result.Settings))}</pre>");
            html.AppendLine($"<details><summary>Measurements</summary><pre>{E(Pretty(result.Measurements))}</pre></details>");
            html.AppendLine($"<p>Full record: <a href=\"{E(id)}/result.json\">{E(id)}/result.json</a></p>");
            html.AppendLine("</details></section>");
        }

        html.AppendLine($"<footer>Generated by TheoryCheck · {E(DisplayText.Time(run.Started))} · commit <code>{E(run.GitCommit)}</code></footer>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string T(string? text) => PaperText.ToHtml(text);

    private static string Badge(Verdict verdict) =>
        $"<span class=\"verdict {DisplayText.VerdictKey(verdict)}\">{E(DisplayText.VerdictWithSymbol(verdict))}</span>";

    private static string CheckMark(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "<span class=\"pass\">✓</span>",
        CheckOutcome.Failed => "<span class=\"fail\">✗</span>",
        _ => "<span class=\"undecided\">?</span>",
    };

    private static void Row(StringBuilder html, string name, string value) =>
        html.AppendLine($"<tr><th>{E(name)}</th><td>{E(value)}</td></tr>");

    private static string Pretty(JsonObject json) => json.ToJsonString(new JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    });

    /// <summary>An SVG document prepared for inlining: no XML declaration, every id and reference prefixed.</summary>
    internal static string Inline(string svg, string prefix)
    {
        svg = XmlDeclaration().Replace(svg, "").Trim();
        svg = IdAttribute().Replace(svg, match => $"id=\"{prefix}{match.Groups[1].Value}\"");
        svg = UrlReference().Replace(svg, match => $"url(#{prefix}{match.Groups[1].Value})");
        svg = HrefReference().Replace(svg, match => $"{match.Groups[1].Value}=\"#{prefix}{match.Groups[2].Value}\"");
        return svg;
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex("\\bid=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex("((?:xlink:)?href)=\"#([^\"]+)\"")]
    private static partial Regex HrefReference();
}
