namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// Spectrum of a population matrix in the low-rank + bulk form (kgmm.md §9.1, (2.1)): the eigenpairs of the small
/// matrix on S (q×q for a block, kq×kq for the full matrix) and the bulk levels on S⊥, each with multiplicity
/// d − q (per level). β is excluded (add β for the Hessian). Eigenvalues are sorted in descending order.
/// </summary>
/// <param name="Eigenvalues">Eigenvalues of the small matrix (length q or kq), descending.</param>
/// <param name="Eigenvectors">Matching unit eigenvectors as coordinates: column j of the row-major matrix
/// (size × size) in the basis [μ_1..μ_k, w_1..w_r] of S (for the full matrix, class-major blocks of q).</param>
/// <param name="BulkLevels">Bulk levels (one for a block: E[h]/λ; k for the full matrix: eigenvalues of H̄/λ or Ḡ/λ, descending).</param>
/// <param name="SubspaceDimension">q = k + r, the dimension of S.</param>
public sealed record KgmmPopulationSpectrum(double[] Eigenvalues, double[] Eigenvectors, double[] BulkLevels, int SubspaceDimension)
{
    /// <summary>Size of the small matrix (q for a block, kq for the full matrix).</summary>
    public int Size => Eigenvalues.Length;

    /// <summary>Eigenvector j (coordinates on S) as a new array.</summary>
    public double[] Eigenvector(int j)
    {
        var v = new double[Size];
        for (int i = 0; i < Size; i++) v[i] = Eigenvectors[i * Size + j];
        return v;
    }

    /// <summary>
    /// The top <paramref name="count"/> eigenvalues of the full d×d (or kd×kd) population matrix: the small-matrix
    /// eigenvalues merged with the bulk levels, each bulk level repeated d − q times. β excluded.
    /// </summary>
    public double[] Top(int count, int d)
    {
        if (d < SubspaceDimension) throw new ArgumentException($"d must be at least q = {SubspaceDimension}", nameof(d));
        var all = new List<double>(Eigenvalues);
        foreach (double level in BulkLevels)
            for (int i = 0; i < Math.Min(d - SubspaceDimension, count); i++) all.Add(level);
        return all.OrderByDescending(x => x).Take(count).ToArray();
    }
}
