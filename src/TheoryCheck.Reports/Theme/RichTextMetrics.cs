namespace TheoryCheck.Reports.Theme;

/// <summary>
/// Extent of one line of <see cref="RichText"/> set in a font: advance width and how far the glyph boxes of its
/// runs reach above and below the baseline (at least the font's own ascent and descent, more where a raised or
/// lowered run sticks out).
/// </summary>
/// <param name="Width">Advance width of all runs.</param>
/// <param name="Ascent">Distance above the baseline (positive).</param>
/// <param name="Descent">Distance below the baseline (positive).</param>
public readonly record struct RichTextMetrics(float Width, float Ascent, float Descent)
{
    /// <summary>Ascent plus descent.</summary>
    public float Height => Ascent + Descent;
}
