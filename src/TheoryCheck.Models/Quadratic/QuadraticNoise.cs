namespace TheoryCheck.Models.Quadratic;

/// <summary>
/// Gradient-noise model of the quadratic (quadratic.md §1): ξ ~ N(0, σ²I) (<see cref="Additive"/>),
/// ξ ~ N(0, σ²H) (<see cref="Hessian"/>), or least-squares streaming with a batch of b samples x ~ N(0, H)
/// and label noise N(0, σ²) (<see cref="Streaming"/>, multiplicative noise).
/// </summary>
public enum QuadraticNoise
{
    /// <summary><c>additive</c>: noise covariance σ²I, per-coordinate variance s_i = σ².</summary>
    Additive,
    /// <summary><c>hessian</c>: noise covariance σ²H, s_i = σ²λ_i.</summary>
    Hessian,
    /// <summary><c>streaming</c>: g = (1/b)Σ_j(⟨x_j, e⟩ − ε_j)x_j, s_i = (1/b)[λ_i²e_i² + λ_i(eᵀHe + σ²)].</summary>
    Streaming,
}
