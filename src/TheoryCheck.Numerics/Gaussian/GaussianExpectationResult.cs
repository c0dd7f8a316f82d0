namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// A Gaussian expectation E f(x), x ~ N(m, Σ), per output component, with its error estimate and diagnostics.
/// </summary>
public sealed record GaussianExpectationResult
{
    /// <summary>The estimate of E f_i(x) for each output component i.</summary>
    public required double[] Value { get; init; }

    /// <summary>Estimated absolute error of each component (meaning: see <see cref="ErrorMethod"/>).</summary>
    public required double[] ErrorEstimate { get; init; }

    /// <summary>Name of the rule whose value is reported.</summary>
    public required string RuleName { get; init; }

    /// <summary>How <see cref="ErrorEstimate"/> was obtained.</summary>
    public required GaussianErrorMethod ErrorMethod { get; init; }

    /// <summary>How the estimate was formed, e.g. "κ·|Q − Q(Gauss–Hermite n=14)| + round-off, …".</summary>
    public required string ErrorDescription { get; init; }

    /// <summary>Total number of integrand evaluations (including the refinement used for the error estimate).</summary>
    public required long Evaluations { get; init; }

    /// <summary>Dimension of the standard normal integrated over (the rule dimension; 0 for a point mass).</summary>
    public required int RuleDimension { get; init; }

    /// <summary>Numerical rank of Σ.</summary>
    public required int CovarianceRank { get; init; }

    /// <summary>Sum of |λ| of negative eigenvalues of Σ clipped to 0.</summary>
    public required double ClippedEigenvalueSum { get; init; }

    /// <summary>Whether max <see cref="ErrorEstimate"/> ≤ the requested tolerance; null when none was requested.</summary>
    public bool? ToleranceMet { get; init; }

    /// <summary>The largest component of <see cref="ErrorEstimate"/>.</summary>
    public double MaxErrorEstimate => ErrorEstimate.Length == 0 ? 0.0 : ErrorEstimate.Max();
}
