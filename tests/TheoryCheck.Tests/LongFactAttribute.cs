namespace TheoryCheck.Tests;

/// <summary>
/// A fact that runs only when the environment variable THEORYCHECK_LONG_TESTS is 1 (long statistical validations whose
/// numbers are written to docs/); skipped, and reported as skipped, otherwise, so the normal suite stays fast.
/// </summary>
public sealed class LongFactAttribute : FactAttribute
{
    /// <summary>The environment switch.</summary>
    public const string Variable = "THEORYCHECK_LONG_TESTS";

    /// <summary>Skips unless <see cref="Variable"/> is 1.</summary>
    public LongFactAttribute()
    {
        if (!Enabled) Skip = $"long test: set {Variable}=1 to run it";
    }

    /// <summary>Whether the long tests are switched on.</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";
}
