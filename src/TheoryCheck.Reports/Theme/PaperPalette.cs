using ScottPlot;

namespace TheoryCheck.Reports.Theme;

/// <summary>
/// Colour-blind-safe palette of Okabe and Ito (2008), reordered so that the first colours are the most
/// distinct on white paper (yellow last), with one marker shape per colour so that series stay
/// distinguishable in greyscale print.
/// </summary>
public static class PaperPalette
{
    /// <summary>Hex colours: blue, vermillion, bluish green, reddish purple, orange, sky blue, black, yellow.</summary>
    public static IReadOnlyList<string> Hex { get; } =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>Neutral grey for reference lines without a colour index.</summary>
    public const string NeutralHex = "#666666";

    private static readonly MarkerShape[] Shapes =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp,
    ];

    /// <summary>Colour of palette entry <paramref name="index"/> (cyclic; negative indices are rejected).</summary>
    public static Color Color(int index) => ScottPlot.Color.FromHex(Hex[Wrap(index)]);

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
