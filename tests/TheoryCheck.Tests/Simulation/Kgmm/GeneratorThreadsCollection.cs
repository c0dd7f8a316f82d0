namespace TheoryCheck.Tests.Simulation.Kgmm;

/// <summary>
/// Tests that count the live generator workers of the process (<c>StepNormalPipeline.LiveWorkers</c>) run alone, so
/// that no other test's two-thread run is counted.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GeneratorThreadsCollection
{
    public const string Name = "generator threads";
}
