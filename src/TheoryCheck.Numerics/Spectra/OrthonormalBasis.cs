namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// Result of <see cref="SubspaceMetrics.Orthonormalize"/>: orthonormal column vectors spanning the numerical span of
/// the input vectors, with the indices of the inputs found linearly dependent on the previous ones (dropped).
/// </summary>
public sealed record OrthonormalBasis
{
    /// <summary>Orthonormal vectors q_1, …, q_r (unit columns of length n), r = <see cref="Rank"/>.</summary>
    public required IReadOnlyList<double[]> Vectors { get; init; }

    /// <summary>Number of input vectors.</summary>
    public required int InputCount { get; init; }

    /// <summary>Indices of the input vectors whose component orthogonal to the earlier ones was below the rank tolerance.</summary>
    public required IReadOnlyList<int> DependentIndices { get; init; }

    /// <summary>Relative rank tolerance used.</summary>
    public required double RankTolerance { get; init; }

    /// <summary>Numerical rank r of the input (number of orthonormal vectors).</summary>
    public int Rank => Vectors.Count;
}
