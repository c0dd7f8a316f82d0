using System.Diagnostics;

namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// Wall-clock time of a claim run split by phase (<see cref="ClaimResult.Timings"/>): the clock starts when created, and
/// each lap adds the seconds since the previous lap (or the start) to one phase. Time after the last lap is not counted
/// (the runner adds the claim's wall time as "total"). The phases "theory" and "simulation" are always present, in
/// that order; other phases (e.g. "spectra") follow in the order of their first lap.
/// </summary>
public sealed class PhaseClock
{
    /// <summary>Phase name of the theory side (limiting ODE, exact recursion, closed forms, figures built from them).</summary>
    public const string TheoryPhase = "theory";

    /// <summary>Phase name of the simulation side (SGD runs).</summary>
    public const string SimulationPhase = "simulation";

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, double> _seconds = new() { [TheoryPhase] = 0, [SimulationPhase] = 0 };

    /// <summary>Adds the time since the previous lap to "theory".</summary>
    public void LapTheory() => Lap(TheoryPhase);

    /// <summary>Adds the time since the previous lap to "simulation".</summary>
    public void LapSimulation() => Lap(SimulationPhase);

    /// <summary>Adds the time since the previous lap to <paramref name="phase"/> (created at 0 on its first lap).</summary>
    public void Lap(string phase)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phase);
        double seconds = _clock.Elapsed.TotalSeconds;
        _clock.Restart();
        _seconds[phase] = _seconds.GetValueOrDefault(phase) + seconds;
    }

    /// <summary>A copy of the seconds per phase so far (later laps do not change it).</summary>
    public Dictionary<string, double> Timings => new(_seconds);
}
