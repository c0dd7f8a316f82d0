namespace TheoryCheck.Reports.Pages;

/// <summary>Where <see cref="ReportWriter.Write"/> put the report (final paths, after the move into place).</summary>
/// <param name="Directory">The report directory.</param>
/// <param name="IndexMarkdown">DIR/index.md.</param>
/// <param name="IndexHtml">DIR/index.html.</param>
/// <param name="ReportPdf">DIR/report.pdf.</param>
/// <param name="Claims">One entry per claim, in input order.</param>
public sealed record ReportOutput(string Directory, string IndexMarkdown, string IndexHtml, string ReportPdf, IReadOnlyList<ClaimOutput> Claims);
