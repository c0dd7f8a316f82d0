using TheoryCheck.Models.Cws;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Simulation.Cws;

/// <summary>The engines of cws (design.md, "Engines"): <c>full</c> (<see cref="CwsSgd"/>, default).</summary>
public static class CwsEngines
{
    /// <summary>Every cws engine by name, default first.</summary>
    public static EngineSet<CwsSimulationProblem, CwsRun> All { get; } = new(CwsModel.Id, new CwsSgd());
}
