using TheoryCheck.Models.Xor;

namespace TheoryCheck.Theory.Xor;

/// <summary>
/// The population second-layer matrix H_vv − βI or G_vv at a state (xor.md §9.3; K×K, no high-dimensional bulk, so the
/// empirical matrix with M = φd samples converges to it): eigenvalues, the number of order-one outliers, the
/// alignment of v with the top-4 space E_4 and with the λ = ∞ span{g(Wμ), g(−Wμ), g(Wν), g(−Wν)}.
/// </summary>
public sealed record XorSecondLayerPrediction
{
    /// <summary>Hessian or G.</summary>
    public required XorMatrixKind Kind { get; init; }

    /// <summary>The matrix (K×K row-major, β excluded).</summary>
    public required double[] Matrix { get; init; }

    /// <summary>Eigenvalues, descending.</summary>
    public required double[] Eigenvalues { get; init; }

    /// <summary>Unit eigenvectors, same order (each of length K).</summary>
    public required double[][] Eigenvectors { get; init; }

    /// <summary>Largest standard error of the matrix entries over the scramblings (NaN with one).</summary>
    public required double StandardError { get; init; }

    /// <summary>Relative threshold of <see cref="OutlierCount"/>: eigenvalues above this fraction of the largest count (claims.md §2.5: 0.1).</summary>
    public required double OutlierThreshold { get; init; }

    /// <summary>Number of eigenvalues above <see cref="OutlierThreshold"/> × the largest: the order-one outliers (= covered clusters at a fixed point).</summary>
    public required int OutlierCount { get; init; }

    /// <summary>err(v, E_n) = ‖v − ΠE_n v‖/‖v‖ with E_n the top-min(4, K) eigenvectors (0 for K ≤ 4).</summary>
    public required double AlignmentError { get; init; }

    /// <summary>err(v, span{g(±Wμ), g(±Wν)}) from the statistics (0 at every fixed point, xor.md §9.3).</summary>
    public required double ClusterSpanAlignmentError { get; init; }

    /// <summary>Description of the QMC rule.</summary>
    public required string RuleName { get; init; }
}
