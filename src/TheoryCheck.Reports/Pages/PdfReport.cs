using SkiaSharp;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Figures;
using TheoryCheck.Reports.Figures;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Pages;

/// <summary>
/// <c>report.pdf</c>: A4 pages drawn with Skia's PDF backend, all text in DejaVu Sans (embedded once), figures
/// drawn as vector graphics from the same prepared plots as the figure files (<see cref="PreparedFigure"/>). Page 1: title, run information, summary and
/// the verdict table (claim ids link to their pages). Then one section per claim, starting on a new page:
/// header with verdict, statement, provenance line, notices, checks table, figures with captions, notes.
/// Long text wraps; tables repeat their header after a page break; every page has a footer.
/// Metadata: title, claim ids as keywords, creation date = run start (so reruns of the same data are stable).
/// </summary>
internal sealed class PdfReport
{
    private const float PageWidth = 595.28f, PageHeight = 841.89f, Margin = 45f, FooterSpace = 28f;
    private const float ContentWidth = PageWidth - 2 * Margin;
    private static readonly SKColor Ink = new(0x1F, 0x23, 0x28), Muted = new(0x57, 0x60, 0x6A), Rule = new(0xD0, 0xD7, 0xDE);
    private static readonly SKColor HeaderFill = new(0xF3, 0xF5, 0xF7);

    private readonly SKDocument document;
    private readonly Func<ClaimResult, FigureSpec, PreparedFigure> figureOf;
    private readonly RunInfo run;
    private SKCanvas? canvas;
    private float y;
    private int page;

    private PdfReport(SKDocument document, Func<ClaimResult, FigureSpec, PreparedFigure> figureOf, RunInfo run)
    {
        this.document = document;
        this.figureOf = figureOf;
        this.run = run;
    }

    private readonly record struct Cell(string Text, bool Bold = false, SKColor? Color = null, SKColor? Badge = null, string? Link = null);

    /// <summary>Writes the report PDF of <paramref name="results"/>.</summary>
    /// <param name="output">Receives the PDF.</param>
    /// <param name="results">Claims in report order.</param>
    /// <param name="run">Run information.</param>
    /// <param name="figureOf">The prepared plot of a claim's figure (owned and disposed by the caller).</param>
    public static void Write(Stream output, IReadOnlyList<ClaimResult> results, RunInfo run, Func<ClaimResult, FigureSpec, PreparedFigure> figureOf)
    {
        DateTime started = run.Started.UtcDateTime;
        var metadata = new SKDocumentPdfMetadata
        {
            Title = PaperText.ToUnicode(run.Title),
            Subject = DisplayText.Summary(results),
            Keywords = string.Join(", ", results.Select(r => r.Info.Id)),
            Creator = "TheoryCheck",
            Producer = "TheoryCheck (SkiaSharp PDF)",
            Creation = started,
            Modified = started,
            RasterDpi = FigureRenderer.PdfRasterDpi,
        };
        using SKDocument document = SKDocument.CreatePdf(output, metadata)
            ?? throw new InvalidOperationException("Skia could not create the report PDF");
        var report = new PdfReport(document, figureOf, run);
        report.TitlePage(results);
        int figureNumber = 0;
        foreach (ClaimResult result in results) report.ClaimPages(result, ref figureNumber);
        report.EndPage();
        document.Close();
    }

    private void TitlePage(IReadOnlyList<ClaimResult> results)
    {
        NewPage();
        Paragraph(run.Title, 20f, bold: true, after: 6f);
        Paragraph(DisplayText.Summary(results), 11f, bold: true, color: Muted, after: 10f);
        Table(
            [95f, ContentWidth - 95f],
            null,
            [
                [new Cell("Profile", true), new Cell(ClaimResultJson.ProfileName(run.Profile))],
                [new Cell("Commit", true), new Cell(run.GitCommit)],
                [new Cell("Started", true), new Cell(DisplayText.Time(run.Started))],
                [new Cell("Duration", true), new Cell(DisplayText.Duration(run.TotalSeconds))],
                [new Cell("Machine", true), new Cell(run.Machine)],
                [new Cell("Command", true), new Cell(run.CommandLine)],
            ],
            8.5f, rules: false);
        y += 10f;
        Paragraph("Verdicts", 13f, bold: true, after: 4f);
        var rows = results.Select(r => new[]
        {
            new Cell(r.Info.Id, Bold: true, Link: r.Info.Id),
            new Cell(r.Info.Model),
            new Cell(r.Info.Statement),
            VerdictCell(r.Verdict),
            new Cell(string.Join("\n", DisplayText.KeyMeasurements(r))),
        }).ToList();
        Table([100f, 54f, 138f, 78f, ContentWidth - 370f], ["claim", "model", "statement", "verdict", "key measurements"], rows, 7.5f);
    }

