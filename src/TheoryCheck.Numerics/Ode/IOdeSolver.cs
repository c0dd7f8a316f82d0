namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// An ODE integration algorithm: solves u′ = f(t, u), u(t₀) = u₀ on [t₀, T] (or backwards when T &lt; t₀).
/// Invalid arguments throw <see cref="ArgumentException"/>; numerical failures never throw, they are reported
/// by <see cref="OdeSolution.Status"/> (exceptions thrown by the right-hand side itself propagate). Solver instances
/// are immutable and keep no state between calls, so one instance may serve concurrent solves.
/// </summary>
public interface IOdeSolver
{
    /// <summary>Name recorded in every solution (e.g. "DormandPrince54").</summary>
    string Name { get; }

    /// <summary>Classical order p of the propagated solution (global error O(hᵖ)).</summary>
    int Order { get; }

    /// <summary>Integrates <paramref name="problem"/> with <paramref name="options"/>.</summary>
    OdeSolution Solve(OdeProblem problem, OdeOptions options);
}
