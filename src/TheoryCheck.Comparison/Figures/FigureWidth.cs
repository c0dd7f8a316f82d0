namespace TheoryCheck.Comparison.Figures;

/// <summary>Paper column width of a figure.</summary>
public enum FigureWidth
{
    /// <summary>Single column (about 3.4 in).</summary>
    Single,
    /// <summary>Double column (about 7 in).</summary>
    Double,
}
