namespace TheoryCheck.Comparison.Figures;

/// <summary>The spread drawn around the simulation seed mean in a <see cref="TrajectoryFigure"/>.</summary>
public enum TrajectoryBand
{
    /// <summary>Mean ± one sample standard deviation over seeds (n − 1; no band with one seed).</summary>
    StandardDeviation,
    /// <summary>From the smallest to the largest seed value.</summary>
    MinMax,
}
