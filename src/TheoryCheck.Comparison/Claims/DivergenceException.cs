using TheoryCheck.Models.Observables;

namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// Thrown by a claim (or by <see cref="Sweeps.SupError"/>) when a run stopped before its final time: it diverged
/// (NaN/∞) or, for an adaptive solver, used up its step budget. The runner records it as a numerical fault of the
/// result (<see cref="ClaimResult.Faults"/>): a divergence also in <see cref="ClaimResult.Divergence"/> (verdict
/// <see cref="Verdict.Diverged"/>), an exhausted step budget as its own fault (verdict fails). The numbers of the
/// stopped run are never reported.
/// </summary>
public sealed class DivergenceException : Exception
{
    /// <param name="message">Which run stopped and where, e.g. "sgd run d = 500, seed = … diverged at step 812 (t = 1.6)".</param>
    /// <param name="status">The run's status, when known: it tells a divergence from an exhausted step budget.</param>
    public DivergenceException(string message, RunStatus? status = null) : base(message) => Status = status;

    /// <summary>The status of the stopped run, or null.</summary>
    public RunStatus? Status { get; }

    /// <summary>The fault kind: <see cref="NumericalFault.StepBudget"/> or <see cref="NumericalFault.Diverged"/>.</summary>
    public string Kind => Status is { StepBudgetExhausted: true } ? NumericalFault.StepBudget : NumericalFault.Diverged;
}
