namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// Thrown by a claim (or by <see cref="Sweeps.SupError"/>) when a run diverged (NaN/∞). The runner records the
/// message in <see cref="ClaimResult.Divergence"/> and the verdict becomes <see cref="Verdict.Diverged"/>;
/// the numbers of the diverged run are never reported.
/// </summary>
public sealed class DivergenceException : Exception
{
    /// <param name="message">Which run diverged and where, e.g. "sgd run d = 500, seed = … diverged at step 812 (t = 1.6)".</param>
    public DivergenceException(string message) : base(message) { }
}
