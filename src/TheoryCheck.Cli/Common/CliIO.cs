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
    /// <summary>The process console.</summary>
    public static CliIO Console => new(System.Console.Out, System.Console.Error, !System.Console.IsErrorRedirected);
}
