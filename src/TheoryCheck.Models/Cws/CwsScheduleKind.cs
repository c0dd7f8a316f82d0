namespace TheoryCheck.Models.Cws;

/// <summary>The shape of the learning-rate schedule γ(t) (docs/theory/cws.md §3.2; parameter <c>schedule</c>).</summary>
public enum CwsScheduleKind
{
    /// <summary><c>constant</c>: γ(t) = γ₀.</summary>
    Constant,

    /// <summary><c>power</c>: γ(t) = γ₀/(1 + t/t₀)^a (parameters <c>t0</c>, <c>decay</c> = a).</summary>
    Power,

    /// <summary><c>piecewise</c>: γ(t) = γ₀ before the first milestone t_1, then γ_j on [t_j, t_{j+1}) (parameters <c>steps</c>, <c>step_gammas</c>).</summary>
    Piecewise,
}
