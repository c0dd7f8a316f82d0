using TheoryCheck.Models.Xor;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// The engines of xor (design.md, "Engines"): <c>full</c> (<see cref="XorSgd"/>, the d-dimensional first layer, default).
/// No subspace engine exists for xor yet.
/// </summary>
public static class XorEngines
{
    /// <summary>Every xor engine by name, default first.</summary>
    public static EngineSet<XorSimulationProblem, XorRun> All { get; } = new(XorModel.Id, new XorSgd());
}
