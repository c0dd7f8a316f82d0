namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// Parameter profile of a claim run (claims.md §0): <see cref="Test"/> is the small profile the test suite and
/// the golden snapshots use, <see cref="Quick"/> the README's main run (well under a minute per claim),
/// <see cref="Full"/> the real sweeps (minutes per claim).
/// </summary>
public enum Profile
{
    Test,
    Quick,
    Full,
}
