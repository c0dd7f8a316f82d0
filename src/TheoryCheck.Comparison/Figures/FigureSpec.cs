namespace TheoryCheck.Comparison.Figures;

/// <summary>
/// A figure described by data, not pixels: Reports renders it (ScottPlot) to PNG, SVG and vector PDF with the
/// paper theme. Kinds used by claims: theory curve vs simulation mean with a band per d; error vs d on log–log
/// axes with the fitted line and its exponent; spectrum with predicted outliers marked.
/// </summary>
/// <param name="Name">File stem within the claim's folder, e.g. <c>m-trajectories</c> (lowercase, dashes).</param>
/// <param name="Title">Title drawn above the plot.</param>
/// <param name="XLabel">Horizontal axis label.</param>
/// <param name="YLabel">Vertical axis label.</param>
/// <param name="Series">Data series.</param>
public sealed record FigureSpec(string Name, string Title, string XLabel, string YLabel, IReadOnlyList<SeriesSpec> Series)
{
    /// <summary>Logarithmic horizontal axis (values must be positive).</summary>
    public bool LogX { get; init; }

    /// <summary>Logarithmic vertical axis (values must be positive).</summary>
    public bool LogY { get; init; }

    /// <summary>
    /// Explicit major ticks of the vertical axis (null: automatic ticks). Use for categorical rows, e.g. one row per
    /// block labelled "c = 1", "c = 2"; the axis range then covers every listed tick, and no minor ticks are drawn.
    /// </summary>
    public IReadOnlyList<AxisTick>? YTicks { get; init; }

    /// <summary>Reference lines.</summary>
    public IReadOnlyList<MarkerLine> Lines { get; init; } = [];

    /// <summary>Text drawn in a corner of the plot, e.g. "slope −0.58 [−0.71, −0.45]".</summary>
    public string? Annotation { get; init; }

    /// <summary>Caption for the report (what is plotted, conventions such as "β excluded").</summary>
    public string? Caption { get; init; }

    /// <summary>Column width.</summary>
    public FigureWidth Width { get; init; } = FigureWidth.Single;
}
