using System.Text;
using SkiaSharp;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Pages;

/// <summary>
/// Line breaking, measuring and drawing of text on PDF pages (DejaVu Sans), with real sub- and superscripts: prepared
/// text keeps the marks Unicode cannot show in braces (<see cref="PaperText.Normalize"/>), lines never break inside
/// one, and each line is measured and drawn as <see cref="RichText"/> (a script is its own text object, smaller and
/// shifted).
/// </summary>
internal static class PdfText
{
    /// <summary>
    /// Unicode super-/subscripts where Unicode has them, other marks as <c>_{…}</c> / <c>^{…}</c>
    /// (<see cref="PaperText.Normalize"/>), line breaks collapsed to paragraphs, and any character without a DejaVu
    /// Sans glyph (e.g. emoji) replaced by '?', so that no .notdef box is ever drawn.
    /// </summary>
    public static string Prepare(string? text)
    {
        string unicode = PaperText.Normalize(text ?? "").Replace("\r", "").Replace("\t", "    ");
        var output = new StringBuilder(unicode.Length);
        for (int i = 0; i < unicode.Length; i++)
        {
            char c = unicode[i];
            if (c == '\n') { output.Append(c); continue; }
            if (char.IsHighSurrogate(c) && i + 1 < unicode.Length && char.IsLowSurrogate(unicode[i + 1]))
            {
                if (PaperFonts.HasGlyph(char.ConvertToUtf32(c, unicode[i + 1]))) output.Append(c).Append(unicode[i + 1]);
                else output.Append('?');
                i++;
                continue;
            }
            if (char.IsSurrogate(c) || char.IsControl(c)) { output.Append('?'); continue; }
            output.Append(PaperFonts.HasGlyph(c) ? c : '?');
        }
        return output.ToString();
    }

    /// <summary>Width of a prepared line in <paramref name="font"/>, its scripts set smaller.</summary>
    public static float Width(string prepared, SKFont font) => RichTextPainter.MeasureWidth(RichText.Parse(prepared), font);

    /// <summary>Draws a prepared line with its left end at <paramref name="x"/> and its baseline at <paramref name="baseline"/>.</summary>
    public static void Draw(SKCanvas canvas, string prepared, float x, float baseline, SKFont font, SKPaint paint) =>
        RichTextPainter.Draw(canvas, RichText.Parse(prepared), x, baseline, font, paint);

    /// <summary>
    /// Breaks prepared text into lines no wider than <paramref name="width"/> points: at spaces outside marks, after
    /// '/', ',' and '-' inside long tokens, and inside a token (one without marks) only when it alone is wider than
    /// the line.
    /// </summary>
    public static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (string paragraph in text.Split('\n'))
        {
            string current = "";
            foreach (string word in Words(paragraph))
            {
                string candidate = current.Length == 0 ? word : current + " " + word;
                if (Width(candidate, font) <= width)
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0) lines.Add(current);
                current = "";
                string rest = word;
                while (rest.IndexOf('{') < 0 && font.MeasureText(rest) > width)
                {
                    int fit = Math.Max(1, (int)font.BreakText(rest, width));
                    int soft = rest.LastIndexOfAny(['/', ',', '-', '.', '_'], Math.Min(rest.Length - 1, fit - 1));
                    if (soft > fit / 3) fit = soft + 1;
                    lines.Add(rest[..fit]);
                    rest = rest[fit..];
                }
                current = rest;
            }
            lines.Add(current);
        }
        return lines;
    }

    /// <summary>The words of a paragraph: split at spaces, except inside the braces of a mark (<c>_{a b}</c>).</summary>
    private static List<string> Words(string paragraph)
    {
        var words = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < paragraph.Length; i++)
        {
            char c = paragraph[i];
            if (c == '{' && i > 0 && (paragraph[i - 1] == '_' || paragraph[i - 1] == '^' || depth > 0)) depth++;
            else if (c == '}' && depth > 0) depth--;
            else if (c == ' ' && depth == 0)
            {
                words.Add(paragraph[start..i]);
                start = i + 1;
            }
        }
        words.Add(paragraph[start..]);
        return words;
    }
}
