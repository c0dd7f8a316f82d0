namespace TheoryCheck.Models;

/// <summary>
/// A user-facing input error (unknown model or parameter, out-of-range value, malformed scenario file).
/// The command line reports its message as one line on stderr and exits with code 2, writing nothing.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string message) : base(message) { }
}
