namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// Stochastic Lanczos quadrature estimate of the normalised spectral measure ν = (1/n) Σ_i δ(λ_i) of a symmetric
/// operator: the raw quadrature (all probes' nodes with weights τ_j²/P, summing to 1), the per-probe quadratures,
/// and a smoothed density ρ(x) = Σ_j w_j φ_σ(x − θ_j) on a grid (see <see cref="SmoothingConvention"/>).
/// </summary>
public sealed record SpectralDensity
{
    /// <summary>Dimension n of the operator.</summary>
    public required int Dimension { get; init; }

    /// <summary>Number of Rademacher probes P.</summary>
    public required int Probes { get; init; }

    /// <summary>Requested Lanczos steps per probe (after capping at n).</summary>
    public required int Steps { get; init; }

    /// <summary>Seed of the probe vectors.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Products A·x performed (Σ over probes of the steps taken).</summary>
    public required long MatvecCount { get; init; }

    /// <summary>The quadrature of each probe (weights sum to 1 per probe).</summary>
    public required IReadOnlyList<SpectralQuadrature> ProbeQuadratures { get; init; }

    /// <summary>All nodes θ_j of all probes (probe by probe, ascending within a probe).</summary>
    public required IReadOnlyList<double> Nodes { get; init; }

    /// <summary>Weights w_j = τ_j²/P of <see cref="Nodes"/>; they sum to 1 (histogram-ready).</summary>
    public required IReadOnlyList<double> Weights { get; init; }

    /// <summary>Equally spaced grid points x_i of the smoothed density.</summary>
    public required IReadOnlyList<double> Grid { get; init; }

    /// <summary>Smoothed density ρ(x_i) = Σ_j w_j φ_σ(x_i − θ_j) on <see cref="Grid"/>.</summary>
    public required IReadOnlyList<double> Density { get; init; }

    /// <summary>Kernel standard deviation σ.</summary>
    public required double KernelWidth { get; init; }

    /// <summary>The smoothing convention in words, e.g. "Gaussian kernel, σ = 0.0231: ρ(x) = Σ_j w_j N(x; θ_j, σ²)".</summary>
    public required string SmoothingConvention { get; init; }

    /// <summary>Trapezoidal integral of <see cref="Density"/> over the grid (≈ 1 when the grid covers all nodes ± 5σ).</summary>
    public required double DensityIntegral { get; init; }

    /// <summary>Estimate of tr(A^p)/n: the mean over probes of the quadrature moments Σ_j τ_j² θ_j^p.</summary>
    public double Moment(int power) => ProbeQuadratures.Average(q => q.Moment(power));

    /// <summary>Standard error of <see cref="Moment"/>: sample standard deviation over probes / √P (NaN for P = 1).</summary>
    public double MomentStandardError(int power)
    {
        int probes = ProbeQuadratures.Count;
        if (probes < 2) return double.NaN;
        double mean = Moment(power);
        double sumSquares = ProbeQuadratures.Sum(q => (q.Moment(power) - mean) * (q.Moment(power) - mean));
        return Math.Sqrt(sumSquares / (probes - 1) / probes);
    }
}
