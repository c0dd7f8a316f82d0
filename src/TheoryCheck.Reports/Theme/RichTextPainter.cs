using SkiaSharp;

namespace TheoryCheck.Reports.Theme;

/// <summary>
/// Measures and draws <see cref="RichText"/> with a Skia font on any canvas: each run is set at its scale of the
/// font's size with its baseline shifted by its rise, and the next run continues where it ends. On an SVG canvas a
/// run is its own <c>&lt;text&gt;</c> element (smaller font-size, shifted y); on a PDF canvas its own text object
/// with a smaller <c>Tf</c> size and a shifted position. The font's size is changed while a run is measured or
/// drawn and restored afterwards, so no font is allocated per run.
/// </summary>
public static class RichTextPainter
{
    /// <summary>Advance width of <paramref name="text"/> in <paramref name="font"/>.</summary>
    public static float MeasureWidth(RichText text, SKFont font)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(font);
        float size = font.Size, width = 0;
        try
        {
            foreach (TextRun run in text.Runs)
            {
                font.Size = size * run.Scale;
                width += font.MeasureText(run.Text);
            }
        }
        finally
        {
            font.Size = size;
        }
        return width;
    }

    /// <summary>Width and vertical extent of <paramref name="text"/> in <paramref name="font"/> (see <see cref="RichTextMetrics"/>).</summary>
    public static RichTextMetrics Measure(RichText text, SKFont font)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(font);
        SKFontMetrics metrics = font.Metrics;
        float size = font.Size, ascent = -metrics.Ascent, descent = metrics.Descent;
        foreach (TextRun run in text.Runs)
        {
            ascent = Math.Max(ascent, -metrics.Ascent * run.Scale + run.Rise * size);
            descent = Math.Max(descent, metrics.Descent * run.Scale - run.Rise * size);
        }
        return new RichTextMetrics(MeasureWidth(text, font), ascent, descent);
    }

    /// <summary>
    /// Draws <paramref name="text"/> with its left end at <paramref name="x"/> and its (unshifted) baseline at
    /// <paramref name="baseline"/>; returns the x where the text ends.
    /// </summary>
    public static float Draw(SKCanvas canvas, RichText text, float x, float baseline, SKFont font, SKPaint paint)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(font);
        ArgumentNullException.ThrowIfNull(paint);
        float size = font.Size;
        try
        {
            foreach (TextRun run in text.Runs)
            {
                font.Size = size * run.Scale;
                canvas.DrawText(run.Text, x, baseline - run.Rise * size, SKTextAlign.Left, font, paint);
                x += font.MeasureText(run.Text);
            }
        }
        finally
        {
            font.Size = size;
        }
        return x;
    }
}
