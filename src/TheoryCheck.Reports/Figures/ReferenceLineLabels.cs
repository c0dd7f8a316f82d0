using ScottPlot;
using SkiaSharp;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// Inline labels of reference lines, drawn inside the data area (clipped to it): a vertical line's label reads
/// upwards beside the line, a horizontal line's label runs along it; side and end are chosen by
/// <see cref="Placement"/> to avoid data, the legend and other labels.
/// </summary>
internal sealed class ReferenceLineLabels : IPlottable
{
    private readonly List<(double Position, bool Vertical, RichText Text, Color Color, bool OtherSide, bool FarEnd)> labels = [];
    private readonly float fontSize;

    public ReferenceLineLabels(float fontSize)
    {
        this.fontSize = fontSize;
    }

    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new Axes();

    public IEnumerable<LegendItem> LegendItems => LegendItem.None;

    public int Count => labels.Count;

    /// <summary>
    /// Adds a label. Vertical line: right of the line at the top, or left (<paramref name="otherSide"/>) and at the
    /// bottom (<paramref name="farEnd"/>). Horizontal line: above the line at the left, or below / at the right.
    /// </summary>
    public void Add(double position, bool vertical, RichText text, Color color, bool otherSide, bool farEnd) =>
        labels.Add((position, vertical, text, color, otherSide, farEnd));

    public AxisLimits GetAxisLimits() => AxisLimits.NoLimits;

    public void Render(RenderPack rp)
    {
        PixelRect area = Axes.DataRect;
        using var font = PaperFonts.CreateFont(PaperFonts.Regular, fontSize);
        using var paint = new SKPaint { IsAntialias = true };
        // A translucent white backing keeps a label readable when it has to sit on data.
        using var backing = new SKPaint { IsAntialias = true, Color = new SKColor(255, 255, 255, 200) };
        const float gap = 2.5f;
        SKCanvas canvas = rp.Canvas;
        canvas.Save();
        canvas.ClipRect(area.ToSKRect());
        foreach (var (position, vertical, text, color, otherSide, farEnd) in labels)
        {
            paint.Color = color.ToSKColor();
            // Ascent and descent include what a raised or lowered script adds.
            var (width, ascent, descent) = RichTextPainter.Measure(text, font);
            if (vertical)
            {
                float x = Axes.GetPixelX(position);
                if (x < area.Left - 0.5f || x > area.Right + 0.5f) continue;
                // Rotated −90°: the baseline runs upwards and glyphs extend to the left of it.
                float baseline = otherSide ? x - gap - descent : x + gap + ascent;
                float start = farEnd ? area.Bottom - gap : area.Top + gap + width;
                canvas.Save();
                canvas.Translate(baseline, start);
                canvas.RotateDegrees(-90);
                canvas.DrawRoundRect(new SKRect(-1f, -ascent - 0.5f, width + 1f, descent + 0.5f), 1.5f, 1.5f, backing);
                RichTextPainter.Draw(canvas, text, 0, 0, font, paint);
                canvas.Restore();
            }
            else
            {
                float y = Axes.GetPixelY(position);
                if (y < area.Top - 0.5f || y > area.Bottom + 0.5f) continue;
                float baseline = otherSide ? y + gap + ascent : y - gap - descent;
                float start = farEnd ? area.Right - gap - 1 - width : area.Left + gap + 1;
                canvas.DrawRoundRect(new SKRect(start - 1f, baseline - ascent - 0.5f, start + width + 1f, baseline + descent + 0.5f), 1.5f, 1.5f, backing);
                RichTextPainter.Draw(canvas, text, start, baseline, font, paint);
            }
        }
        canvas.Restore();
    }
}
