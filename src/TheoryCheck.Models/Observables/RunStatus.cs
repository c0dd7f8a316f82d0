namespace TheoryCheck.Models.Observables;

/// <summary>
/// How an engine run ended: completed, or diverged (a NaN/∞ appeared) at a given SGD step / time. A diverged
/// run keeps only the records before the divergence; its numbers are never reported past that point.
/// </summary>
/// <param name="Diverged">True when the state became non-finite.</param>
/// <param name="Step">SGD step (or ODE step index) at which the divergence was detected.</param>
/// <param name="Time">Model time at which it was detected.</param>
/// <param name="Message">What was detected, e.g. "non-finite parameter vector".</param>
public readonly record struct RunStatus(bool Diverged, long? Step, double? Time, string? Message)
{
    /// <summary>A run that completed.</summary>
    public static RunStatus Completed => new(false, null, null, null);

    /// <summary>A run that diverged at <paramref name="step"/> (time <paramref name="time"/>).</summary>
    public static RunStatus DivergedAt(long step, double time, string message) => new(true, step, time, message);

    /// <summary>One line for users.</summary>
    public override string ToString() =>
        Diverged ? $"diverged at step {Step} (t = {Time:G6}): {Message}" : "completed";
}
