using TheoryCheck.Models.Xor;

namespace TheoryCheck.Theory.Xor;

/// <summary>Solution of the λ → ∞ reduced xor ODE (xor.md §7.1) on a time grid, integrated by fixed-step RK4.</summary>
/// <param name="Times">Grid times.</param>
/// <param name="States">Statistics at the grid times (R⊥ = e^{−2βt}R⊥(0)).</param>
/// <param name="Step">RK4 step.</param>
/// <param name="Steps">RK4 steps taken.</param>
public sealed record XorReducedSolution(double[] Times, XorStatistics[] States, double Step, long Steps)
{
    /// <summary>The final state.</summary>
    public XorStatistics FinalState => States[^1];
}
