namespace TheoryCheck.Comparison.Figures;

/// <summary>How a series is drawn.</summary>
public enum SeriesKind
{
    /// <summary>A line through the points (theory curves).</summary>
    Line,
    /// <summary>Markers only (measured points).</summary>
    Markers,
    /// <summary>Line with markers.</summary>
    LineMarkers,
    /// <summary>A shaded band between <see cref="SeriesSpec.Lower"/> and <see cref="SeriesSpec.Upper"/> with the mean as a line.</summary>
    Band,
    /// <summary>Markers with vertical error bars from <see cref="SeriesSpec.Lower"/> to <see cref="SeriesSpec.Upper"/>.</summary>
    ErrorBars,
    /// <summary>Vertical sticks from 0 (eigenvalue lists, histograms with given bin centres).</summary>
    Sticks,
}
