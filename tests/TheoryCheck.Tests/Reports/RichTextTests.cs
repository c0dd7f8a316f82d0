using SkiaSharp;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Tests.Reports;

/// <summary>
/// The rich-text layout behind every figure, the PDF report and Markdown: marks Unicode has characters for stay
/// Unicode, any other mark is a smaller run raised or lowered (E_d, χ²_RE, η_dom), and widths are measured with it.
/// </summary>
public class RichTextTests
{
    private const float Sub = -RichText.SubscriptDrop, Sup = RichText.SuperscriptRise, S = RichText.ScriptScale;

    private static (string Text, float Scale, float Rise, ScriptKind Script)[] Runs(string text) =>
        PaperText.ToRich(text).Runs.Select(r => (r.Text, r.Scale, r.Rise, r.Script)).ToArray();

    [Fact]
    public void A_letter_index_without_a_Unicode_subscript_is_a_lowered_smaller_run()
    {
        Assert.Equal([("E", 1f, 0f, ScriptKind.None), ("d", S, Sub, ScriptKind.Subscript)], Runs("E_d"));
        Assert.Equal([("E", 1f, 0f, ScriptKind.None), ("d", S, Sub, ScriptKind.Subscript), (" ± SE", 1f, 0f, ScriptKind.None)], Runs("E_d ± SE"));
        Assert.Equal([("G", 1f, 0f, ScriptKind.None), ("S", S, Sub, ScriptKind.Subscript)], Runs("G_S"));
    }

    [Fact]
    public void A_word_index_after_a_symbol_is_one_subscript_but_identifiers_stay_as_typed()
    {
        Assert.Equal([("theory χ²", 1f, 0f, ScriptKind.None), ("RE", S, Sub, ScriptKind.Subscript)], Runs("theory χ²_RE"));
        Assert.Equal([("η", 1f, 0f, ScriptKind.None), ("dom", S, Sub, ScriptKind.Subscript), (" = 0.5", 1f, 0f, ScriptKind.None)], Runs("η_dom = 0.5"));
        Assert.Equal([("m_SGD − m_ODE, t_end", 1f, 0f, ScriptKind.None)], Runs("m_SGD − m_ODE, t_end"));
        Assert.Equal([("η_dom2", 1f, 0f, ScriptKind.None)], Runs("η_dom2"));
    }

    [Fact]
    public void Numeric_marks_stay_Unicode_on_the_baseline_and_letters_are_drawn_alike()
    {
        Assert.Equal([("error ∝ d⁻¹ᐟ²", 1f, 0f, ScriptKind.None)], Runs("error ∝ d^{-1/2}"));
        Assert.Equal([("χ² and R₁₂", 1f, 0f, ScriptKind.None)], Runs("χ^2 and R_{12}"));
        // A letter with a Unicode subscript (ₜ) is drawn like one without (d), so ηₜ and η_dom look alike.
        Assert.Equal([("sup", 1f, 0f, ScriptKind.None), ("t", S, Sub, ScriptKind.Subscript), (" |m|", 1f, 0f, ScriptKind.None)], Runs("sup_t |m|"));
        Assert.Equal([("x", 1f, 0f, ScriptKind.None), ("T", S, Sup, ScriptKind.Superscript)], Runs("x^T"));
    }

    [Fact]
    public void Superscripts_rise_and_scripts_of_scripts_nest()
    {
        Assert.Equal([("η", 1f, 0f, ScriptKind.None), ("q", S, Sup, ScriptKind.Superscript)], Runs("η^{q}"));
        Assert.Equal([("x", 1f, 0f, ScriptKind.None), ("(q)", S, Sup, ScriptKind.Superscript)], Runs("x^{(q)}"));
        var nested = PaperText.ToRich("x_{W_b}").Runs;
        Assert.Equal(3, nested.Count);
        Assert.Equal(("W", S, Sub), (nested[1].Text, nested[1].Scale, nested[1].Rise));
        Assert.Equal("b", nested[2].Text);
        Assert.Equal(S * S, nested[2].Scale, 6);
        Assert.Equal(Sub + Sub * S, nested[2].Rise, 6);
        Assert.Equal("d−1", PaperText.ToRich("E_{d-1}").Runs[1].Text); // a hyphen in a drawn script is a minus sign
    }

