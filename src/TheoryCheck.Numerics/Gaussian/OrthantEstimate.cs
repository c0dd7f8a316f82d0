namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// An orthant probability P(W &gt; 0), W ~ N(μ, Σ), with its error diagnostics (kgmm.md §6.4).
/// </summary>
/// <param name="Value">The probability.</param>
/// <param name="StandardError">Standard error over the randomised lattice shifts (0 for the closed forms n ≤ 2).</param>
/// <param name="Points">Number of lattice points used (0 for the closed forms n ≤ 2).</param>
public readonly record struct OrthantEstimate(double Value, double StandardError, int Points);
