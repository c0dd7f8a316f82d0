namespace TheoryCheck.Numerics.Gaussian;

/// <summary>How the error estimate of a Gaussian expectation was obtained.</summary>
public enum GaussianErrorMethod
{
    /// <summary>
    /// Deterministic rule compared with its refinement: estimate = 2·|Q − Q_refined| + round-off floor, which bounds
    /// |Q − E f| whenever the refined rule is at least twice as accurate as Q (geometric convergence).
    /// </summary>
    Refinement,

    /// <summary>
    /// Randomised rule: the value is the mean of R independent equal-weight replicates and the estimate is one
    /// standard error, sd(replicate means)/√R.
    /// </summary>
    Replicates,

    /// <summary>The expectation is exact (degenerate Gaussian, Σ = 0): the estimate is the round-off floor only.</summary>
    Exact,
}
