namespace TheoryCheck.Comparison.Sweeps;

/// <summary>
/// The sup-error of one run (claims.md §0): e = max over grid times and listed entries of |simulated − theory|,
/// with where the maximum was attained.
/// </summary>
/// <param name="Value">e = max |simulated − theory|.</param>
/// <param name="Observable">Entry attaining the maximum.</param>
/// <param name="Time">Grid time attaining the maximum.</param>
/// <param name="TimeIndex">Index of that time in the grid.</param>
/// <param name="Simulated">Simulated value there.</param>
/// <param name="Theory">Theory value there.</param>
/// <param name="EntryCount">Number of observable entries compared.</param>
public readonly record struct SupErrorResult(double Value, string Observable, double Time, int TimeIndex, double Simulated, double Theory, int EntryCount)
{
    /// <summary>E.g. "0.031 at m[1,2], t = 4".</summary>
    public override string ToString() =>
        $"{Claims.NumberText.Format(Value)} at {Observable}, t = {Claims.NumberText.Format(Time, 4)}";
}
