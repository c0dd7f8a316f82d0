using TheoryCheck.Models.Cws;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Simulation.Cws;

/// <summary>
/// The engines of cws (design.md, "Engines"): <c>full</c> (<see cref="CwsSgd"/>, the d-dimensional iterate, default) and
/// <c>subspace</c> (<see cref="CwsSubspaceSgd"/>, the exact frame engine of docs/theory/subspace.md §11: cost per step
/// independent of d, isotropic and zero-one only, statistics only — no final iterate).
/// </summary>
public static class CwsEngines
{
    /// <summary>Every cws engine by name, default first.</summary>
    public static EngineSet<CwsSimulationProblem, CwsRun> All { get; } = new(CwsModel.Id, new CwsSgd(), new CwsSubspaceSgd());
}
