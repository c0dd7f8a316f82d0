namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// The initial-value problem u′(t) = f(t, u), u(t₀) = u₀, to be integrated from t₀ = <see cref="StartTime"/> to
/// T = <see cref="EndTime"/>. T &lt; t₀ integrates backwards; T = t₀ gives the one-point solution u₀.
/// Times must be finite and u₀ non-empty and finite. The initial state is copied.
/// </summary>
/// <param name="Rhs">The right-hand side f.</param>
/// <param name="InitialState">u₀ (copied).</param>
/// <param name="StartTime">t₀.</param>
/// <param name="EndTime">T.</param>
public sealed record OdeProblem(OdeFunction Rhs, double[] InitialState, double StartTime, double EndTime)
{
    /// <summary>The right-hand side f(t, u).</summary>
    public OdeFunction Rhs { get; init => field = ValidateRhs(value); } = ValidateRhs(Rhs);

    /// <summary>The initial state u₀ (a private copy; do not modify).</summary>
    public double[] InitialState { get; init => field = ValidateState(value); } = ValidateState(InitialState);

    /// <summary>The start time t₀.</summary>
    public double StartTime { get; init => field = ValidateTime(value, nameof(StartTime)); } = ValidateTime(StartTime, nameof(StartTime));

    /// <summary>The end time T.</summary>
    public double EndTime { get; init => field = ValidateTime(value, nameof(EndTime)); } = ValidateTime(EndTime, nameof(EndTime));

    /// <summary>Events g(t, u) = 0 to locate during the integration (empty by default).</summary>
    public IReadOnlyList<OdeEvent> Events { get; init => field = ValidateEvents(value); } = [];

    /// <summary>Dimension n of the state.</summary>
    public int Dimension => InitialState.Length;

    private static OdeFunction ValidateRhs(OdeFunction rhs) =>
        rhs ?? throw new ArgumentNullException(nameof(Rhs), "An ODE problem needs a right-hand side f(t, u).");

    private static double[] ValidateState(double[] state)
    {
        ArgumentNullException.ThrowIfNull(state, nameof(InitialState));
        if (state.Length == 0)
        {
            throw new ArgumentException("The initial state must have at least one component.", nameof(InitialState));
        }

        for (int i = 0; i < state.Length; i++)
        {
            if (!double.IsFinite(state[i]))
            {
                throw new ArgumentException($"Initial state component {i} is {state[i]}; it must be finite.", nameof(InitialState));
            }
        }

        return (double[])state.Clone();
    }

    private static double ValidateTime(double time, string name) =>
        double.IsFinite(time) ? time : throw new ArgumentException($"{name} is {time}; it must be finite.", name);

    private static IReadOnlyList<OdeEvent> ValidateEvents(IReadOnlyList<OdeEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events, nameof(Events));
        var copy = new OdeEvent[events.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = events[i] ?? throw new ArgumentException($"Event {i} is null.", nameof(Events));
        }

        return copy;
    }
}
