using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace TheoryCheck.Reports.Theme;

/// <summary>
/// The paper typeface, DejaVu Sans, loaded from resources embedded in this assembly (Fonts/, Bitstream Vera
/// licence) so that every machine renders identical text: the NoDependencies Skia build has no fontconfig and
/// would otherwise fall back to a typeface without glyphs. The same <see cref="SKTypeface"/> is used by
/// ScottPlot (figures) and by the report's PDF text, so PDFs embed one font. The embedded files are subsets
/// (Latin, Greek, super-/subscripts, punctuation, arrows, mathematical operators, check marks; the ranges are
/// listed in Fonts/make-subset.sh) because Skia's PDF backend embeds the whole font file in every PDF.
/// </summary>
public static class PaperFonts
{
    /// <summary>Family name registered with ScottPlot and written into SVG <c>font-family</c>.</summary>
    public const string FamilyName = "DejaVu Sans";

    private static readonly Lazy<SKTypeface> LazyRegular = new(() => Load("DejaVuSans-Subset.ttf"));
    private static readonly Lazy<SKTypeface> LazyBold = new(() => Load("DejaVuSans-Bold-Subset.ttf"));
    private static readonly object RegistrationLock = new();
    private static bool registered;

    /// <summary>DejaVu Sans (regular).</summary>
    public static SKTypeface Regular => LazyRegular.Value;

    /// <summary>DejaVu Sans Bold.</summary>
    public static SKTypeface Bold => LazyBold.Value;

    /// <summary>
    /// Makes <see cref="FamilyName"/> resolvable by ScottPlot and the default family of new plots.
    /// Idempotent and thread-safe; called by the renderer before building any plot.
    /// </summary>
    public static void Register()
    {
        lock (RegistrationLock)
        {
            if (registered) return;
            Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver());
            Fonts.Default = FamilyName;
            Fonts.Sans = FamilyName;
            registered = true;
        }
    }

    /// <summary>True for the embedded family or a family the system's font manager has.</summary>
    public static bool IsAvailable(string family) =>
        string.Equals(family, FamilyName, StringComparison.OrdinalIgnoreCase)
        || SKFontManager.Default.GetFontFamilies().Contains(family, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The typeface of <paramref name="family"/> (the embedded DejaVu Sans, or what ScottPlot's font resolvers find
    /// for another family, e.g. from a style file), regular or bold.
    /// </summary>
    public static SKTypeface Typeface(string family, bool bold)
    {
        if (string.Equals(family, FamilyName, StringComparison.OrdinalIgnoreCase)) return bold ? Bold : Regular;
        Register();
        return Fonts.GetTypeface(family, bold, italic: false);
    }

    /// <summary>
    /// A font for text that Reports measures and draws itself (reference-line labels, PDF pages): unhinted outlines
    /// with linear (unrounded) advances and subpixel positioning. Text is drawn at sizes of 7–15 units on canvases
    /// scaled to the output (points in PDF, ×dpi/72 in PNG); hinted advances rounded at 7 units would space the
    /// glyphs unevenly once scaled or rotated.
    /// </summary>
    public static SKFont CreateFont(SKTypeface typeface, float size) => new(typeface, size)
    {
        Hinting = SKFontHinting.None,
        LinearMetrics = true,
        Subpixel = true,
        Edging = SKFontEdging.Antialias,
    };

    /// <summary>True when every character of <paramref name="text"/> has a glyph in DejaVu Sans.</summary>
    public static bool HasGlyphs(string text) => Regular.ContainsGlyphs(text);

    /// <summary>True when the Unicode code point <paramref name="codepoint"/> has a glyph in DejaVu Sans (no allocation).</summary>
    internal static bool HasGlyph(int codepoint) => Regular.ContainsGlyph(codepoint);

    private static SKTypeface Load(string file)
    {
        string name = $"TheoryCheck.Reports.Fonts.{file}";
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded font {name} is missing from TheoryCheck.Reports");
        using SKData data = SKData.Create(stream);
        return SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"embedded font {name} could not be loaded by Skia");
    }

    /// <summary>Resolves <see cref="FamilyName"/> (any weight up to semi-bold: regular; bold above) for ScottPlot.</summary>
    private sealed class EmbeddedFontResolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            Matches(fontName) ? ((int)weight >= (int)FontWeight.SemiBold ? Bold : Regular) : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            Matches(fontName) ? (bold ? Bold : Regular) : null;

        private static bool Matches(string fontName) => string.Equals(fontName, FamilyName, StringComparison.OrdinalIgnoreCase);
    }
}
