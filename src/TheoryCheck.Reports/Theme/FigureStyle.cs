using TheoryCheck.Comparison.Figures;

namespace TheoryCheck.Reports.Theme;

/// <summary>
/// The paper theme of figures. Lengths and font sizes are in points (1 pt = 1/72 in), the unit of the vector
/// outputs; PNG output is the same drawing scaled by <see cref="PngDpi"/>/72.
/// Defaults: single column 3.4 in × 2.6 in, double column 7 in × 2.8 in, 8–9 pt text, 300 dpi PNG.
/// </summary>
public sealed record FigureStyle
{
    /// <summary>Single-column width in inches.</summary>
    public double SingleWidthInches { get; init; } = 3.4;

    /// <summary>Single-column height in inches.</summary>
    public double SingleHeightInches { get; init; } = 2.6;

    /// <summary>Double-column width in inches.</summary>
    public double DoubleWidthInches { get; init; } = 7.0;

    /// <summary>Double-column height in inches.</summary>
    public double DoubleHeightInches { get; init; } = 2.8;

    /// <summary>PNG resolution in dots per inch (pixel size = inches × dpi).</summary>
    public double PngDpi { get; init; } = 300;

    /// <summary>Title font size (pt).</summary>
    public float TitleSize { get; init; } = 9f;

    /// <summary>Axis label font size (pt).</summary>
    public float LabelSize { get; init; } = 8.5f;

    /// <summary>Tick label font size (pt).</summary>
    public float TickSize { get; init; } = 7.5f;

    /// <summary>Legend, annotation and reference-line label font size (pt).</summary>
    public float LegendSize { get; init; } = 7f;

    /// <summary>Data line width (pt).</summary>
    public float LineWidth { get; init; } = 1.2f;

    /// <summary>Marker diameter (pt).</summary>
    public float MarkerSize { get; init; } = 4.5f;

    /// <summary>Opacity of <see cref="SeriesKind.Band"/> fills, in (0, 1].</summary>
    public double BandOpacity { get; init; } = 0.22;

    /// <summary>Draw figure titles (default true; papers usually put them in captions: <c>"titles": false</c>).</summary>
    public bool Titles { get; init; } = true;

    /// <summary>Font family of every text of the figures: the embedded DejaVu Sans (default) or a family installed on this machine.</summary>
    public string FontFamily { get; init; } = PaperFonts.FamilyName;

    /// <summary>Series colours as #RRGGBB hex, cycled (null: <see cref="PaperPalette.Hex"/>).</summary>
    public IReadOnlyList<string>? Palette { get; init; }

    /// <summary>The colours in use: <see cref="Palette"/> or the default palette.</summary>
    public IReadOnlyList<string> Colors => Palette is { Count: > 0 } palette ? palette : PaperPalette.Hex;

    /// <summary>Throws <see cref="ArgumentException"/> unless every length, size and opacity is positive and finite, the palette is #RRGGBB colours and the font family exists.</summary>
    public FigureStyle Validated()
    {
        if (Palette is not null)
        {
            if (Palette.Count == 0) throw new ArgumentException("Palette must list at least one colour", nameof(Palette));
            foreach (string colour in Palette)
                if (colour is null || !System.Text.RegularExpressions.Regex.IsMatch(colour, "^#[0-9A-Fa-f]{6}$"))
                    throw new ArgumentException($"Palette colours must be #RRGGBB hex, got '{colour}'", nameof(Palette));
        }
        if (string.IsNullOrWhiteSpace(FontFamily) || !PaperFonts.IsAvailable(FontFamily))
            throw new ArgumentException($"FontFamily '{FontFamily}' is not available (the embedded '{PaperFonts.FamilyName}' or a family installed on this machine)", nameof(FontFamily));
        Positive(SingleWidthInches, nameof(SingleWidthInches));
        Positive(SingleHeightInches, nameof(SingleHeightInches));
        Positive(DoubleWidthInches, nameof(DoubleWidthInches));
        Positive(DoubleHeightInches, nameof(DoubleHeightInches));
        Positive(PngDpi, nameof(PngDpi));
        if (PngDpi > 1200) throw new ArgumentException($"PngDpi must be ≤ 1200, got {PngDpi}", nameof(PngDpi));
        Positive(TitleSize, nameof(TitleSize));
        Positive(LabelSize, nameof(LabelSize));
        Positive(TickSize, nameof(TickSize));
        Positive(LegendSize, nameof(LegendSize));
        Positive(LineWidth, nameof(LineWidth));
        Positive(MarkerSize, nameof(MarkerSize));
        if (!(BandOpacity > 0 && BandOpacity <= 1))
            throw new ArgumentException($"BandOpacity must be in (0, 1], got {BandOpacity}", nameof(BandOpacity));
        return this;
    }

    /// <summary>Figure size in points for a column width.</summary>
    public (float Width, float Height) SizeInPoints(FigureWidth width) => width switch
    {
        FigureWidth.Double => ((float)(DoubleWidthInches * 72), (float)(DoubleHeightInches * 72)),
        _ => ((float)(SingleWidthInches * 72), (float)(SingleHeightInches * 72)),
    };

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentException($"{name} must be positive and finite, got {value}", name);
    }
}
