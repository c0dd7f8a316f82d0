namespace TheoryCheck.Numerics.Gaussian;

/// <summary>How the error estimate of a Gaussian expectation was obtained.</summary>
public enum GaussianErrorMethod
{
    /// <summary>
    /// Deterministic rule compared with its refinement: estimate = κ·|Q − Q_refined| + round-off floor, κ = 2 for fast
    /// convergence (then it bounds |Q − E f| whenever the refined rule is at least twice as accurate as Q) and
    /// κ = 2/(1 − ρ̂) ≤ 20 when the ratio ρ̂ of successive differences (coarser, rule, refined) exceeds 1/4.
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
