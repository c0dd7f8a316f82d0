namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// Largest-algebraic eigenpairs of a symmetric operator by thick-restart Lanczos (Wu–Simon 2000) with full
/// re-orthogonalisation (two classical Gram–Schmidt passes against every basis vector at every step).
/// </summary>
/// <remarks>
/// Memory is bounded by (m + 1 + count)·n doubles for Krylov dimension m. At a breakdown (an invariant subspace,
/// e.g. a low-rank-plus-identity operator) the basis continues with a fresh random vector orthogonal to it, so
/// n ≤ m gives the exact decomposition. Repeated eigenvalues: a single Krylov sequence contains one direction of
/// each eigenspace in exact arithmetic; further copies are exposed by these random continuations and by the
/// fresh-start check (<see cref="LanczosOptions.FreshStartCheck"/>). The returned residuals are recomputed
/// explicitly, never taken from the Lanczos estimate.
/// </remarks>
public static class Lanczos
{
    /// <summary>
    /// Computes the <paramref name="count"/> largest eigenvalues (algebraically, not in magnitude) of the symmetric
    /// operator A and their eigenvectors. Requires 1 ≤ count ≤ n.
    /// </summary>
    public static LanczosResult TopEigenpairs(ILinearOperator op, int count, LanczosOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        options ??= LanczosOptions.Default;
        int n = op.Dimension;
        if (n < 1) throw new ArgumentException($"Operator dimension must be ≥ 1, got {n}.", nameof(op));
        if (count < 1 || count > n)
            throw new ArgumentException($"Count must be in [1, n = {n}], got {count}.", nameof(count));
        int m = options.EffectiveKrylovDimension(n, count);
        if (m < n && m < count + 2)
            throw new ArgumentException(
                $"Krylov dimension {m} is too small for {count} pairs: it must be ≥ count + 2 = {count + 2} (or ≥ n = {n}).",
                nameof(options));
        return new ThickRestartLanczos(op, count, m, options).Run();
    }
}
