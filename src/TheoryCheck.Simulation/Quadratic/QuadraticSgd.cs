using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Simulation.Quadratic;

/// <summary>The quadratic's full engine (<c>full</c>): one <see cref="QuadraticEngine"/> run recorded at the problem's steps (quadratic.md §1).</summary>
public sealed class QuadraticSgd : ISimulationEngine<QuadraticSimulationProblem, QuadraticRun>
{
    /// <inheritdoc/>
    public string Name => EngineNames.Full;

    /// <inheritdoc/>
    public QuadraticRun Run(QuadraticSimulationProblem problem, CancellationToken cancellationToken = default) =>
        QuadraticSimulator.Run(problem.Parameters, problem.Seed, problem.Steps);
}
