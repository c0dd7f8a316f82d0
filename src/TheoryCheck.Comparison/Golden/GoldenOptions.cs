namespace TheoryCheck.Comparison.Golden;

/// <summary>
/// How a <see cref="GoldenStore"/> treats differences and missing files.
/// </summary>
/// <param name="UpdateMode">Write every received snapshot as the verified one (and delete .received.json).</param>
/// <param name="FailOnMissing">A missing verified file is a failure (CI) instead of being created.</param>
public sealed record GoldenOptions(bool UpdateMode = false, bool FailOnMissing = false)
{
    /// <summary>Environment variable that turns on update mode when set to 1 or true.</summary>
    public const string UpdateVariable = "THEORYCHECK_GOLDEN_UPDATE";

    /// <summary>
    /// Options from the environment: <see cref="FailOnMissing"/> when CI is true/1 (as set by CI services);
    /// <see cref="UpdateMode"/> when THEORYCHECK_GOLDEN_UPDATE is 1/true and CI is not — under CI a verification never
    /// rewrites a golden, whatever the environment says.
    /// </summary>
    public static GoldenOptions FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="FromEnvironment"/>, reading the variables through <paramref name="variable"/>.</summary>
    public static GoldenOptions FromVariables(Func<string, string?> variable)
    {
        bool ci = IsOn(variable("CI"));
        return new(IsOn(variable(UpdateVariable)) && !ci, ci);
    }

    private static bool IsOn(string? value) =>
        value is not null && (value.Trim() == "1" || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));
}
