namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// Settings of <see cref="StochasticLanczosQuadrature.Density"/>: the number of Rademacher probes, Lanczos steps per
/// probe, the seed, and the Gaussian smoothing of the density on a grid.
/// </summary>
public sealed record SlqOptions
{
    /// <summary>Default settings: 32 probes, 40 steps, seed 1, automatic kernel width and grid, 512 grid points.</summary>
    public static SlqOptions Default { get; } = new();

    /// <summary>Number of independent Rademacher probe vectors (≥ 1).</summary>
    public int Probes
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentException($"Probes must be ≥ 1, got {value}.", nameof(Probes));
    } = 32;

    /// <summary>
    /// Lanczos steps m per probe (≥ 1, capped at n): the m-node Gauss quadrature is exact for polynomials of degree
    /// ≤ 2m − 1.
    /// </summary>
    public int Steps
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentException($"Steps must be ≥ 1, got {value}.", nameof(Steps));
    } = 40;

    /// <summary>Seed of the probe vectors (probe i uses stream i).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// Standard deviation σ &gt; 0 of the Gaussian smoothing kernel. null: σ = (θ_max − θ_min)/100 over all nodes
    /// (or max(|θ|, 1)/100 when all nodes coincide).
    /// </summary>
    public double? KernelWidth
    {
        get;
        init => field = value is null || (value > 0 && double.IsFinite(value.Value)) ? value : throw new ArgumentException($"Kernel width must be positive and finite, got {value}.", nameof(KernelWidth));
    }

    /// <summary>Number of equally spaced grid points of the smoothed density (≥ 2).</summary>
    public int GridPoints
    {
        get;
        init => field = value >= 2 ? value : throw new ArgumentException($"Grid points must be ≥ 2, got {value}.", nameof(GridPoints));
    } = 512;

    /// <summary>Lower end of the grid. null: θ_min − 5σ.</summary>
    public double? GridLower { get; init; }

    /// <summary>Upper end of the grid. null: θ_max + 5σ.</summary>
    public double? GridUpper { get; init; }
}
