using TheoryCheck.Models.Kgmm;
using TheoryCheck.Numerics.Spectra;

namespace TheoryCheck.Simulation.Kgmm;

/// <summary>
/// Which empirical spectrum to compute (kgmm.md §10, §12) and how: the matrix (Hessian or G, β excluded), a per-class
/// block c (0-based) or the full kd×kd matrix (<see cref="Block"/> = null), the number n of top eigenpairs (default
/// k + 3, to see the gap to the bulk), the Lanczos settings and the thread count of the matrix–vector products.
/// </summary>
/// <param name="Matrix">Hessian or G.</param>
/// <param name="Block">Class c of a per-class block (0-based), or null for the full matrix.</param>
public sealed record KgmmSpectrumRequest(KgmmMatrixKind Matrix, int? Block = null)
{
    /// <summary>Number n of top eigenpairs (null: k + 3); must be ≥ 1 and ≤ the operator dimension.</summary>
    public int? Count
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentException($"Count must be ≥ 1 (got {value})", nameof(Count));
    }

    /// <summary>
    /// The samples of the matrix: fresh test samples (default, kgmm.md §10) or the training window, the last M samples
    /// SGD used up to the state (kgmm.md §14).
    /// </summary>
    public KgmmSampleSource Source { get; init; } = KgmmSampleSource.Test;

    /// <summary>Lanczos settings (null: <see cref="LanczosOptions.Default"/>, tolerance 1e-10).</summary>
    public LanczosOptions? Lanczos { get; init; }

    /// <summary>Threads of the products (null: all processors); the result does not depend on it.</summary>
    public int? Threads
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentException($"Threads must be ≥ 1 (got {value})", nameof(Threads));
    }
}
