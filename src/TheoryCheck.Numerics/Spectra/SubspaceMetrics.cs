using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// Alignment metrics between vectors and subspaces (kgmm.md §12). A basis is a list of column vectors of equal
/// length n (<c>IReadOnlyList&lt;double[]&gt;</c>, e.g. <see cref="LanczosResult.Vectors"/>); methods that need an
/// orthonormal basis check orthonormality (max |UᵀU − I| ≤ 1e-8) and throw otherwise.
/// </summary>
public static class SubspaceMetrics
{
    /// <summary>Largest accepted |uᵢᵀuⱼ − δᵢⱼ| for a basis declared orthonormal.</summary>
    public const double OrthonormalityTolerance = 1e-8;

    /// <summary>
    /// Projection residual err(v, U) = ‖v − UUᵀv‖ / ‖v‖ ∈ [0, 1] for an orthonormal basis U and v ≠ 0
    /// (two projection passes, so the result is accurate also when v lies almost in span U).
    /// </summary>
    public static double ProjectionResidual(IReadOnlyList<double[]> basis, ReadOnlySpan<double> vector)
    {
        int n = CheckOrthonormal(basis, nameof(basis), vector.Length);
        if (n != vector.Length)
            throw new ArgumentException($"Vector has length {vector.Length}, basis vectors have length {n}.", nameof(vector));
        double norm = TensorPrimitives.Norm(vector);
        if (!(norm > 0) || !double.IsFinite(norm))
            throw new ArgumentException($"Vector must be non-zero and finite (‖v‖ = {norm}).", nameof(vector));
        var residual = vector.ToArray();
        for (int pass = 0; pass < 2; pass++)
            foreach (double[] u in basis)
                TensorPrimitives.MultiplyAdd(u, -TensorPrimitives.Dot(u, residual), residual, residual);
        return TensorPrimitives.Norm(residual) / norm;
    }

    /// <summary>
    /// Cosines of the principal angles between span U and span W for two orthonormal bases: the singular values of
    /// UᵀW, sorted descending (min(p, q) values, clamped to [0, 1]).
    /// </summary>
    public static double[] PrincipalAngleCosines(IReadOnlyList<double[]> basisU, IReadOnlyList<double[]> basisW)
    {
        int n = CheckOrthonormal(basisU, nameof(basisU), -1);
        CheckOrthonormal(basisW, nameof(basisW), basisU.Count > 0 ? n : -1);
        return CosinesUnchecked(basisU, basisW);
    }

    /// <summary>
    /// Cosines of the principal angles between span U (orthonormal basis) and the span of arbitrary vectors
    /// (e.g. the k-GMM means μ_1..μ_k), which are orthonormalised first (<see cref="Orthonormalize"/>).
    /// </summary>
    public static double[] PrincipalAngleCosinesToSpan(IReadOnlyList<double[]> basisU, IReadOnlyList<double[]> vectors)
    {
        int n = CheckOrthonormal(basisU, nameof(basisU), -1);
        OrthonormalBasis w = Orthonormalize(vectors);
        if (w.Rank > 0 && w.Vectors[0].Length != n)
            throw new ArgumentException($"Vectors have length {w.Vectors[0].Length}, basis vectors have length {n}.", nameof(vectors));
        return CosinesUnchecked(basisU, w.Vectors);
    }

    /// <summary>
    /// Principal angles 0 ≤ θ_1 ≤ … ≤ θ_min(p,q) ≤ π/2 (radians) between two orthonormal bases, accurate also for
    /// small angles: θ_i = atan2(σ↑_i((I − UUᵀ)W), σ↓_i(UᵀW)) with the larger basis as U (Björck–Golub 1973).
    /// </summary>
    public static double[] PrincipalAngles(IReadOnlyList<double[]> basisU, IReadOnlyList<double[]> basisW)
    {
        int n = CheckOrthonormal(basisU, nameof(basisU), -1);
        n = CheckOrthonormal(basisW, nameof(basisW), basisU.Count > 0 ? n : -1);
        if (basisU.Count < basisW.Count) (basisU, basisW) = (basisW, basisU);
        int q = basisW.Count;
        if (q == 0) return [];
        double[] cosines = CosinesUnchecked(basisU, basisW);
        // Sines: singular values of the n×q matrix (I − UUᵀ)W (two projection passes).
        var residual = Matrix<double>.Build.Dense(n, q);
        var column = new double[n];
        for (int c = 0; c < q; c++)
        {
            basisW[c].CopyTo(column, 0);
            for (int pass = 0; pass < 2; pass++)
                foreach (double[] u in basisU)
                    TensorPrimitives.MultiplyAdd(u, -TensorPrimitives.Dot(u, column), column, column);
            for (int r = 0; r < n; r++) residual[r, c] = column[r];
        }
        double[] sines = residual.Svd(computeVectors: false).S.ToArray();
        Array.Sort(sines);
        var angles = new double[q];
        for (int i = 0; i < q; i++) angles[i] = Math.Atan2(Math.Min(sines[i], 1.0), cosines[i]);
        Array.Sort(angles);
        return angles;
    }

