namespace TheoryCheck.Cli.Common;

/// <summary>
/// Progress shown on stderr only when it is a terminal: a single line rewritten in place (carriage return),
/// cleared when done. With stderr redirected it prints nothing, so logs stay clean.
/// </summary>
public sealed class StderrProgress : IProgress<string>, IProgress<double>, IDisposable
{
    private readonly CliIO _io;
    private readonly string _prefix;
    private readonly object _gate = new();
    private int _lastLength;
    private long _lastTicks;

    public StderrProgress(CliIO io, string prefix)
    {
        _io = io;
        _prefix = prefix;
    }

    /// <summary>Shows a message.</summary>
    public void Report(string value) => Write(value, force: true);

    /// <summary>Shows a fraction done (0–1), at most ~10 times a second.</summary>
    public void Report(double value) => Write($"{Math.Clamp(value, 0, 1) * 100:F0}%", force: false);

    private void Write(string message, bool force)
    {
        if (!_io.ErrorIsTerminal) return;
        lock (_gate)
        {
            long now = Environment.TickCount64;
            if (!force && now - _lastTicks < 100) return;
            _lastTicks = now;
            string line = $"{_prefix}: {message}";
            if (line.Length > 110) line = line[..107] + "...";
            _io.Error.Write("\r" + line.PadRight(_lastLength));
            _lastLength = line.Length;
        }
    }

    /// <summary>Clears the progress line.</summary>
    public void Dispose()
    {
        if (!_io.ErrorIsTerminal || _lastLength == 0) return;
        lock (_gate) _io.Error.Write("\r" + new string(' ', _lastLength) + "\r");
    }
}
