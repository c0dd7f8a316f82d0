using TheoryCheck.Models.Xor;

namespace TheoryCheck.Comparison.Xor;

/// <summary>
/// One start of a <see cref="XorSecondLayerStudy"/>: a labelled parameter set (its seeds are keyed by the label), the
/// dimension, replicates and final time of its SGD runs. Warm starts carry the ODE-side prediction; random starts
/// (xor.md §3, §8) have none and are reported only.
/// </summary>
/// <param name="Label">Seed label and name in the result, e.g. <c>start=good</c>.</param>
/// <param name="Parameters">Model parameters (init warm or random).</param>
/// <param name="Dimension">d of the SGD runs.</param>
/// <param name="Seeds">Replicates.</param>
/// <param name="End">Time T of the spectra.</param>
public sealed record XorSecondLayerStart(string Label, XorParameters Parameters, int Dimension, int Seeds, double End)
{
    /// <summary>True for a warm start: the ODE state at T and the prediction of xor.md §9.3 exist.</summary>
    public bool HasTheory => Parameters.Init == XorInitialisation.Warm;
}
