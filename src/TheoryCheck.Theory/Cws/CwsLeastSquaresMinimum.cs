namespace TheoryCheck.Theory.Cws;

/// <summary>
/// The minimiser of the least-squares population risk 𝓡(X) = ½ Σ_c p_c [(m_cᵀX − y_c)² + XᵀK_cX]
/// (cws.md §5; docs/theory/cws.md §5): X* solves (K̄ + Σ_c p_c m_c m_cᵀ) X = Σ_c p_c y_c m_c (minimum-norm part on
/// zero-variance modes), 𝓡_min = ½(Σ_c p_c y_c² − Σ_c p_c y_c M*_c). For two classes ±μ with labels ±1 and invertible
/// K̄: X* = (K̄ + μμᵀ)⁻¹μ, 𝓡_min = ½/(1 + μᵀK̄⁻¹μ).
/// </summary>
/// <param name="Minimiser">X*.</param>
/// <param name="ClassMeans">M*_c = m_cᵀX*.</param>
/// <param name="Risk">𝓡_min.</param>
/// <param name="ClassNoise">X*ᵀK_cX* per class.</param>
public sealed record CwsLeastSquaresMinimum(double[] Minimiser, double[] ClassMeans, double Risk, double[] ClassNoise);
