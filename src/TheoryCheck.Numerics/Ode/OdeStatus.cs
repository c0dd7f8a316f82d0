namespace TheoryCheck.Numerics.Ode;

/// <summary>How an integration ended. Only <see cref="Success"/> and <see cref="StoppedByEvent"/> are normal ends.</summary>
public enum OdeStatus
{
    /// <summary>The integration reached EndTime.</summary>
    Success = 0,

    /// <summary>The step budget <see cref="OdeOptions.MaxSteps"/> (accepted plus rejected attempts) ran out first.</summary>
    MaxStepsExceeded = 1,

    /// <summary>The adaptive step size fell below the resolution of t (typically a singularity or finite-time blow-up).</summary>
    StepSizeTooSmall = 2,

    /// <summary>The right-hand side or the new state became NaN or ±∞ and no smaller step recovered.</summary>
    NonFiniteState = 3,

    /// <summary>A terminal <see cref="OdeEvent"/> fired; the last output point is the located event.</summary>
    StoppedByEvent = 4,
}
