namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// All eigenpairs A u_i = λ_i u_i of a dense symmetric n×n matrix, λ_1 ≥ … ≥ λ_n, with orthonormal eigenvectors
/// (list of column vectors of length n) and the largest residual max_i ‖A u_i − λ_i u_i‖ as a diagnostic.
/// </summary>
public sealed record DenseEigenDecomposition
{
    /// <summary>Dimension n.</summary>
    public required int Dimension { get; init; }

    /// <summary>Eigenvalues λ_1 ≥ … ≥ λ_n.</summary>
    public required IReadOnlyList<double> Values { get; init; }

    /// <summary>Orthonormal eigenvectors u_i (unit columns of length n), same order as <see cref="Values"/>.</summary>
    public required IReadOnlyList<double[]> Vectors { get; init; }

    /// <summary>max_i ‖A u_i − λ_i u_i‖₂ recomputed from the matrix (O(n³)).</summary>
    public required double MaxResidualNorm { get; init; }

    /// <summary>The first <paramref name="count"/> eigenvectors (top-count eigenbasis).</summary>
    public IReadOnlyList<double[]> TopVectors(int count) =>
        count >= 0 && count <= Dimension
            ? Vectors.Take(count).ToArray()
            : throw new ArgumentException($"Count must be in [0, {Dimension}], got {count}.", nameof(count));
}
