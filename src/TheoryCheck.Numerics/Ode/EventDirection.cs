namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// Which sign changes of an event function g(t, u) count as events, as the integration proceeds
/// (from StartTime towards EndTime, so "rising" means g increases along the direction of integration).
/// </summary>
public enum EventDirection
{
    /// <summary>Both rising (g: − → +) and falling (g: + → −) crossings.</summary>
    Both = 0,

    /// <summary>Only crossings where g goes from negative to non-negative.</summary>
    Rising = 1,

    /// <summary>Only crossings where g goes from positive to non-positive.</summary>
    Falling = 2,
}
