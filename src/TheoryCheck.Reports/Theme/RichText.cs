using System.Text;

namespace TheoryCheck.Reports.Theme;

/// <summary>
/// Text with real sub- and superscripts, as runs of size and baseline shift (<see cref="TextRun"/>), built from
/// the TeX-like marks of <see cref="PaperText"/>: a numeric mark becomes Unicode super-/subscript characters
/// (d^{-1/2} → d⁻¹ᐟ², χ^2 → χ²), any other mark (letters) a smaller run at
/// <see cref="ScriptScale"/> of the size, raised by <see cref="SuperscriptRise"/> or lowered by
/// <see cref="SubscriptDrop"/> (E_d, χ²_RE, η_dom, sup_t). Figures, the PDF report and Markdown use this one layout;
/// <see cref="RichTextPainter"/> measures and draws it on any Skia canvas (PNG, SVG, PDF).
/// </summary>
public sealed class RichText
{
    /// <summary>Size of a script relative to the text it is attached to.</summary>
    public const float ScriptScale = 0.7f;

    /// <summary>Baseline raise of a superscript, in ems of the text it is attached to.</summary>
    public const float SuperscriptRise = 0.36f;

    /// <summary>Baseline drop of a subscript, in ems of the text it is attached to.</summary>
    public const float SubscriptDrop = 0.2f;

    /// <summary>Text without any runs.</summary>
    public static RichText Empty { get; } = new([]);

    internal RichText(IReadOnlyList<TextRun> runs)
    {
        Runs = runs;
        var plain = new StringBuilder();
        foreach (TextRun run in runs) plain.Append(run.Text);
        PlainText = plain.ToString();
    }

    /// <summary>The runs in reading order; adjacent runs differ in scale or rise.</summary>
    public IReadOnlyList<TextRun> Runs { get; }

    /// <summary>The characters of all runs, without positions (for tests, search and accessibility).</summary>
    public string PlainText { get; }

    /// <summary>True when some run is a drawn sub- or superscript.</summary>
    public bool HasScripts => Runs.Any(run => !run.IsPlain);

    /// <summary>True when there is nothing to draw.</summary>
    public bool IsEmpty => PlainText.Length == 0;

    /// <summary>The rich form of <paramref name="text"/> (see <see cref="PaperText.ToRich"/>).</summary>
    public static RichText Parse(string? text) => PaperText.ToRich(text);

    /// <inheritdoc/>
    public override string ToString() => PlainText;
}
