using System.Net;
using System.Text;

namespace TheoryCheck.Reports.Theme;

/// <summary>
/// One convention for exponents and indices in every human-readable output. Text may use TeX-like marks:
/// <c>^{…}</c> and <c>_{…}</c>, or a single token <c>^-1</c>, <c>^2</c>, <c>^T</c>, <c>_t</c>, <c>_12</c>
/// (a letter index only when no letter or digit follows, so identifiers such as <c>m_SGD</c> stay as typed; after a
/// character that is not an ASCII letter or digit, such as a Greek letter or ², a run of letters: χ²_RE, η_dom).
/// A numeric mark (digits, signs, '/', parentheses) is shown with Unicode super-/subscript characters
/// (d^{-1/2} → d⁻¹ᐟ², χ^2 → χ², R_{12} → R₁₂, all present in DejaVu Sans). Any other mark (E_d, χ²_RE, η_dom, x^T)
/// is a real sub- or superscript in figures and the PDF report, drawn smaller and shifted (<see cref="ToRich"/>,
/// <see cref="RichText"/>); Markdown uses Unicode wherever every character has a form (supₜ) and &lt;sub&gt;/&lt;sup&gt;
/// otherwise (<see cref="ToMarkdown"/>); HTML always uses &lt;sub&gt;/&lt;sup&gt; (<see cref="ToHtml"/>). Only plain-text
/// contexts without layout (PDF metadata, tick labels) fall back to <c>^(…)</c> / <c>_(…)</c> (<see cref="ToUnicode"/>).
/// A hyphen inside a mark becomes a minus sign; a decimal point in a Unicode exponent becomes a middle dot
/// (d^{-0.5} → d⁻⁰·⁵), Unicode having no superscript full stop.
/// </summary>
public static class PaperText
{
    private const string SuperFrom = "0123456789.+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWβγδθφχ/";
    private const string SuperTo = "⁰¹²³⁴⁵⁶⁷⁸⁹·⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵝᵞᵟᶿᵠᵡᐟ";
    private const string SubFrom = "0123456789+-−=()aehijklmnoprstuvxβγρφχ";
    private const string SubTo = "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ";

    /// <summary>Every character that <see cref="ToUnicode"/> may produce as a super- or subscript.</summary>
    public static string ScriptCharacters => SuperTo + SubTo;

    /// <summary>
    /// Plain text with marks rendered as Unicode super-/subscripts, or as <c>^(…)</c> / <c>_(…)</c> where Unicode has
    /// no form: for plain-text contexts without layout (PDF metadata, tick labels). Figures, PDF pages and Markdown
    /// use <see cref="ToRich"/>, <see cref="Normalize"/> and <see cref="ToMarkdown"/>.
    /// </summary>
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

    /// <summary>
    /// The layout of <paramref name="text"/> as runs of size and baseline shift: Unicode super-/subscripts for a
    /// numeric mark, otherwise a run at <see cref="RichText.ScriptScale"/> of the size, raised or lowered (nested
    /// marks nest: a script of a script is smaller again).
    /// </summary>
    public static RichText ToRich(string? text)
    {
        if (string.IsNullOrEmpty(text)) return RichText.Empty;
        var runs = new List<TextRun>();
        AppendRuns(text, 1f, 0f, ScriptKind.None, runs);
        return new RichText(runs);
    }

    /// <summary>
    /// Markdown (GitHub) text: Unicode super-/subscripts where every character of a mark has one, inline
    /// &lt;sub&gt;/&lt;sup&gt; otherwise (E_d → E&lt;sub&gt;d&lt;/sub&gt;, χ²_RE → χ²&lt;sub&gt;RE&lt;/sub&gt;).
    /// </summary>
    public static string ToMarkdown(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var output = new StringBuilder(text.Length + 16);
        foreach (Segment segment in Parse(text))
        {
            if (segment.Kind == SegmentKind.Plain) output.Append(segment.Text);
            else if (TryUnicode(segment, out string mapped)) output.Append(mapped);
            else
            {
                string tag = segment.Kind == SegmentKind.Super ? "sup" : "sub";
                output.Append('<').Append(tag).Append('>').Append(ToMarkdown(Minus(segment.Text))).Append("</").Append(tag).Append('>');
            }
        }
        return output.ToString();
    }

