namespace TheoryCheck.Comparison.Specs;

/// <summary>The comparison a spec claim makes (docs/specs.md): a rate, a value at T, or a spectral outlier check.</summary>
public abstract record SpecComparison;

/// <summary>
/// A sup-error rate: E_d = mean over seeds of sup_t max over the observables |sim − theory| against d, judged by the rate
/// check (the 95% CI of the fitted exponent contains <see cref="Exponent"/> and excludes 0) and E at the largest d ≤
/// <see cref="Bound"/>.
/// </summary>
/// <param name="Exponent">The predicted exponent (−½ for fluctuations, −1 for a bias).</param>
/// <param name="Bound">The bound on E at the largest d.</param>
public sealed record RateComparison(double Exponent, double Bound) : SpecComparison;

/// <summary>
/// A value at a time: the seed mean of the observable at <see cref="Time"/> at one d against the theory, within
/// ±<see cref="Tolerance"/>: holds when the 95% interval of the difference lies inside, fails when it lies outside,
/// inconclusive otherwise.
/// </summary>
/// <param name="Observable">The observable's name.</param>
/// <param name="Time">The time (on the grid).</param>
/// <param name="Tolerance">Absolute tolerance &gt; 0.</param>
public sealed record ValueComparison(string Observable, double Time, double Tolerance) : SpecComparison;

/// <summary>
/// Spectral outliers of the empirical test matrix at time <see cref="Time"/>: in every seed, the number of eigenvalues
/// above the predicted bulk edge equals <see cref="Outliers"/>, and each of the top <see cref="Outliers"/> is within
/// <see cref="LocationTolerance"/> (relative) of its predicted location.
/// </summary>
/// <param name="Matrix">hessian | g.</param>
/// <param name="Block">The block (model-specific name), or null for the full matrix.</param>
/// <param name="Time">Time T of the SGD iterate.</param>
/// <param name="SamplesRatio">φ: M = ⌈φ·d⌉ test samples.</param>
/// <param name="Outliers">The expected number of outliers.</param>
/// <param name="LocationTolerance">Relative tolerance of the locations, or null to check the count only.</param>
public sealed record SpectrumComparison(string Matrix, string? Block, double Time, double SamplesRatio, int Outliers, double? LocationTolerance) : SpecComparison;
