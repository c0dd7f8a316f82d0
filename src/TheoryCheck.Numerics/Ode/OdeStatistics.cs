namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// Work counters of one integration: right-hand-side evaluations (including those of the automatic starting-step
/// algorithm and of dense output), accepted steps and rejected step attempts.
/// </summary>
/// <param name="RhsEvaluations">Number of calls of the right-hand side f.</param>
/// <param name="AcceptedSteps">Number of accepted steps.</param>
/// <param name="RejectedSteps">Number of rejected step attempts (error too large or non-finite values).</param>
public readonly record struct OdeStatistics(long RhsEvaluations, long AcceptedSteps, long RejectedSteps);