    /// <summary>
    /// Orthonormalises vectors in order by modified Gram–Schmidt with one re-orthogonalisation pass; a vector is
    /// dropped as dependent when its remaining norm is ≤ <paramref name="rankTolerance"/> times its original norm
    /// (or it is zero).
    /// </summary>
    public static OrthonormalBasis Orthonormalize(IReadOnlyList<double[]> vectors, double rankTolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (!(rankTolerance is > 0 and < 1))
            throw new ArgumentException($"Rank tolerance must be in (0, 1), got {rankTolerance}.", nameof(rankTolerance));
        int n = vectors.Count > 0 ? (vectors[0] ?? throw new ArgumentException("Vector 0 is null.", nameof(vectors))).Length : 0;
        var basis = new List<double[]>();
        var dependent = new List<int>();
        for (int index = 0; index < vectors.Count; index++)
        {
            double[] source = vectors[index] ?? throw new ArgumentException($"Vector {index} is null.", nameof(vectors));
            if (source.Length != n)
                throw new ArgumentException($"Vector {index} has length {source.Length}, vector 0 has length {n}.", nameof(vectors));
            double original = TensorPrimitives.Norm(source);
            if (!double.IsFinite(original))
                throw new ArgumentException($"Vector {index} is not finite.", nameof(vectors));
            var v = (double[])source.Clone();
            for (int pass = 0; pass < 2; pass++)
                foreach (double[] q in basis)
                    TensorPrimitives.MultiplyAdd(q, -TensorPrimitives.Dot(q, v), v, v);
            double remaining = TensorPrimitives.Norm(v);
            if (original == 0 || remaining <= rankTolerance * original)
            {
                dependent.Add(index);
                continue;
            }
            TensorPrimitives.Multiply(v, 1.0 / remaining, v);
            basis.Add(v);
        }
        return new OrthonormalBasis
        {
            Vectors = basis.ToArray(),
            InputCount = vectors.Count,
            DependentIndices = dependent.ToArray(),
            RankTolerance = rankTolerance,
        };
    }

    /// <summary>max |UᵀU − I| of a basis (0 for an empty one).</summary>
    public static double OrthonormalityDefect(IReadOnlyList<double[]> basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        double defect = 0;
        for (int i = 0; i < basis.Count; i++)
            for (int j = 0; j <= i; j++)
                defect = Math.Max(defect, Math.Abs(TensorPrimitives.Dot(basis[i], basis[j]) - (i == j ? 1 : 0)));
        return defect;
    }

    private static double[] CosinesUnchecked(IReadOnlyList<double[]> basisU, IReadOnlyList<double[]> basisW)
    {
        int p = basisU.Count, q = basisW.Count;
        if (p == 0 || q == 0) return [];
        var cross = Matrix<double>.Build.Dense(p, q, (i, j) => TensorPrimitives.Dot(basisU[i], basisW[j]));
        double[] singular = cross.Svd(computeVectors: false).S.ToArray();
        Array.Sort(singular);
        Array.Reverse(singular);
        for (int i = 0; i < singular.Length; i++) singular[i] = Math.Clamp(singular[i], 0.0, 1.0);
        return singular;
    }

    /// <summary>Checks non-null equal-length finite vectors with max |UᵀU − I| ≤ tolerance; returns n (or expected when empty).</summary>
    private static int CheckOrthonormal(IReadOnlyList<double[]> basis, string parameterName, int expectedLength)
    {
        ArgumentNullException.ThrowIfNull(basis, parameterName);
        int n = expectedLength;
        for (int i = 0; i < basis.Count; i++)
        {
            double[] v = basis[i] ?? throw new ArgumentException($"Basis vector {i} is null.", parameterName);
            if (n < 0) n = v.Length;
            if (v.Length != n)
                throw new ArgumentException($"Basis vector {i} has length {v.Length}, expected {n}.", parameterName);
        }
        if (basis.Count > n && n >= 0)
            throw new ArgumentException($"{basis.Count} vectors of length {n} cannot be orthonormal.", parameterName);
        double defect = OrthonormalityDefect(basis);
        if (!(defect <= OrthonormalityTolerance))
            throw new ArgumentException(
                $"Basis is not orthonormal: max |UᵀU − I| = {defect:G3} > {OrthonormalityTolerance:G1} (use PrincipalAngleCosinesToSpan or Orthonormalize).",
                parameterName);
        return Math.Max(n, 0);
    }
}
