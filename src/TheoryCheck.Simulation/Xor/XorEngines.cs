using TheoryCheck.Models.Xor;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// The engines of xor (design.md, "Engines"): <c>full</c> (<see cref="XorSgd"/>, the d-dimensional first layer, default)
/// and <c>subspace</c> (<see cref="XorSubspaceSgd"/>, the exact moving-frame engine of docs/theory/subspace.md §10: cost
/// per step independent of d, statistics only — spectral claims need <c>full</c>).
/// </summary>
public static class XorEngines
{
    /// <summary>Every xor engine by name, default first.</summary>
    public static EngineSet<XorSimulationProblem, XorRun> All { get; } = new(XorModel.Id, new XorSgd(), new XorSubspaceSgd());
}
