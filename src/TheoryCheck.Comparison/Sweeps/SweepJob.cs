namespace TheoryCheck.Comparison.Sweeps;

/// <summary>One replicate of a d × seed sweep: size d, replicate index s and its seed (keyed by (claim, label, d, s)).</summary>
/// <param name="Dimension">Data dimension d.</param>
/// <param name="SizeIndex">Index of d in the plan's sizes.</param>
/// <param name="Replicate">Replicate index s (0-based).</param>
/// <param name="Seed">The replicate's seed (<see cref="Claims.ClaimContext.ReplicateSeed"/>).</param>
public readonly record struct SweepJob(int Dimension, int SizeIndex, int Replicate, ulong Seed);
