namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// The Gauss quadrature of one Lanczos probe: nodes θ_j (Ritz values, ascending) and weights τ_j² (squared first
/// components of the eigenvectors of the tridiagonal T, Σ τ_j² = 1), so that Σ_j τ_j² f(θ_j) ≈ vᵀf(A)v for the unit
/// start vector v, exactly for polynomials f of degree ≤ 2·Steps − 1.
/// </summary>
public sealed record SpectralQuadrature
{
    /// <summary>Nodes θ_j (ascending).</summary>
    public required IReadOnlyList<double> Nodes { get; init; }

    /// <summary>Weights τ_j² ≥ 0 (sum 1 to rounding).</summary>
    public required IReadOnlyList<double> Weights { get; init; }

    /// <summary>Lanczos steps taken (fewer than requested when the Krylov space became invariant).</summary>
    public required int Steps { get; init; }

    /// <summary>The quadrature moment Σ_j τ_j² θ_j^p (p ≥ 0).</summary>
    public double Moment(int power)
    {
        if (power < 0) throw new ArgumentException($"Power must be ≥ 0, got {power}.", nameof(power));
        double sum = 0;
        for (int j = 0; j < Nodes.Count; j++) sum += Weights[j] * Math.Pow(Nodes[j], power);
        return sum;
    }
}