    private void ClaimPages(ClaimResult result, ref int figureNumber)
    {
        NewPage();
        canvas!.DrawNamedDestinationAnnotation(new SKPoint(Margin, y), Destination(result.Info.Id));
        using (var font = PaperFonts.CreateFont(PaperFonts.Bold, 15f))
        {
            string id = PdfText.Prepare(result.Info.Id);
            float idWidth = PdfText.Width(id, font);
            string verdict = DisplayText.VerdictWithSymbol(result.Verdict);
            SKColor color = SKColor.Parse(DisplayText.VerdictColor(result.Verdict));
            if (idWidth <= ContentWidth - 110f)
            {
                using var paint = new SKPaint { Color = Ink, IsAntialias = true };
                PdfText.Draw(canvas, id, Margin, y + 15f * 0.95f, font, paint);
                DrawBadge(verdict, Margin + idWidth + 12f, y + 15f * 0.95f - 1f, 9.5f, color);
                y += 15f * 1.3f;
            }
            else
            {
                Paragraph(result.Info.Id, 15f, bold: true, after: 2f);
                DrawBadge(verdict, Margin + 4f, y + 9.5f, 9.5f, color);
                y += 9.5f * 1.6f;
            }
        }
        y += 4f;
        Paragraph(result.Info.Statement, 10.5f, after: 3f);
        string? controlLine = DisplayText.ControlLine(result);
        Paragraph($"Paper: {result.Info.Paper} · source: {result.Info.Source} · model {result.Info.Model} · profile " +
                  $"{ClaimResultJson.ProfileName(result.Profile)}", 8f, color: Muted, after: controlLine is null ? 8f : 2f);
        if (controlLine is not null)
            Paragraph($"Negative control: {controlLine}", 8f, color: Muted, after: 8f);
        foreach (var (title, text, color) in DisplayText.Notices(result))
            Notice($"{title}: {text}", SKColor.Parse(color));

        if (result.Checks.Count > 0)
        {
            Paragraph("Checks", 11f, bold: true, after: 3f);
            var rows = result.Checks.Select(c => new[]
            {
                new Cell(c.Name),
                new Cell(DisplayText.Measured(c)),
                new Cell(c.Requirement),
                new Cell(DisplayText.Outcome(c.Outcome), Bold: true, Color: SKColor.Parse(DisplayText.OutcomeColor(c.Outcome))),
                new Cell(c.Detail ?? ""),
            }).ToList();
            Table([140f, 62f, 100f, 48f, ContentWidth - 350f], ["check", "measured", "requirement", "result", "detail"], rows, 8f);
            y += 6f;
        }

        foreach (FigureSpec figure in result.Figures)
        {
            figureNumber++;
            PreparedFigure prepared = figureOf(result, figure);
            float width = prepared.Width, height = prepared.Height;
            string caption = $"Figure {figureNumber}. {figure.Title}." + (string.IsNullOrWhiteSpace(figure.Caption) ? "" : " " + figure.Caption);
            float captionHeight;
            using (var font = PaperFonts.CreateFont(PaperFonts.Regular, 8f))
                captionHeight = PdfText.Wrap(PdfText.Prepare(caption), font, ContentWidth).Count * 8f * 1.3f;
            Ensure(height + 4f + Math.Min(captionHeight, 60f));
            float scale = Math.Min(1f, ContentWidth / width);
            float left = Margin + (ContentWidth - width * scale) / 2f;
            canvas!.Save();
            canvas.Translate(left, y);
            canvas.Scale(scale);
            FigureRenderer.Draw(prepared, canvas, 0, 0);
            canvas.Restore();
            y += height * scale + 4f;
            Paragraph(caption, 8f, color: Muted, after: 10f);
        }

        if (result.Notes.Count > 0)
        {
            Paragraph("Notes", 11f, bold: true, after: 3f);
            foreach (string note in result.Notes) Bullet(note, 8.5f);
            y += 6f;
        }

        var provenance = new List<string>();
        if (result.Sizes.Count > 0) provenance.Add("sizes d: " + string.Join(", ", result.Sizes));
        if (result.Seeds.Count > 0) provenance.Add($"{result.Seeds.Count} seeds");
        if (result.Timings.Count > 0)
            provenance.Add("timings: " + string.Join(", ", result.Timings.Select(t => $"{t.Key} {DisplayText.Duration(t.Value)}")));
        provenance.Add("commit " + result.GitCommit);
        provenance.Add($"full record: {result.Info.Id}/result.json");
        Paragraph("Provenance: " + string.Join(" · ", provenance), 7.5f, color: Muted, after: 0f);
    }

