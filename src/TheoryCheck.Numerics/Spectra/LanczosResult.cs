namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// Result of <see cref="Lanczos.TopEigenpairs"/>: the wanted Ritz pairs (θ_i, v_i) of a symmetric operator A,
/// largest algebraic first, with explicitly recomputed residual norms ‖A v_i − θ_i v_i‖ and run statistics.
/// Ritz vectors follow the basis convention of this namespace: a list of unit column vectors of length n.
/// </summary>
public sealed record LanczosResult
{
    /// <summary>Dimension n of the operator.</summary>
    public required int Dimension { get; init; }

    /// <summary>Ritz values θ_1 ≥ θ_2 ≥ … (Rayleigh quotients v_iᵀAv_i of the returned vectors).</summary>
    public required IReadOnlyList<double> Values { get; init; }

    /// <summary>Ritz vectors v_i (unit norm, mutually orthogonal to working precision), same order as <see cref="Values"/>.</summary>
    public required IReadOnlyList<double[]> Vectors { get; init; }

    /// <summary>‖A v_i − θ_i v_i‖₂, recomputed with one product A·v_i per pair (not the Lanczos estimate).</summary>
    public required IReadOnlyList<double> ResidualNorms { get; init; }

    /// <summary>True when every pair has residual ≤ Tolerance · max(|θ_i|, <see cref="NormEstimate"/>).</summary>
    public required bool Converged { get; init; }

    /// <summary>
    /// True when a Lanczos cycle started from a fresh random vector orthogonal to the returned vectors found no
    /// Ritz value above the last returned θ (or the Krylov basis spanned all of ℝⁿ, which makes the result exact).
    /// False when the check was disabled or not reached.
    /// </summary>
    public required bool FreshStartCheckPassed { get; init; }

    /// <summary>Number of products A·x, including the ones for the explicit residuals.</summary>
    public required long MatvecCount { get; init; }

    /// <summary>Number of Lanczos expansion steps (one product each).</summary>
    public required int LanczosSteps { get; init; }

    /// <summary>Number of thick restarts (including the fresh-start check restarts).</summary>
    public required int Restarts { get; init; }

    /// <summary>Krylov dimension m used.</summary>
    public required int KrylovDimension { get; init; }

    /// <summary>Relative tolerance used for <see cref="Converged"/>.</summary>
    public required double Tolerance { get; init; }

    /// <summary>‖A‖_est: the largest |Ritz value| seen during the run (a lower estimate of ‖A‖₂).</summary>
    public required double NormEstimate { get; init; }

    /// <summary>Seed of the start vector.</summary>
    public required ulong StartVectorSeed { get; init; }

    /// <summary>Number of returned pairs.</summary>
    public int Count => Values.Count;

    /// <summary>The convergence threshold of pair i: Tolerance · max(|θ_i|, ‖A‖_est).</summary>
    public double ResidualBound(int index) => Tolerance * Math.Max(Math.Abs(Values[index]), NormEstimate);
}
