namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// Settings of <see cref="Lanczos.TopEigenpairs"/> (thick-restart Lanczos with full re-orthogonalisation).
/// A pair (θ, v) is converged when ‖A v − θ v‖ ≤ Tolerance · max(|θ|, ‖A‖_est), with ‖A‖_est the largest |Ritz
/// value| seen (a lower estimate of ‖A‖₂).
/// </summary>
public sealed record LanczosOptions
{
    /// <summary>Default settings: tolerance 1e-10, Krylov dimension max(2·count + 20, 40) capped at n.</summary>
    public static LanczosOptions Default { get; } = new();

    /// <summary>
    /// Relative residual tolerance, in (0, 1). Residuals below about 1e-14·‖A‖ are not reachable in double
    /// precision; a smaller tolerance ends with <see cref="LanczosResult.Converged"/> = false.
    /// </summary>
    public double Tolerance
    {
        get;
        init => field = value is > 0 and < 1 ? value : throw new ArgumentException($"Tolerance must be in (0, 1), got {value}.", nameof(Tolerance));
    } = 1e-10;

    /// <summary>
    /// Maximal dimension m of the Krylov basis (memory (m + 1 + count)·n doubles). null: max(2·count + 20, 40).
    /// Capped at n; when m &lt; n it must be ≥ count + 2.
    /// </summary>
    public int? KrylovDimension
    {
        get;
        init => field = value is null or >= 2 ? value : throw new ArgumentException($"Krylov dimension must be ≥ 2, got {value}.", nameof(KrylovDimension));
    }

    /// <summary>Maximal number of restarts (each adds at most m − count Lanczos steps), ≥ 0.</summary>
    public int MaxRestarts
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentException($"MaxRestarts must be ≥ 0, got {value}.", nameof(MaxRestarts));
    } = 1000;

    /// <summary>Seed of the deterministic Gaussian start vector (and of any later random restart vector).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// When true (default), convergence is confirmed by Lanczos steps started from a fresh random vector orthogonal
    /// to the converged Ritz vectors (which stay in the basis): if a Ritz value rises above the count-th converged
    /// value, the run continues with the new direction; the check passes after max(m − count, 30) steps or once the
    /// top Ritz pair of the complement has converged, whichever comes first. This exposes further copies of
    /// repeated eigenvalues, which a single Krylov sequence does not contain in exact arithmetic and may miss in
    /// floating point (observed: λ = 1 (×3) over a gapped bulk, 0.9 returned as the third value without the check).
    /// Costs at most max(m − count, 30) extra products when nothing is missing.
    /// </summary>
    public bool FreshStartCheck { get; init; } = true;

    /// <summary>The Krylov dimension used for an n-dimensional operator and <paramref name="count"/> wanted pairs.</summary>
    public int EffectiveKrylovDimension(int dimension, int count) =>
        Math.Min(KrylovDimension ?? Math.Max(2 * count + 20, 40), dimension);
}
