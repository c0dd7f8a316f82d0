namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// A located event: the time t* where g(t*, u(t*)) = 0 (to root-finding precision on the dense interpolant),
/// the interpolated state u(t*), the index of the event in <see cref="OdeProblem.Events"/>, and whether g was
/// rising or falling there (along the direction of integration).
/// </summary>
/// <param name="Time">Event time t*.</param>
/// <param name="State">Interpolated state u(t*) (a copy owned by the solution).</param>
/// <param name="EventIndex">Index into <see cref="OdeProblem.Events"/>.</param>
/// <param name="Crossing"><see cref="EventDirection.Rising"/> or <see cref="EventDirection.Falling"/>.</param>
public sealed record OdeEventOccurrence(double Time, double[] State, int EventIndex, EventDirection Crossing);
