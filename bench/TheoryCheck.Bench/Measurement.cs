namespace TheoryCheck.Bench;

/// <summary>Best-of-repeats time of one call: wall-clock seconds, thread-CPU seconds, and the calls per repeat.</summary>
/// <param name="WallSeconds">Wall-clock seconds per call (best repeat).</param>
/// <param name="CpuSeconds">Thread-CPU seconds per call (best repeat).</param>
/// <param name="Loops">Calls per repeat.</param>
internal readonly record struct Measurement(double WallSeconds, double CpuSeconds, long Loops);
