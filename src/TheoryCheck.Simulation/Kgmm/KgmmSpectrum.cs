using TheoryCheck.Models.Kgmm;
using System.Text.Json.Nodes;
using TheoryCheck.Numerics.Spectra;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// Top eigenpairs of an empirical kgmm test matrix (kgmm.md §10) with their diagnostics and the alignment metrics of
/// §12. <b>β is excluded</b>: the eigenvalues are those of the data term; the ℓ2 penalty would add β to every
/// eigenvalue of a Hessian block (and of the full Hessian) without changing eigenvectors. The aligned vector is x^c for
/// a block and the stacked x = (x^1; …; x^k) for the full matrix.
/// </summary>
public sealed record KgmmSpectrum
{
    /// <summary>The convention written to every report.</summary>
    public const string PenaltyConvention = "β excluded: eigenvalues of the data term only (kgmm.md §10); a Hessian with the ℓ2 penalty adds β";

    /// <summary>Hessian or G.</summary>
    public required KgmmMatrixKind Matrix { get; init; }

    /// <summary>Class c of the block (0-based), or null for the full matrix.</summary>
    public required int? Block { get; init; }

    /// <summary>Operator dimension (d for a block, k·d for the full matrix).</summary>
    public required int Dimension { get; init; }

    /// <summary>SGD step ℓ and time t = ℓδ of the state.</summary>
    public required long Step { get; init; }

    /// <summary>Model time of the state.</summary>
    public required double Time { get; init; }

    /// <summary>Number of test samples M = ⌈φ·d⌉.</summary>
    public required int SampleCount { get; init; }

    /// <summary>Sample ratio φ.</summary>
    public required double SamplesRatio { get; init; }

    /// <summary>Index of the test set (0 for a training window).</summary>
    public required int SampleSet { get; init; }

    /// <summary>Test samples (kgmm.md §10) or the training window (§14).</summary>
    public KgmmSampleSource Source { get; init; } = KgmmSampleSource.Test;

    /// <summary>Always false: the β·I of the penalty is not part of the matrix (<see cref="PenaltyConvention"/>).</summary>
    public bool PenaltyIncluded => false;

    /// <summary>Top eigenvalues θ_1 ≥ θ_2 ≥ … (Ritz values).</summary>
    public required IReadOnlyList<double> Values { get; init; }

    /// <summary>Unit eigenvectors (Ritz vectors), same order.</summary>
    public required IReadOnlyList<double[]> Vectors { get; init; }

    /// <summary>Recomputed residual norms ‖A v_i − θ_i v_i‖.</summary>
    public required IReadOnlyList<double> ResidualNorms { get; init; }

    /// <summary>Whether every pair met the Lanczos tolerance.</summary>
    public required bool Converged { get; init; }

    /// <summary>Whether the fresh-start check found no missed eigenvalue (see <see cref="LanczosResult.FreshStartCheckPassed"/>).</summary>
    public required bool FreshStartCheckPassed { get; init; }

    /// <summary>Products A·u used by Lanczos.</summary>
    public required long MatvecCount { get; init; }

    /// <summary>Relative residual tolerance of Lanczos.</summary>
    public required double Tolerance { get; init; }

    /// <summary>
    /// The <see cref="Models.Observables.NumericalFault.LanczosNotConverged"/> fault when a pair missed the tolerance or the
    /// fresh-start check found a missed eigenvalue (<paramref name="what"/> names the spectrum), else null.
    /// </summary>
    public Models.Observables.NumericalFault? ConvergenceFault(string what) =>
        Converged && FreshStartCheckPassed ? null
        : new Models.Observables.NumericalFault(Models.Observables.NumericalFault.LanczosNotConverged, Converged
            ? $"{what}: the fresh-start check found an eigenvalue above the last returned one"
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{what}: residuals above {Tolerance:G}·‖A‖ after {MatvecCount} products"));

    /// <summary>Rank of the alignment space: min(k, number of pairs).</summary>
    public required int AlignmentRank { get; init; }

    /// <summary>
    /// err(x, top-j) = ‖x − U_jU_jᵀx‖/‖x‖ for j = 1..n (entry j − 1), U_j the top-j eigenvectors (kgmm.md §12).
    /// </summary>
    public required IReadOnlyList<double> ProjectionResiduals { get; init; }

    /// <summary>err(x, top-k): the alignment error of Thm 3.1 (kgmm.md §12).</summary>
    public double AlignmentError => ProjectionResiduals[AlignmentRank - 1];

    /// <summary>
    /// cos² of the principal angles (descending) between the top-k eigenspace and span(μ_1..μ_k) for a block, or
    /// span{e_c ⊗ μ_a} (the k² directions of ℝ^{kd} built from the means) for the full matrix.
    /// </summary>
    public required IReadOnlyList<double> MeanSpanCosinesSquared { get; init; }

    /// <summary>‖x − P x‖/‖x‖ with P the projection on span(μ) (block) or span{e_c ⊗ μ_a} (full): √(R⊥_cc/R_cc) for a block.</summary>
    public required double MeanSpanResidual { get; init; }

    /// <summary>Seconds to build the operator (logits and weights of the M samples).</summary>
    public required double SetupSeconds { get; init; }

    /// <summary>Seconds of the Lanczos run.</summary>
    public required double EigenSeconds { get; init; }

    /// <summary>
    /// The spectrum as a JSON object for reports and the command line (eigenvectors omitted). Class indices are
    /// 1-based as in the observable names ("block": c + 1, or null for the full matrix).
    /// </summary>
    public JsonObject ToJson() => new()
    {
        ["matrix"] = Matrix == KgmmMatrixKind.Hessian ? "hessian" : "g",
        ["block"] = Block is int c ? c + 1 : null,
        ["dimension"] = Dimension,
        ["step"] = Step,
        ["t"] = Time,
        ["samples"] = SampleCount,
        ["samples_ratio"] = SamplesRatio,
        ["sample_set"] = SampleSet,
        ["data"] = Source == KgmmSampleSource.Test ? "test" : "train",
        ["penalty"] = PenaltyConvention,
        ["values"] = Numbers(Values),
        ["residual_norms"] = Numbers(ResidualNorms),
        ["converged"] = Converged,
        ["fresh_start_check_passed"] = FreshStartCheckPassed,
        ["matvecs"] = MatvecCount,
        ["tolerance"] = Tolerance,
        ["alignment_rank"] = AlignmentRank,
        ["alignment_error"] = AlignmentError,
        ["projection_residuals"] = Numbers(ProjectionResiduals),
        ["mean_span_cosines_squared"] = Numbers(MeanSpanCosinesSquared),
        ["mean_span_residual"] = MeanSpanResidual,
        ["setup_seconds"] = SetupSeconds,
        ["eigen_seconds"] = EigenSeconds,
    };

    private static JsonArray Numbers(IReadOnlyList<double> values) =>
        new(values.Select(v => (JsonNode?)(double.IsFinite(v) ? JsonValue.Create(v) : null)).ToArray());

    /// <summary>err(x, top-j) for 1 ≤ j ≤ n.</summary>
    public double ProjectionResidual(int count) =>
        count >= 1 && count <= ProjectionResiduals.Count
            ? ProjectionResiduals[count - 1]
            : throw new ArgumentOutOfRangeException(nameof(count), $"count must lie in [1, {ProjectionResiduals.Count}]");
}
