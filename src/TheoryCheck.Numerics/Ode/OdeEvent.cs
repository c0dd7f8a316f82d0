namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// An event g(t, u) = 0 watched during the integration. Within each accepted step [tₐ, t_b] a crossing is a sign
/// change from g(tₐ) &lt; 0 to g(t_b) ≥ 0 (rising) or from g(tₐ) &gt; 0 to g(t_b) ≤ 0 (falling); its time is
/// located by Brent's method on g(t, ũ(t)) where ũ is the step's dense-output interpolant, so the event time is
/// as accurate as the interpolant (≈ the tolerances). An even number of roots inside one step is not detected
/// (cap <see cref="OdeOptions.MaxStep"/> if that matters). A root exactly at the start time is not an event.
/// </summary>
/// <param name="Condition">The event function g(t, u); must not keep the span.</param>
/// <param name="Direction">Which crossings count.</param>
/// <param name="Terminal">When true the integration stops at the first such event (status StoppedByEvent).</param>
public sealed record OdeEvent(
    Func<double, ReadOnlySpan<double>, double> Condition,
    EventDirection Direction = EventDirection.Both,
    bool Terminal = false)
{
    /// <summary>The event function g(t, u).</summary>
    public Func<double, ReadOnlySpan<double>, double> Condition { get; init => field = ValidateCondition(value); }
        = ValidateCondition(Condition);

    /// <summary>Which crossings count.</summary>
    public EventDirection Direction { get; init => field = ValidateDirection(value); } = ValidateDirection(Direction);

    private static Func<double, ReadOnlySpan<double>, double> ValidateCondition(Func<double, ReadOnlySpan<double>, double> condition) =>
        condition ?? throw new ArgumentNullException(nameof(Condition), "An ODE event needs a condition function g(t, u).");

    private static EventDirection ValidateDirection(EventDirection direction) =>
        Enum.IsDefined(direction)
            ? direction
            : throw new ArgumentException($"Unknown event direction {(int)direction}.", nameof(Direction));
}