    /// <summary>
    /// The same text with every numeric mark replaced by its Unicode characters and every other mark written
    /// in braces, <c>_{…}</c> / <c>^{…}</c> (E_d → E_{d}); <see cref="ToRich"/> of the result equals <see cref="ToRich"/>
    /// of the input. Used where text is broken into lines before it is laid out (PDF pages).
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var output = new StringBuilder(text.Length + 8);
        foreach (Segment segment in Parse(text))
        {
            if (segment.Kind == SegmentKind.Plain) output.Append(segment.Text);
            else if (IsNumeric(segment.Text) && TryUnicode(segment, out string mapped)) output.Append(mapped);
            else output.Append(segment.Kind == SegmentKind.Super ? "^{" : "_{").Append(Normalize(Minus(segment.Text))).Append('}');
        }
        return output.ToString();
    }

    private static void AppendRuns(string text, float scale, float rise, ScriptKind script, List<TextRun> runs)
    {
        foreach (Segment segment in Parse(text))
        {
            if (segment.Kind == SegmentKind.Plain) AddRun(runs, segment.Text, scale, rise, script);
            else if (IsNumeric(segment.Text) && TryUnicode(segment, out string mapped)) AddRun(runs, mapped, scale, rise, script);
            else
            {
                bool super = segment.Kind == SegmentKind.Super;
                float shift = (super ? RichText.SuperscriptRise : -RichText.SubscriptDrop) * scale;
                AppendRuns(Minus(segment.Text), scale * RichText.ScriptScale, rise + shift,
                    super ? ScriptKind.Superscript : ScriptKind.Subscript, runs);
            }
        }
    }

    private static void AddRun(List<TextRun> runs, string text, float scale, float rise, ScriptKind script)
    {
        if (text.Length == 0) return;
        if (runs.Count > 0 && runs[^1] is var last && last.Scale == scale && last.Rise == rise && last.Script == script)
            runs[^1] = last with { Text = last.Text + text };
        else
            runs.Add(new TextRun(text, scale, rise, script));
    }

    /// <summary>
    /// True for a numeric mark (digits, signs, '.', '/', '=', parentheses): shown with Unicode super-/subscript
    /// characters in figures and PDF (χ², d⁻¹ᐟ², R₁₂), which DejaVu Sans draws like set scripts. Letters are drawn as
    /// runs instead, so that ηₜ and η_dom, α_min and β_μ look alike (Unicode's modifier letters are smaller and sit
    /// differently).
    /// </summary>
    private static bool IsNumeric(string text)
    {
        foreach (char c in text)
            if (!char.IsAsciiDigit(c) && "+-−=()./".IndexOf(c) < 0) return false;
        return text.Length > 0;
    }

    private static bool TryUnicode(Segment segment, out string mapped) =>
        segment.Kind == SegmentKind.Super
            ? TryMap(segment.Text, SuperFrom, SuperTo, out mapped)
            : TryMap(segment.Text, SubFrom, SubTo, out mapped);

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
        // A word index (η_dom) reads as typed; anything longer gets parentheses so that it ends visibly.
        return content.Length == 1 || content.All(char.IsLetter) ? mark + content : $"{mark}({content})";
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
            if ((c == '^' || c == '_') && TryReadScript(text, i + 1, c == '^', WordIndexAllowed(text, i, c, afterScript: plain.Length == 0 && segments.Count > 0), out string content, out int next))
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

    /// <summary>
    /// True when the subscript mark at <paramref name="at"/> may take a run of letters (χ²_RE, χ^2_RE, η_dom): it
    /// directly follows another mark (<paramref name="afterScript"/>) or a character that is neither an ASCII letter
    /// or digit nor a space (a Greek letter, a script digit, a star), so that identifiers such as <c>m_SGD</c> and
    /// <c>t_end</c> stay as typed.
    /// </summary>
    private static bool WordIndexAllowed(string text, int at, char mark, bool afterScript) =>
        mark == '_' && at > 0
        && (afterScript || (!char.IsAsciiLetterOrDigit(text[at - 1]) && !char.IsWhiteSpace(text[at - 1]) && text[at - 1] != '_'));

    /// <summary>
    /// Reads <c>{…}</c> (balanced braces), a digit run (exponents: signed, with an optional decimal part), one letter,
    /// or (<paramref name="word"/>) a run of letters not followed by a digit.
    /// </summary>
    private static bool TryReadScript(string text, int start, bool superscript, bool word, out string content, out int next)
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
        if (!word || !char.IsLetter(text[k])) return false;
        while (k < text.Length && char.IsLetter(text[k])) k++;
        if (k < text.Length && char.IsDigit(text[k])) return false;
        content = text[start..k];
        next = k;
        return true;
    }
}