    private static Cell VerdictCell(Verdict verdict) =>
        new(DisplayText.VerdictWithSymbol(verdict), Bold: true, Color: SKColors.White, Badge: SKColor.Parse(DisplayText.VerdictColor(verdict)));

    private static string Destination(string id) => "claim-" + id;

    private void NewPage()
    {
        EndPage();
        page++;
        canvas = document.BeginPage(PageWidth, PageHeight);
        y = Margin;
        using var font = PaperFonts.CreateFont(PaperFonts.Regular, 7f);
        using var paint = new SKPaint { Color = Muted, IsAntialias = true };
        float baseline = PageHeight - Margin / 2f;
        string left = PdfText.Prepare($"{run.Title} · profile {ClaimResultJson.ProfileName(run.Profile)} · commit {DisplayText.ShortCommit(run.GitCommit)}");
        PdfText.Draw(canvas, left, Margin, baseline, font, paint);
        canvas.DrawText($"page {page}", PageWidth - Margin, baseline, SKTextAlign.Right, font, paint);
        using var rule = new SKPaint { Color = Rule, StrokeWidth = 0.5f, IsStroke = true };
        canvas.DrawLine(Margin, baseline - 9f, PageWidth - Margin, baseline - 9f, rule);
    }

    private void EndPage()
    {
        if (canvas is null) return;
        document.EndPage();
        canvas = null;
    }

    private float Bottom => PageHeight - Margin - FooterSpace + 10f;

    private void Ensure(float height)
    {
        if (canvas is null || y + height > Bottom) NewPage();
    }

    private void Paragraph(string text, float size, bool bold = false, SKColor? color = null, float after = 4f, float indent = 0f, float? width = null)
    {
        using var font = PaperFonts.CreateFont(bold ? PaperFonts.Bold : PaperFonts.Regular, size);
        using var paint = new SKPaint { Color = color ?? Ink, IsAntialias = true };
        float lineHeight = size * 1.3f;
        foreach (string line in PdfText.Wrap(PdfText.Prepare(text), font, (width ?? ContentWidth) - indent))
        {
            Ensure(lineHeight);
            PdfText.Draw(canvas!, line, Margin + indent, y + size * 0.95f, font, paint);
            y += lineHeight;
        }
        y += after;
    }

    /// <summary>A bullet item with a hanging indent.</summary>
    private void Bullet(string text, float size)
    {
        const float indent = 12f;
        using var font = PaperFonts.CreateFont(PaperFonts.Regular, size);
        using var paint = new SKPaint { Color = Ink, IsAntialias = true };
        float lineHeight = size * 1.3f;
        bool first = true;
        foreach (string line in PdfText.Wrap(PdfText.Prepare(text), font, ContentWidth - indent))
        {
            Ensure(lineHeight);
            if (first) canvas!.DrawText("•", Margin + 3f, y + size * 0.95f, SKTextAlign.Left, font, paint);
            PdfText.Draw(canvas!, line, Margin + indent, y + size * 0.95f, font, paint);
            y += lineHeight;
            first = false;
        }
        y += 2f;
    }

    private void Notice(string text, SKColor accent)
    {
        using var font = PaperFonts.CreateFont(PaperFonts.Regular, 9f);
        List<string> lines = PdfText.Wrap(PdfText.Prepare(text), font, ContentWidth - 16f);
        float height = lines.Count * 9f * 1.3f + 8f;
        Ensure(height);
        using var fill = new SKPaint { Color = accent.WithAlpha(28), IsAntialias = true };
        using var bar = new SKPaint { Color = accent, IsAntialias = true };
        canvas!.DrawRect(Margin, y, ContentWidth, height, fill);
        canvas.DrawRect(Margin, y, 3f, height, bar);
        using var paint = new SKPaint { Color = Ink, IsAntialias = true };
        float baseline = y + 4f + 9f * 0.95f;
        foreach (string line in lines)
        {
            PdfText.Draw(canvas, line, Margin + 10f, baseline, font, paint);
            baseline += 9f * 1.3f;
        }
        y += height + 8f;
    }

