using System.Text;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Pages;

/// <summary>
/// <c>index.md</c>: title, run information, the verdict table (claim | model | statement | verdict | key
/// measurements), then per claim its checks, figures (PNG, with SVG/PDF links), captions, notes and provenance.
/// Exponents and indices are Unicode super-/subscripts where Unicode has them, inline &lt;sub&gt;/&lt;sup&gt; otherwise
/// (<see cref="PaperText.ToMarkdown"/>; GitHub renders both), so the source stays readable.
/// </summary>
internal static class MarkdownPage
{
    public static string Build(IReadOnlyList<ClaimResult> results, RunInfo run)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {Text(run.Title)}").AppendLine();
        md.AppendLine($"- Profile: {ClaimResultJson.ProfileName(run.Profile)}");
        md.AppendLine($"- Commit: `{run.GitCommit}`");
        md.AppendLine($"- Started: {DisplayText.Time(run.Started)}");
        md.AppendLine($"- Duration: {DisplayText.Duration(run.TotalSeconds)}");
        md.AppendLine($"- Machine: {Text(run.Machine)}");
        md.AppendLine($"- Command: `{run.CommandLine.Replace("`", "'")}`");
        md.AppendLine().AppendLine($"**{DisplayText.Summary(results)}**").AppendLine();

        md.AppendLine("| claim | model | statement | verdict | key measurements |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (ClaimResult result in results)
        {
            md.Append($"| [{Cell(result.Info.Id)}](#{Anchor(result.Info.Id)}) | {Cell(result.Info.Model)} | {Cell(result.Info.Statement)} | ");
            md.Append($"**{DisplayText.VerdictWithSymbol(result.Verdict)}** | ");
            md.AppendLine(string.Join("<br>", DisplayText.KeyMeasurements(result).Select(Cell)) + " |");
        }

        foreach (ClaimResult result in results)
        {
            string id = result.Info.Id;
            md.AppendLine().AppendLine($"<a id=\"{Anchor(id)}\"></a>").AppendLine();
            md.AppendLine($"## {id} — {DisplayText.VerdictWithSymbol(result.Verdict)}").AppendLine();
            md.AppendLine($"{Text(result.Info.Statement)}").AppendLine();
            md.AppendLine($"- Paper: {Text(result.Info.Paper)}");
            md.AppendLine($"- Source: {Text(result.Info.Source)}");
            md.AppendLine($"- Model: {Text(result.Info.Model)}, profile {ClaimResultJson.ProfileName(result.Profile)}");
            if (DisplayText.ControlLine(result) is { } controlLine) md.AppendLine($"- Negative control: {Text(controlLine)}");
            md.AppendLine();
            foreach (var (title, text, _) in DisplayText.Notices(result))
                md.AppendLine($"> **{title}:** {Text(text)}").AppendLine();

            if (result.Checks.Count > 0)
            {
                md.AppendLine("| check | measured | requirement | result | detail |");
                md.AppendLine("|---|---|---|---|---|");
                foreach (CheckResult check in result.Checks)
                    md.AppendLine($"| {Cell(check.Name)} | {DisplayText.Measured(check)} | {Cell(check.Requirement)} | " +
                                  $"{DisplayText.Outcome(check.Outcome)} | {Cell(check.Detail ?? "")}{(check.Hint is null ? "" : " — " + Cell(check.Hint))} |");
                md.AppendLine();
            }

            foreach (FigureSpec figure in result.Figures)
            {
                string stem = $"{id}/{figure.Name}";
                md.AppendLine($"![{AltText(figure.Title).Replace("]", ")").Replace("[", "(")}]({stem}.png)").AppendLine();
                string caption = string.IsNullOrWhiteSpace(figure.Caption) ? Text(figure.Title) : $"{Text(figure.Title)}. {Text(figure.Caption)}";
                md.AppendLine($"*{caption.Replace("*", "\\*")}* — [PNG]({stem}.png) · [SVG]({stem}.svg) · [PDF]({stem}.pdf)").AppendLine();
            }

            if (result.Notes.Count > 0)
            {
                md.AppendLine("Notes:").AppendLine();
                foreach (string note in result.Notes) md.AppendLine($"- {Text(note)}");
                md.AppendLine();
            }

            md.AppendLine("<details><summary>Provenance</summary>").AppendLine();
            if (result.Sizes.Count > 0) md.AppendLine($"- Sizes d: {string.Join(", ", result.Sizes)}");
            if (result.Seeds.Count > 0) md.AppendLine($"- Seeds: {result.Seeds.Count} (listed in result.json)");
            if (result.Timings.Count > 0)
                md.AppendLine($"- Timings: {string.Join(", ", result.Timings.Select(t => $"{t.Key} {DisplayText.Duration(t.Value)}"))}");
            md.AppendLine($"- Commit: `{result.GitCommit}`");
            md.AppendLine($"- Parameters: `{Compact(result.Parameters)}`");
            if (result.Settings.Count > 0) md.AppendLine($"- Settings: `{Compact(result.Settings)}`");
            md.AppendLine($"- Full record: [{id}/result.json]({id}/result.json)");
            md.AppendLine().AppendLine("</details>");
        }
        return md.ToString();
    }

    /// <summary>Anchor of a claim section: <c>claim-</c> and the id (ids are letters, digits, '.', '-', '_').</summary>
    internal static string Anchor(string id) => "claim-" + id;

    private static string Text(string? text) => PaperText.ToMarkdown(text ?? "").Replace("\r", "").Replace("\n", " ");

    /// <summary>Image alternative text is plain text: Unicode scripts, no tags.</summary>
    private static string AltText(string? text) => PaperText.ToUnicode(text ?? "").Replace("\r", "").Replace("\n", " ");

    private static string Cell(string? text) => Text(text).Replace("|", "\\|");

    private static string Compact(System.Text.Json.Nodes.JsonObject json)
    {
        string text = json.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        });
        return text.Replace("`", "'");
    }
}
