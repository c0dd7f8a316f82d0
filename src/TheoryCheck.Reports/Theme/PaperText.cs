using System.Net;
using System.Text;

namespace TheoryCheck.Reports.Theme;

/// <summary>
/// One convention for exponents and indices in every human-readable output. Text may use TeX-like marks:
/// <c>^{…}</c> and <c>_{…}</c>, or a single token <c>^-1</c>, <c>^2</c>, <c>^T</c>, <c>_t</c>, <c>_12</c>
/// (a letter index only when no letter or digit follows, so identifiers such as <c>m_SGD</c> stay as typed).
/// Figures, Markdown and PDF show them as Unicode super-/subscripts (d^{-1/2} → d⁻¹ᐟ², all present in
/// DejaVu Sans); HTML uses &lt;sup&gt;/&lt;sub&gt;. A mark whose characters have no Unicode form falls back to
/// plain text, <c>^(…)</c> / <c>_(…)</c>. A hyphen inside an exponent becomes a minus sign; a decimal point in
/// an exponent becomes a middle dot (d^{-0.5} → d⁻⁰·⁵), Unicode having no superscript full stop.
/// </summary>
public static class PaperText
{
    private const string SuperFrom = "0123456789.+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWβγδθφχ/";
    private const string SuperTo = "⁰¹²³⁴⁵⁶⁷⁸⁹·⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵝᵞᵟᶿᵠᵡᐟ";
    private const string SubFrom = "0123456789+-−=()aehijklmnoprstuvxβγρφχ";
    private const string SubTo = "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ";

    /// <summary>Every character that <see cref="ToUnicode"/> may produce as a super- or subscript.</summary>
    public static string ScriptCharacters => SuperTo + SubTo;

    /// <summary>Plain text with marks rendered as Unicode super-/subscripts (figures, Markdown, PDF).</summary>
    public static string ToUnicode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var output = new StringBuilder(text.Length);
        foreach (Segment segment in Parse(text))
        {
            switch (segment.Kind)
            {
                case SegmentKind.Plain: output.Append(segment.Text); break;
                case SegmentKind.Super when TryMap(segment.Text, SuperFrom, SuperTo, out string mapped): output.Append(mapped); break;
                case SegmentKind.Sub when TryMap(segment.Text, SubFrom, SubTo, out string mapped): output.Append(mapped); break;
                default: output.Append(Fallback(segment)); break;
            }
        }
        return output.ToString();
    }

    /// <summary>HTML-escaped text with marks rendered as &lt;sup&gt;/&lt;sub&gt;.</summary>
    public static string ToHtml(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var output = new StringBuilder(text.Length + 16);
        foreach (Segment segment in Parse(text))
        {
            string escaped = WebUtility.HtmlEncode(segment.Kind == SegmentKind.Plain ? segment.Text : Minus(segment.Text));
            output.Append(segment.Kind switch
            {
                SegmentKind.Super => $"<sup>{escaped}</sup>",
                SegmentKind.Sub => $"<sub>{escaped}</sub>",
                _ => escaped,
            });
        }
        return output.ToString();
    }

    /// <summary>Replaces ASCII hyphen-minus by the minus sign U+2212 (for numbers such as tick labels).</summary>
    public static string Minus(string text) => text.Replace('-', '−');

    private static string Fallback(Segment segment)
    {
        string mark = segment.Kind == SegmentKind.Super ? "^" : "_";
        string content = Minus(segment.Text);
        return content.Length == 1 ? mark + content : $"{mark}({content})";
    }

    private static bool TryMap(string text, string from, string to, out string mapped)
    {
        var output = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            int i = from.IndexOf(c);
            if (i < 0)
            {
                mapped = "";
                return false;
            }
            output.Append(to[i]);
        }
        mapped = output.ToString();
        return mapped.Length > 0;
    }

    private enum SegmentKind { Plain, Super, Sub }

    private readonly record struct Segment(SegmentKind Kind, string Text);

    private static List<Segment> Parse(string text)
    {
        var segments = new List<Segment>();
        var plain = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if ((c == '^' || c == '_') && TryReadScript(text, i + 1, c == '^', out string content, out int next))
            {
                if (plain.Length > 0) segments.Add(new Segment(SegmentKind.Plain, plain.ToString()));
                plain.Clear();
                segments.Add(new Segment(c == '^' ? SegmentKind.Super : SegmentKind.Sub, content));
                i = next;
                continue;
            }
            plain.Append(c);
            i++;
        }
        if (plain.Length > 0) segments.Add(new Segment(SegmentKind.Plain, plain.ToString()));
        return segments;
    }

    /// <summary>Reads <c>{…}</c> (balanced braces), a digit run (exponents: signed, with an optional decimal part) or one letter.</summary>
    private static bool TryReadScript(string text, int start, bool superscript, out string content, out int next)
    {
        content = "";
        next = start;
        if (start >= text.Length) return false;
        if (text[start] == '{')
        {
            int depth = 0;
            for (int j = start; j < text.Length; j++)
            {
                if (text[j] == '{') depth++;
                else if (text[j] == '}' && --depth == 0)
                {
                    content = text[(start + 1)..j];
                    next = j + 1;
                    return content.Length > 0;
                }
            }
            return false;
        }
        int k = start;
        if (superscript && (text[k] == '-' || text[k] == '−' || text[k] == '+')) k++;
        int digitsStart = k;
        while (k < text.Length && char.IsAsciiDigit(text[k])) k++;
        if (superscript && k > digitsStart && k + 1 < text.Length && text[k] == '.' && char.IsAsciiDigit(text[k + 1]))
        {
            k++;
            while (k < text.Length && char.IsAsciiDigit(text[k])) k++;
        }
        if (k > digitsStart)
        {
            if (k < text.Length && char.IsLetter(text[k])) return false;
            content = text[start..k];
            next = k;
            return true;
        }
        if (k != start) return false;
        if (char.IsLetter(text[k]) && (k + 1 >= text.Length || !char.IsLetterOrDigit(text[k + 1])))
        {
            content = text[k].ToString();
            next = k + 1;
            return true;
        }
        return false;
    }
}
