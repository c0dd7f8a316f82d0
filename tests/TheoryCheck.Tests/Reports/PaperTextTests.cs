using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Tests.Reports;

public class PaperTextTests
{
    [Theory]
    [InlineData("error ∝ d^{-1/2}", "error ∝ d⁻¹ᐟ²")]
    [InlineData("10^{-3}", "10⁻³")]
    [InlineData("d^-1", "d⁻¹")]
    [InlineData("fit ∝ d^{-0.50}", "fit ∝ d⁻⁰·⁵⁰")]
    [InlineData("d^-0.5 here", "d⁻⁰·⁵ here")]
    [InlineData("2^10 = 1024", "2¹⁰ = 1024")]
    [InlineData("x^T A x", "xᵀ A x")]
    [InlineData("sup_t |m|", "supₜ |m|")]
    [InlineData("R_{12}", "R₁₂")]
    [InlineData("m_SGD − m_ODE", "m_SGD − m_ODE")]
    [InlineData("t_end and samples_ratio", "t_end and samples_ratio")]
    [InlineData("η^{q}", "η^q")]
    [InlineData("x^{(q)}", "x^((q))")]
    [InlineData("η_dom, χ²_RE, E_d", "η_dom, χ²_RE, E_d")]
    [InlineData("no marks", "no marks")]
    [InlineData("trailing ^", "trailing ^")]
    public void UnicodeFormMatchesTheConvention(string input, string expected) =>
        Assert.Equal(expected, PaperText.ToUnicode(input));

    [Fact]
    public void HtmlFormUsesSupAndSubWithMinusSignsAndEscapes()
    {
        Assert.Equal("d<sup>−1/2</sup> &lt; R<sub>12</sub>", PaperText.ToHtml("d^{-1/2} < R_{12}"));
        Assert.Equal("m_SGD &amp; x", PaperText.ToHtml("m_SGD & x"));
        Assert.Equal("χ<sup>2</sup><sub>RE</sub> and η<sub>dom</sub>", PaperText.ToHtml("χ^2_RE and η_dom"));
    }

    [Fact]
    public void EveryScriptCharacterHasADejaVuGlyph()
    {
        foreach (char c in PaperText.ScriptCharacters)
            Assert.True(PaperFonts.HasGlyphs(c.ToString()), $"DejaVu Sans has no glyph for U+{(int)c:X4} '{c}'");
        foreach (string symbol in new[] { "λ", "β", "δ", "η", "χ", "∝", "∈", "≤", "≥", "−", "✓", "✗", "·", "×", "ℓ", "±", "λ̂" })
            Assert.True(PaperFonts.HasGlyphs(symbol), $"DejaVu Sans has no glyph for '{symbol}'");
    }

    /// <summary>The per-code-point check (PDF text preparation) agrees with Skia's string check on planes 0 and 1.</summary>
    [Fact]
    public void GlyphCheckByCodePointAgreesWithTheStringCheck()
    {
        int found = 0;
        for (int codepoint = 0; codepoint < 0x20000; codepoint++)
        {
            if (codepoint is >= 0xD800 and <= 0xDFFF) continue;
            bool byCodePoint = PaperFonts.HasGlyph(codepoint);
            Assert.True(byCodePoint == PaperFonts.HasGlyphs(char.ConvertFromUtf32(codepoint)), $"U+{codepoint:X4}");
            if (byCodePoint) found++;
        }
        Assert.InRange(found, 500, 10_000); // the subset: Latin, Greek, scripts, arrows, operators, check marks
    }

    [Fact]
    public void EmbeddedFontsAreDejaVuSans()
    {
        Assert.Equal("DejaVu Sans", PaperFonts.Regular.FamilyName);
        Assert.Equal("DejaVu Sans", PaperFonts.Bold.FamilyName);
        Assert.True(PaperFonts.Bold.FontStyle.Weight > PaperFonts.Regular.FontStyle.Weight);
    }
}
