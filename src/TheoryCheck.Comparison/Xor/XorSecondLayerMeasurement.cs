using TheoryCheck.Simulation.Xor;

namespace TheoryCheck.Comparison.Xor;

/// <summary>
/// The second-layer spectra of one SGD run at T (xor.md §9.3–§9.4): Ĥ_vv and Ĝ_vv on M = ⌈φd⌉ fresh test samples (β
/// excluded) and the number of clusters the run's own statistics cover (xor.md §7.3, τ = 0.05).
/// </summary>
/// <param name="Start">Label of the start.</param>
/// <param name="Replicate">Replicate index.</param>
/// <param name="Seed">Replicate seed.</param>
/// <param name="Hessian">Ĥ_vv spectrum (with the empirical accuracy on the same samples).</param>
/// <param name="G">Ĝ_vv spectrum.</param>
/// <param name="Covered">Covered clusters of the run's statistics at T.</param>
public sealed record XorSecondLayerMeasurement(string Start, int Replicate, ulong Seed, XorSecondLayerSpectrum Hessian, XorSecondLayerSpectrum G, int Covered);
