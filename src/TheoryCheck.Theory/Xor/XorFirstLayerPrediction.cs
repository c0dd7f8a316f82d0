using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Spectra;

namespace TheoryCheck.Theory.Xor;

/// <summary>
/// Effective spectral prediction for the empirical first-layer block Ĥ_{W_iW_i} or Ĝ_{W_iW_i} (β excluded) with
/// M = φd test samples at a state (xor.md §9.2): outliers, bulk edges, the limits r̃ of the outlier eigenvectors'
/// S-coordinates, the predicted alignment error err_pred of W_i with the top-n space and the predicted cos² of the
/// principal angles between that space and span(μ, ν), plus the population block of §9.1.
/// </summary>
public sealed record XorFirstLayerPrediction
{
    /// <summary>Hessian or G.</summary>
    public required XorMatrixKind Kind { get; init; }

    /// <summary>0-based neuron i.</summary>
    public required int Neuron { get; init; }

    /// <summary>φ = M/d.</summary>
    public required double SamplesRatio { get; init; }

    /// <summary>n, the size of the top eigenspace (2 for the first layer, xor.md §10).</summary>
    public required int Top { get; init; }

    /// <summary>The solved effective spectrum (outliers, edges).</summary>
    public required EffectiveSpectrumResult Spectrum { get; init; }

    /// <summary>err_pred = √(1 − Σ_{j≤n}(r̃_jᵀX̃_{·i})²/‖X̃_{·i}‖²).</summary>
    public required double AlignmentError { get; init; }

    /// <summary>
    /// Predicted cos² of the principal angles (descending) between the top-n empirical eigenspace and span(μ, ν): the
    /// squared singular values of the n×2 matrix of the (μ, ν)-coordinates of r̃_1..r̃_n (the empirical eigenvectors are
    /// orthonormal, so these coordinates are their inner products with μ and ν).
    /// </summary>
    public required double[] MuNuCosinesSquared { get; init; }

    /// <summary>The population block (eigenvalues of K_i and the bulk level E[h]/λ).</summary>
    public required XorFirstLayerBlock Population { get; init; }

    /// <summary>Largest block standard error (SD/√R over the scramblings) of the outliers, the edge and err_pred (NaN if not estimated).</summary>
    public double QmcErrorEstimate { get; init; } = double.NaN;

    /// <summary>Description of the QMC rule.</summary>
    public required string RuleName { get; init; }

    /// <summary>Predicted outlier locations, largest first.</summary>
    public double[] OutlierEigenvalues => Spectrum.OutlierEigenvalues;

    /// <summary>Right bulk edge z₊ of the limiting spectral distribution (h_sup = the essential supremum of h).</summary>
    public double UpperEdge => Spectrum.UpperEdge;

    /// <summary>
    /// The visible edge: z₊ with h_sup replaced by the largest weight among the QMC nodes (kgmm.md §11 as written). When
    /// the true edge is a support-boundary edge carried by exponentially rare samples (the G blocks: e² → 1 only for
    /// grossly misclassified samples), finite-d spectra show this edge instead (xor.md §9.2: G third eigenvalue
    /// 0.0029–0.0031 at d = 800 against 0.0030 here and 0.0089 for the support edge). Depends weakly on N.
    /// </summary>
    public required double VisibleEdge { get; init; }
}
