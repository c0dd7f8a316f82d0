using TheoryCheck.Models.Kgmm;
using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Theory.Kgmm;

/// <summary>Solution of the λ → ∞ reduced ODE (kgmm.md §8.1) on a grid, with the integrator diagnostics.</summary>
/// <param name="Times">Grid times reached.</param>
/// <param name="States">(m, R = m mᵀ + e^{−2βt} I) at each time.</param>
/// <param name="Status">Integrator outcome.</param>
/// <param name="Statistics">RHS evaluations and steps.</param>
public sealed record KgmmReducedSolution(double[] Times, KgmmStatistics[] States, OdeStatus Status, OdeStatistics Statistics);
