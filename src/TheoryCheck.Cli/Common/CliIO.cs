namespace TheoryCheck.Cli.Common;

/// <summary>
/// The streams a command writes to, and whether a terminal is attached to stderr (progress is shown only then).
/// Tests pass string writers; the real program passes the console.
/// </summary>
/// <param name="Out">Standard output: documents and tables.</param>
/// <param name="Error">Standard error: the one-line error message, progress.</param>
/// <param name="ErrorIsTerminal">True when stderr is an interactive terminal.</param>
public sealed record CliIO(TextWriter Out, TextWriter Error, bool ErrorIsTerminal)
{
    /// <summary>
    /// The environment variables the commands read (THEORYCHECK_BUDGET, THEORYCHECK_MEMORY_LIMIT, CI,
    /// THEORYCHECK_GOLDEN_UPDATE), or null for the process environment. Tests pass their own instead of changing the
    /// process's.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The value of environment variable <paramref name="name"/>, or null.</summary>
    public string? Variable(string name) =>
        Environment is null ? System.Environment.GetEnvironmentVariable(name) : Environment.GetValueOrDefault(name);

    /// <summary>The process console.</summary>
    public static CliIO Console => new(System.Console.Out, System.Console.Error, !System.Console.IsErrorRedirected);
}
