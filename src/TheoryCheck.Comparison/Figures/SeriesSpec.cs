namespace TheoryCheck.Comparison.Figures;

/// <summary>
/// One data series of a figure, independent of the plotting library.
/// </summary>
/// <param name="Label">Legend text (null: no legend entry).</param>
/// <param name="X">Abscissae.</param>
/// <param name="Y">Ordinates (same length as <paramref name="X"/>).</param>
/// <param name="Kind">How it is drawn.</param>
public sealed record SeriesSpec(string? Label, double[] X, double[] Y, SeriesKind Kind)
{
    /// <summary>Lower edge for <see cref="SeriesKind.Band"/> / <see cref="SeriesKind.ErrorBars"/>.</summary>
    public double[]? Lower { get; init; }

    /// <summary>Upper edge for <see cref="SeriesKind.Band"/> / <see cref="SeriesKind.ErrorBars"/>.</summary>
    public double[]? Upper { get; init; }

    /// <summary>Palette index; series sharing an index share a colour (e.g. theory and simulation of one entry).</summary>
    public int? ColorIndex { get; init; }

    /// <summary>Dashed line.</summary>
    public bool Dashed { get; init; }
}
