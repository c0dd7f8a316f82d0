namespace TheoryCheck.Comparison.Kgmm;

/// <summary>
/// The empirical spectrum of one test block (kgmm.md §10) of one SGD run at time T: the top k + 3 eigenvalues of Ĥ_cc
/// or Ĝ_cc (β excluded) with their Ritz residuals, err(x^c, top-k) and the cos² of the principal angles between the
/// top-k space and span(μ) (§12).
/// </summary>
/// <param name="Lambda">λ of the run.</param>
/// <param name="Replicate">Replicate index s.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Block">Class c (0-based).</param>
/// <param name="Hessian">True for Ĥ_cc, false for Ĝ_cc.</param>
/// <param name="Values">Top eigenvalues, descending.</param>
/// <param name="Residuals">Ritz residual norms ‖Av − θv‖.</param>
/// <param name="AlignmentError">err(x^c, top-k).</param>
/// <param name="MeanSpanCosinesSquared">cos² of the principal angles to span(μ_1..μ_k), descending.</param>
/// <param name="Converged">Lanczos met its tolerance and the fresh-start check passed.</param>
/// <param name="Matvecs">Operator products used.</param>
public sealed record KgmmBlockMeasurement(double Lambda, int Replicate, ulong Seed, int Block, bool Hessian, double[] Values, double[] Residuals,
    double AlignmentError, double[] MeanSpanCosinesSquared, bool Converged, long Matvecs);
