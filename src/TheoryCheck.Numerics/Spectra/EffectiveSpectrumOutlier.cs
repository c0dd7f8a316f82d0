namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// One predicted outlier of a weighted sample second-moment matrix (kgmm.md §11): the eigenvalue z_j &gt; z₊, the
/// Stieltjes value S_j with z(S_j) = z_j, and the limit r̃_j of the S-coordinates of the empirical unit eigenvector
/// (up to sign).
/// </summary>
/// <param name="Eigenvalue">Predicted outlier location z_j.</param>
/// <param name="Stieltjes">S_j ∈ (S_*, 0) with det(z_j I − F(S_j)) = 0.</param>
/// <param name="Coordinates">r̃_j (length q) in the orthonormal basis of the low-rank subspace S.</param>
/// <param name="Multiplicity">Dimension of the kernel this outlier belongs to (1 unless eigenvalues coincide).</param>
public sealed record EffectiveSpectrumOutlier(double Eigenvalue, double Stieltjes, double[] Coordinates, int Multiplicity)
{
    /// <summary>Predicted squared overlap ‖r̃_j‖² of the empirical eigenvector with S (&lt; 1).</summary>
    public double SquaredOverlap => Coordinates.Sum(x => x * x);
}