    [Theory]
    [InlineData("E_d", "E<sub>d</sub>")]
    [InlineData("theory χ²_RE", "theory χ²<sub>RE</sub>")]
    [InlineData("η_dom and η_bulk", "η<sub>dom</sub> and η<sub>bulk</sub>")]
    [InlineData("‖P_D∇L‖²", "‖P<sub>D</sub>∇L‖²")]
    [InlineData("error ∝ d^{-1/2}", "error ∝ d⁻¹ᐟ²")]
    [InlineData("sup_t and x^T", "supₜ and xᵀ")]
    [InlineData("η^{q}", "η<sup>q</sup>")]
    [InlineData("m_SGD − m_ODE", "m_SGD − m_ODE")]
    public void Markdown_uses_sub_and_sup_only_where_Unicode_has_no_form(string input, string expected) =>
        Assert.Equal(expected, PaperText.ToMarkdown(input));

    [Theory]
    [InlineData("E_d ± SE", "E_{d} ± SE")]
    [InlineData("χ²_RE(T) within 0.002", "χ²_{RE}(T) within 0.002")]
    [InlineData("d^{-1/2} and sup_t", "d⁻¹ᐟ² and sup_{t}")]
    [InlineData("x_{a b}", "x_{a b}")]
    public void Normalized_text_keeps_only_the_marks_Unicode_cannot_show_and_lays_out_the_same(string input, string expected)
    {
        string normalized = PaperText.Normalize(input);
        Assert.Equal(expected, normalized);
        Assert.Equal(Runs(input), Runs(normalized));
    }

    [Fact]
    public void Plain_text_fallback_reads_as_typed()
    {
        Assert.Equal("η_dom", PaperText.ToUnicode("η_dom"));
        Assert.Equal("χ²_RE", PaperText.ToUnicode("χ²_RE"));
        Assert.Equal("E_d", PaperText.ToUnicode("E_d"));
    }

    [Fact]
    public void A_subscript_is_narrower_than_the_typed_mark_and_reaches_below_the_font()
    {
        using SKFont font = PaperFonts.CreateFont(PaperFonts.Regular, 10f);
        RichText rich = PaperText.ToRich("E_d");
        float width = RichTextPainter.MeasureWidth(rich, font);
        Assert.True(width < font.MeasureText("Ed") - 1f, $"E_d is {width} wide, plain Ed {font.MeasureText("Ed")}");
        Assert.True(width < font.MeasureText("E_d") - 5f);
        Assert.Equal(font.MeasureText("E") + RichText.ScriptScale * font.MeasureText("d"), width, 0.01f);
        RichTextMetrics metrics = RichTextPainter.Measure(rich, font);
        Assert.True(metrics.Descent > font.Metrics.Descent, "the lowered d reaches below the font's descent");
        Assert.Equal(-font.Metrics.Ascent, RichTextPainter.Measure(PaperText.ToRich("Ed"), font).Ascent, 0.001f);
        Assert.True(RichTextPainter.Measure(PaperText.ToRich("x^{q}"), font).Ascent > -font.Metrics.Ascent);
    }

    [Fact]
    public void Drawing_sets_each_run_at_its_size_and_baseline_and_restores_the_font()
    {
        using var surface = SKSurface.Create(new SKImageInfo(200, 60));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using SKFont font = PaperFonts.CreateFont(PaperFonts.Regular, 30f);
        using var paint = new SKPaint { Color = SKColors.Black };
        float end = RichTextPainter.Draw(canvas, PaperText.ToRich("E_d"), 5, 35, font, paint);
        Assert.Equal(30f, font.Size);
        Assert.Equal(5 + RichTextPainter.MeasureWidth(PaperText.ToRich("E_d"), font), end, 0.01f);
        using SKImage image = surface.Snapshot();
        using SKBitmap bitmap = SKBitmap.FromImage(image);
        // The E ends on the baseline (y = 35); the d's bowl ends 0.2 em = 6 px lower.
        int LowestInk(int x0, int x1)
        {
            for (int y = bitmap.Height - 1; y >= 0; y--)
                for (int x = x0; x < x1; x++)
                    if (bitmap.GetPixel(x, y).Red < 128) return y;
            return -1;
        }
        int eWidth = (int)font.MeasureText("E");
        int eBottom = LowestInk(5, 5 + eWidth - 2), dBottom = LowestInk(5 + eWidth + 1, (int)end);
        Assert.InRange(eBottom, 33, 35);
        Assert.InRange(dBottom - eBottom, 5, 7);
    }
}
