namespace TheoryCheck.Theory.Quadratic;

/// <summary>
/// A group of <paramref name="Multiplicity"/> independent Gaussian gradient coordinates sharing the weight
/// w = λ²v (so λe ~ N(0, w)), in the dominant block or not (quadratic.md §3). A two-level spectrum is two groups
/// with multiplicities k and d − k.
/// </summary>
/// <param name="Weight">w_i = λ_i² v_i ≥ 0.</param>
/// <param name="Multiplicity">Number of coordinates (≥ 0; real so that large d needs no special casing).</param>
/// <param name="Dominant">True for coordinates of D.</param>
public readonly record struct WeightGroup(double Weight, double Multiplicity, bool Dominant);
