namespace TheoryCheck.Reports.Figures;

/// <summary>The files written for one figure (same stem, three formats) and its size.</summary>
/// <param name="Name">File stem (the figure's name).</param>
/// <param name="PngPath">Raster image at the style's dpi.</param>
/// <param name="SvgPath">Vector image (text as text, DejaVu Sans).</param>
/// <param name="PdfPath">Vector PDF, one page of the figure's size, DejaVu Sans embedded.</param>
/// <param name="WidthPoints">Width in points (1/72 in).</param>
/// <param name="HeightPoints">Height in points.</param>
public sealed record RenderedFigure(string Name, string PngPath, string SvgPath, string PdfPath, float WidthPoints, float HeightPoints);
