using System.Text;
using SkiaSharp;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Pages;

/// <summary>Line breaking and glyph checks for text drawn with DejaVu Sans on PDF pages.</summary>
internal static class PdfText
{
    /// <summary>
    /// Unicode super-/subscripts (<see cref="PaperText"/>), line breaks collapsed to paragraphs, and any character
    /// without a DejaVu Sans glyph (e.g. emoji) replaced by '?', so that no .notdef box is ever drawn.
    /// </summary>
    public static string Prepare(string? text)
    {
        string unicode = PaperText.ToUnicode(text ?? "").Replace("\r", "").Replace("\t", "    ");
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

    /// <summary>
    /// Breaks prepared text into lines no wider than <paramref name="width"/> points: at spaces, after '/', ',' and
    /// '-' inside long tokens, and inside a token only when it alone is wider than the line.
    /// </summary>
    public static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (string paragraph in text.Split('\n'))
        {
            string current = "";
            foreach (string word in paragraph.Split(' '))
            {
                string candidate = current.Length == 0 ? word : current + " " + word;
                if (font.MeasureText(candidate) <= width)
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0) lines.Add(current);
                current = "";
                string rest = word;
                while (font.MeasureText(rest) > width)
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
}
