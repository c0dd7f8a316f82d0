namespace TheoryCheck.Models.Observables;

/// <summary>
/// How an engine run or solve ended: completed, or stopped early at a given SGD step (or ODE step index) and time —
/// because it diverged (a NaN/∞ appeared) or because an adaptive solver used its whole step budget
/// (<see cref="StepBudgetExhausted"/>, typically a stiff ODE). A run that stopped early keeps only the records before
/// the stop; its numbers are never reported past that point.
/// </summary>
/// <param name="Diverged">True when the run stopped before its final time: its state became non-finite, or (with
/// <see cref="StepBudgetExhausted"/>) its step budget ran out. Either way the records end there.</param>
/// <param name="Step">SGD step (or ODE step index) at which the stop was detected.</param>
/// <param name="Time">Model time at which it was detected.</param>
/// <param name="Message">What was detected, e.g. "non-finite parameter vector".</param>
public readonly record struct RunStatus(bool Diverged, long? Step, double? Time, string? Message)
{
    /// <summary>True when the run stopped because its step budget ran out, not because its state diverged.</summary>
    public bool StepBudgetExhausted { get; init; }

    /// <summary>The state name of the documents: <c>completed</c>, <c>diverged</c> or <c>step-budget</c>.</summary>
    public string State => !Diverged ? "completed" : StepBudgetExhausted ? NumericalFault.StepBudget : NumericalFault.Diverged;

    /// <summary>A run that completed.</summary>
    public static RunStatus Completed => new(false, null, null, null);

    /// <summary>A run that diverged at <paramref name="step"/> (time <paramref name="time"/>).</summary>
    public static RunStatus DivergedAt(long step, double time, string message) => new(true, step, time, message);

    /// <summary>A solve whose step budget ran out at <paramref name="step"/> (time <paramref name="time"/>) before its final time.</summary>
    public static RunStatus StepBudgetExhaustedAt(long step, double time, string message) => new(true, step, time, message) { StepBudgetExhausted = true };

    /// <summary>One line for users.</summary>
    public override string ToString() =>
        !Diverged ? "completed"
        : $"{(StepBudgetExhausted ? "stopped (step budget exhausted)" : "diverged")} at step {Step} (t = {Time:G6}): {Message}";
}
