using TheoryCheck.Models.Quadratic;

namespace TheoryCheck.Simulation.Quadratic;

/// <summary>One quadratic run to simulate (quadratic.md §1): validated parameters, the seed, and the steps to record (ascending).</summary>
/// <param name="Parameters">Model parameters (d, k, λ_D, λ_B, η, noise, method, …).</param>
/// <param name="Seed">Replicate seed.</param>
/// <param name="Steps">Recorded steps, strictly increasing, ≥ 0.</param>
public sealed record QuadraticSimulationProblem(QuadraticParameters Parameters, ulong Seed, IReadOnlyList<long> Steps);
