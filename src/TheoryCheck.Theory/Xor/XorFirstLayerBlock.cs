namespace TheoryCheck.Theory.Xor;

/// <summary>
/// The population first-layer block H_{W_iW_i} − βI = v_i² E[σ′(s) 1_i XXᵀ] (or G_{W_iW_i} = v_i² E[e² 1_i XXᵀ]) by
/// identity (2.1) (xor.md §9.1): L K_i Lᵀ + (E[h]/λ)(I − LLᵀ) with L the basis of S of
/// <see cref="XorSubspaceCoordinates"/>. Its eigenvalues are those of the q×q matrix K_i and the bulk level E[h]/λ
/// (multiplicity d − q). β excluded.
/// </summary>
/// <param name="Neuron">0-based neuron i.</param>
/// <param name="LowRank">K_i = E[h v vᵀ] (q×q row-major) in the basis [μ, ν, w_1..w_K].</param>
/// <param name="Eigenvalues">Eigenvalues of K_i, descending (the population outliers are those well above the bulk).</param>
/// <param name="MeanWeight">E[h] = v_i² E[σ′(s)1_i] (Hessian) or v_i² E[e²1_i] (G).</param>
/// <param name="BulkLevel">E[h]/λ.</param>
public sealed record XorFirstLayerBlock(int Neuron, double[] LowRank, double[] Eigenvalues, double MeanWeight, double BulkLevel)
{
    /// <summary>For each unit eigenvector of K_i (same order as <see cref="Eigenvalues"/>), its squared weight on
    /// span(μ, ν) (coordinates 0 and 1): the population version of cos²(E_2, span(μ, ν)).</summary>
    public required double[] MuNuWeights { get; init; }
}
