using System.Diagnostics;
using System.Globalization;

namespace TheoryCheck.Cli.Common;

/// <summary>
/// Progress on stderr (<see cref="ProgressMode"/>): on a terminal a single line rewritten in place (carriage return),
/// cleared when done; in plain mode (the default when stderr is not a terminal) one line per message, prefixed with the
/// UTC time and the elapsed time, so batch logs show claim i/n, cells done/total and an ETA; in none mode nothing.
/// </summary>
public sealed class StderrProgress : IProgress<string>, IProgress<double>, IDisposable
{
    private readonly CliIO _io;
    private readonly string _prefix;
    private readonly bool _inPlace;
    private readonly bool _plain;
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _lastLength;
    private int _lastTenth = -1;
    private long _lastTicks;

    public StderrProgress(CliIO io, string prefix, ProgressMode mode = ProgressMode.Auto)
    {
        _io = io;
        _prefix = prefix;
        _inPlace = mode == ProgressMode.Auto && io.ErrorIsTerminal;
        _plain = mode == ProgressMode.Plain || (mode == ProgressMode.Auto && !io.ErrorIsTerminal);
    }

    /// <summary>Shows a message.</summary>
    public void Report(string value) => Write(value, force: true);

    /// <summary>Shows a fraction done (0–1), at most ~10 times a second on a terminal and every 10% in plain mode.</summary>
    public void Report(double value)
    {
        if (_plain)
        {
            int tenth = (int)Math.Floor(Math.Clamp(value, 0, 1) * 10);
            lock (_gate)
            {
                if (tenth <= _lastTenth) return;
                _lastTenth = tenth;
            }
        }
        Write($"{Math.Clamp(value, 0, 1) * 100:F0}%", force: _plain);
    }

    private void Write(string message, bool force)
    {
        if (_plain)
        {
            lock (_gate)
                _io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} +{_clock.Elapsed.TotalSeconds:F0}s {_prefix}: {message}"));
            return;
        }
        if (!_inPlace) return;
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
        if (!_inPlace || _lastLength == 0) return;
        lock (_gate) _io.Error.Write("\r" + new string(' ', _lastLength) + "\r");
    }
}
