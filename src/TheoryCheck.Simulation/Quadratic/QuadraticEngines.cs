using TheoryCheck.Models.Quadratic;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Simulation.Quadratic;

/// <summary>The engines of the quadratic model: <c>full</c> (<see cref="QuadraticSgd"/>).</summary>
public static class QuadraticEngines
{
    /// <summary>Every quadratic engine by name, default first.</summary>
    public static EngineSet<QuadraticSimulationProblem, QuadraticRun> All { get; } = new(QuadraticModel.Id, new QuadraticSgd());
}
