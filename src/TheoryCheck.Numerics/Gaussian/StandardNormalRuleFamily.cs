namespace TheoryCheck.Numerics.Gaussian;

/// <summary>The construction a <see cref="StandardNormalRule"/> comes from; it decides how errors are estimated.</summary>
public enum StandardNormalRuleFamily
{
    /// <summary>Tensor-product probabilists' Gauss–Hermite rule (error: compare with n + 4 nodes per axis).</summary>
    GaussHermiteTensor,

    /// <summary>Nested 1-d Genz–Keister rule (error: compare with the next nested rule).</summary>
    GenzKeister,

    /// <summary>Smolyak sparse grid over nested Genz–Keister rules (error: compare level ℓ with ℓ + 1).</summary>
    SparseGrid,

    /// <summary>Owen-scrambled Sobol points mapped by the inverse normal CDF (error: spread over scramblings).</summary>
    ScrambledSobol,

    /// <summary>Pseudo-random normal draws, optionally antithetic (error: sample standard error).</summary>
    MonteCarlo,
}