    private void DrawBadge(string text, float x, float baseline, float size, SKColor fillColor)
    {
        using var font = PaperFonts.CreateFont(PaperFonts.Bold, size);
        string prepared = PdfText.Prepare(text);
        float width = PdfText.Width(prepared, font);
        using var fill = new SKPaint { Color = fillColor, IsAntialias = true };
        canvas!.DrawRoundRect(new SKRect(x - 4f, baseline - size * 0.95f, x + width + 4f, baseline + size * 0.3f), size * 0.5f, size * 0.5f, fill);
        using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
        PdfText.Draw(canvas, prepared, x, baseline, font, paint);
    }

    /// <summary>A table with wrapped cells; rows never split across pages, the header repeats on each page.</summary>
    private void Table(float[] widths, string[]? header, List<Cell[]> rows, float size, bool rules = true)
    {
        const float pad = 3f;
        float lineHeight = size * 1.3f;
        using var regular = PaperFonts.CreateFont(PaperFonts.Regular, size);
        using var bold = PaperFonts.CreateFont(PaperFonts.Bold, size);
        using var rule = new SKPaint { Color = Rule, StrokeWidth = 0.5f, IsStroke = true, IsAntialias = true };
        using var strong = new SKPaint { Color = Ink, StrokeWidth = 0.8f, IsStroke = true, IsAntialias = true };
        Cell[]? headerCells = header?.Select(h => new Cell(h, Bold: true)).ToArray();

        List<string>[] Layout(Cell[] cells) => cells.Select((cell, i) =>
        {
            float inner = widths[i] - 2 * pad - (cell.Badge is null ? 0 : 8f);
            return PdfText.Wrap(PdfText.Prepare(cell.Text), cell.Bold ? bold : regular, inner);
        }).ToArray();

        void DrawRow(Cell[] cells, List<string>[] lines, float height, bool isHeader)
        {
            if (isHeader)
            {
                using var fill = new SKPaint { Color = HeaderFill };
                canvas!.DrawRect(Margin, y, widths.Sum(), height, fill);
                canvas.DrawLine(Margin, y, Margin + widths.Sum(), y, strong);
            }
            float x = Margin;
            for (int i = 0; i < cells.Length; i++)
            {
                Cell cell = cells[i];
                SKFont font = cell.Bold ? bold : regular;
                float baseline = y + pad + size * 0.95f;
                float textX = x + pad + (cell.Badge is null ? 0 : 4f);
                if (cell.Badge is SKColor badge)
                {
                    float widest = lines[i].Count == 0 ? 0 : lines[i].Max(l => PdfText.Width(l, font));
                    using var fill = new SKPaint { Color = badge, IsAntialias = true };
                    canvas!.DrawRoundRect(new SKRect(x + pad, y + pad - 1f, x + pad + widest + 8f, y + pad + lines[i].Count * lineHeight),
                        size * 0.6f, size * 0.6f, fill);
                }
                using var paint = new SKPaint { Color = cell.Color ?? Ink, IsAntialias = true };
                foreach (string line in lines[i])
                {
                    PdfText.Draw(canvas!, line, textX, baseline, font, paint);
                    baseline += lineHeight;
                }
                if (cell.Link is not null)
                    canvas!.DrawLinkDestinationAnnotation(new SKRect(x, y, x + widths[i], y + height), Destination(cell.Link));
                x += widths[i];
            }
            if (rules) canvas!.DrawLine(Margin, y + height, Margin + widths.Sum(), y + height, isHeader ? strong : rule);
        }

        float maxHeight = Bottom - Margin - 40f;
        List<string>[]? headerLines = headerCells is null ? null : Layout(headerCells);
        float headerHeight = headerLines is null ? 0 : headerLines.Max(l => l.Count) * lineHeight + 2 * pad;
        bool headerDrawn = false;
        foreach (Cell[] cells in rows)
        {
            List<string>[] lines = Layout(cells);
            int maxLines = (int)((maxHeight - 2 * pad) / lineHeight);
            for (int i = 0; i < lines.Length; i++)
                if (lines[i].Count > maxLines) lines[i] = [.. lines[i].Take(maxLines - 1), "…"];
            float height = lines.Max(l => Math.Max(1, l.Count)) * lineHeight + 2 * pad;
            int pageBefore = page;
            Ensure(height + headerHeight);
            if (headerCells is not null && (!headerDrawn || page != pageBefore))
            {
                DrawRow(headerCells, headerLines!, headerHeight, isHeader: true);
                y += headerHeight;
                headerDrawn = true;
            }
            DrawRow(cells, lines, height, isHeader: false);
            y += height;
        }
        y += 4f;
    }
}
