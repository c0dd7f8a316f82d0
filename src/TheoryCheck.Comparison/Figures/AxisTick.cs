namespace TheoryCheck.Comparison.Figures;

/// <summary>An explicit major tick: a labelled axis position (in data units, positive on a logarithmic axis).</summary>
/// <param name="Position">Axis coordinate of the tick.</param>
/// <param name="Label">Text drawn at the tick, e.g. "c = 1" (PaperText marks allowed).</param>
public sealed record AxisTick(double Position, string Label);
