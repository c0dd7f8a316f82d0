namespace TheoryCheck.Tests.Comparison;

/// <summary>
/// Tests that set or read process environment variables (CI, THEORYCHECK_GOLDEN_UPDATE) run alone, so a
/// temporarily set variable never leaks into another test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}
