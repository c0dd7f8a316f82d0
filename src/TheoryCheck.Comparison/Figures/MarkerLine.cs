namespace TheoryCheck.Comparison.Figures;

/// <summary>A labelled reference line (predicted outlier, bulk edge, turning time, threshold).</summary>
/// <param name="Position">Axis coordinate.</param>
/// <param name="Label">Legend or inline label.</param>
/// <param name="Vertical">True for a vertical line at x = Position, false for horizontal at y = Position.</param>
public sealed record MarkerLine(double Position, string? Label, bool Vertical = true)
{
    /// <summary>Palette index (null: neutral grey).</summary>
    public int? ColorIndex { get; init; }

    /// <summary>Dashed (default) or solid.</summary>
    public bool Dashed { get; init; } = true;
}
