using ScottPlot;

namespace TheoryCheck.Reports.Theme;

/// <summary>
/// Colour-blind-safe palette of Okabe and Ito (2008), reordered so that the first colours are the most
/// distinct on white paper, extended by two colours of Paul Tol's muted scheme (wine, indigo) so that ten series get
/// ten colours (yellow, the faintest on white, last), with one marker shape per colour so that series stay
/// distinguishable in greyscale print. Beyond the palette's length the colours repeat with another line pattern
/// (<see cref="CyclePattern"/>: dotted, then dash-dot), so no two series of a figure look alike.
/// </summary>
public static class PaperPalette
{
    /// <summary>Hex colours: blue, vermillion, bluish green, reddish purple, orange, sky blue, black, wine, indigo, yellow.</summary>
    public static IReadOnlyList<string> Hex { get; } =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#882255", "#332288", "#F0E442"];

    /// <summary>Neutral grey for reference lines without a colour index.</summary>
    public const string NeutralHex = "#666666";

    private static readonly MarkerShape[] Shapes =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp,
    ];

    /// <summary>Colour of palette entry <paramref name="index"/> (cyclic; negative indices are rejected).</summary>
    public static Color Color(int index) => Color(Hex, index);

    /// <summary>Colour <paramref name="index"/> of <paramref name="palette"/> (hex colours, cyclic).</summary>
    public static Color Color(IReadOnlyList<string> palette, int index)
    {
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index), index, "palette index must be ≥ 0");
        return ScottPlot.Color.FromHex(palette[index % palette.Count]);
    }

    /// <summary>
    /// The pattern of a solid (simulation) line of series <paramref name="index"/> with a palette of
    /// <paramref name="count"/> colours: solid in the first cycle through the colours, then dotted, then dash-dot, so a
    /// series never shares colour and pattern with another (dashed lines are the theory's).
    /// </summary>
    public static LinePattern CyclePattern(int index, int count) => (index / count % 3) switch
    {
        0 => LinePattern.Solid,
        1 => new LinePattern([1.2f, 1.8f], 0, "paper dot"),
        _ => new LinePattern([6f, 2f, 1.2f, 2f], 0, "paper dash-dot"),
    };

    /// <summary><paramref name="color"/> mixed with black (fraction <paramref name="amount"/> of black): the shade of a dashed theory line drawn over its own simulation line.</summary>
    public static Color Darker(Color color, double amount = 0.45) =>
        new((byte)(color.R * (1 - amount)), (byte)(color.G * (1 - amount)), (byte)(color.B * (1 - amount)), color.A);

    /// <summary>Neutral grey.</summary>
    public static Color Neutral => ScottPlot.Color.FromHex(NeutralHex);

    /// <summary>Marker shape paired with palette entry <paramref name="index"/>.</summary>
    public static MarkerShape Marker(int index) => Shapes[Wrap(index) % Shapes.Length];

    private static int Wrap(int index)
    {
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index), index, "palette index must be ≥ 0");
        return index % Hex.Count;
    }
}
