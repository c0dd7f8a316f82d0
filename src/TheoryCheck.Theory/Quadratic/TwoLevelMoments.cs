namespace TheoryCheck.Theory.Quadratic;

/// <summary>
/// Per-coordinate second moments of the two-level quadratic (quadratic.md §2): v_D = E[e_i²] for every dominant
/// coordinate and v_B for every bulk coordinate (all coordinates of a block are exchangeable and stay equal).
/// </summary>
/// <param name="Dominant">v_D.</param>
/// <param name="Bulk">v_B.</param>
public readonly record struct TwoLevelMoments(double Dominant, double Bulk)
{
    /// <summary>True when both moments are finite.</summary>
    public bool IsFinite => double.IsFinite(Dominant) && double.IsFinite(Bulk);
}
