using TheoryCheck.Models.Kgmm;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>The engines of kgmm (design.md, "Engines"): <c>full</c> (<see cref="KgmmSgd"/>, default) and <c>subspace</c> (<see cref="KgmmSubspaceSgd"/>, docs/theory/subspace.md).</summary>
public static class KgmmEngines
{
    /// <summary>Every kgmm engine by name, default first.</summary>
    public static EngineSet<KgmmSimulationProblem, KgmmRun> All { get; } = new(KgmmModel.Id, new KgmmSgd(), new KgmmSubspaceSgd());
}
