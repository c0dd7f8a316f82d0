using ScottPlot;
using SkiaSharp;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// A boxed note in a data-area corner (e.g. a fitted slope), one <see cref="RichText"/> per line, on a translucent
/// white background with a thin frame, <see cref="Placement.InsetPoints"/> from the frame.
/// </summary>
internal sealed class RichAnnotation : IPlottable
{
    private readonly RichText[] lines;

    /// <summary>The note <paramref name="text"/> (lines separated by '\n') in <paramref name="corner"/>.</summary>
    public RichAnnotation(string text, Alignment corner, string fontName, float fontSize)
    {
        lines = text.Split('\n').Select(RichText.Parse).ToArray();
        Corner = corner;
        FontName = fontName;
        FontSize = fontSize;
    }

    /// <summary>The lines of the note.</summary>
    public IReadOnlyList<RichText> Lines => lines;

    /// <summary>The data-area corner.</summary>
    public Alignment Corner { get; }

    /// <summary>Font family.</summary>
    public string FontName { get; }

    /// <summary>Font size.</summary>
    public float FontSize { get; }

    /// <summary>Space between the frame and the text.</summary>
    public const float Padding = 2.5f;

    /// <inheritdoc/>
    public bool IsVisible { get; set; } = true;

    /// <inheritdoc/>
    public IAxes Axes { get; set; } = new Axes();

    /// <inheritdoc/>
    public IEnumerable<LegendItem> LegendItems => LegendItem.None;

    /// <inheritdoc/>
    public AxisLimits GetAxisLimits() => AxisLimits.NoLimits;

    /// <inheritdoc/>
    public void Render(RenderPack rp)
    {
        using SKFont font = PaperFonts.CreateFont(PaperFonts.Typeface(FontName, bold: false), FontSize);
        RichLineBox[] boxes = lines.Select(line => RichLineBox.Of(line, font)).ToArray();
        float width = boxes.Max(b => b.Width) + 2 * Padding, height = boxes.Sum(b => b.Height) + 2 * Padding;
        PixelRect area = rp.DataRect;
        bool right = Corner is Alignment.UpperRight or Alignment.MiddleRight or Alignment.LowerRight;
        bool lower = Corner is Alignment.LowerLeft or Alignment.LowerCenter or Alignment.LowerRight;
        float left = right ? area.Right - Placement.InsetPoints - width : area.Left + Placement.InsetPoints;
        float top = lower ? area.Bottom - Placement.InsetPoints - height : area.Top + Placement.InsetPoints;
        var frame = new PixelRect(left, left + width, top + height, top);
        rp.Paint.SKPathEffect = null!;
        new FillStyle { Color = Colors.White.WithAlpha(0.85) }.Render(rp.Canvas, frame, rp.Paint);
        new LineStyle { Color = Colors.Black.WithAlpha(0.35), Width = 0.5f }.Render(rp.Canvas, frame, rp.Paint);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        float y = top + Padding;
        for (int i = 0; i < lines.Length; i++)
        {
            RichTextPainter.Draw(rp.Canvas, lines[i], left + Padding, y + boxes[i].Baseline, font, paint);
            y += boxes[i].Height;
        }
    }
}
