using System.Globalization;
using System.Text.RegularExpressions;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Figures;

/// <summary>
/// Finishes Skia's SVG output: closes the root element if the writer left it open, sizes the document in inches
/// with a viewBox in points (so it prints at the paper size), and gives the text a font fallback list for
/// viewers without DejaVu Sans.
/// </summary>
internal static partial class SvgDocument
{
    public static string Finish(string svg, float widthPoints, float heightPoints)
    {
        svg = svg.TrimEnd();
        if (!svg.EndsWith("</svg>", StringComparison.Ordinal)) svg += "\n</svg>";
        string inches(float points) => (points / 72f).ToString("0.###", CultureInfo.InvariantCulture) + "in";
        string size = $"width=\"{inches(widthPoints)}\" height=\"{inches(heightPoints)}\" " +
                      $"viewBox=\"0 0 {FigureRenderer.Points(widthPoints)} {FigureRenderer.Points(heightPoints)}\"";
        svg = RootSize().Replace(svg, match => match.Groups[1].Value + size, 1);
        svg = svg.Replace($"font-family=\"{PaperFonts.FamilyName}\"",
            $"font-family=\"{PaperFonts.FamilyName}, Verdana, Arial, sans-serif\"", StringComparison.Ordinal);
        return svg;
    }

    [GeneratedRegex("(<svg\\b[^>]*?)width=\"[^\"]*\"\\s+height=\"[^\"]*\"(\\s+viewBox=\"[^\"]*\")?")]
    private static partial Regex RootSize();
}
