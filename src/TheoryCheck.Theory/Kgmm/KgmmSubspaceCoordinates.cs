using MathNet.Numerics.LinearAlgebra;
using TheoryCheck.Models.Kgmm;

namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// Coordinates of the kgmm state in S = span(μ_1..μ_k) ⊕ span(x^1⊥..x^k⊥) (kgmm.md §9.2–9.3): with
/// R⊥ = R − m mᵀ = F Fᵀ (F k×r from the eigen-decomposition, keeping eigenvalues &gt; 1e-10·max(1, λ_max(R⊥))),
/// x^c has coordinates X̃_{·c} = (m_{c1}..m_{ck}, F_{c1}..F_{cr}) in the orthonormal basis [μ_1..μ_k, w_1..w_r]
/// of S, q = k + r. Also the thin SVD X̃ = U Σ Vᵀ (U q×k) used by the expectations of §9.3.
/// </summary>
public sealed class KgmmSubspaceCoordinates
{
    /// <summary>Builds the coordinates of (m, R).</summary>
    public KgmmSubspaceCoordinates(KgmmStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        Statistics = statistics;
        int k = statistics.K;
        K = k;
        var perp = statistics.Rperp();
        var evd = Matrix<double>.Build.Dense(k, k, (i, j) => perp[i * k + j]).Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(z => z.Real).ToArray();
        double max = values.Max();
        double threshold = 1e-10 * Math.Max(1, max);
        var kept = Enumerable.Range(0, k).Where(j => values[j] > threshold).OrderByDescending(j => values[j]).ToArray();
        PerpRank = kept.Length;
        Q = k + PerpRank;
        PerpEigenvalues = kept.Select(j => values[j]).ToArray();
        _f = new double[k * PerpRank];
        for (int c = 0; c < k; c++)
            for (int j = 0; j < PerpRank; j++) _f[c * PerpRank + j] = evd.EigenVectors[c, kept[j]] * Math.Sqrt(values[kept[j]]);

        _x = new double[Q * k];
        for (int c = 0; c < k; c++)
        {
            for (int a = 0; a < k; a++) _x[a * k + c] = statistics.MAt(c, a);
            for (int j = 0; j < PerpRank; j++) _x[(k + j) * k + c] = _f[c * PerpRank + j];
        }

        var svd = Matrix<double>.Build.Dense(Q, k, (i, j) => _x[i * k + j]).Svd(computeVectors: true);
        _u = new double[Q * k];
        _vSigma = new double[k * k];
        _singular = new double[k];
        for (int j = 0; j < k; j++)
        {
            _singular[j] = svd.S[j];
            for (int i = 0; i < Q; i++) _u[i * k + j] = svd.U[i, j];
            for (int c = 0; c < k; c++) _vSigma[c * k + j] = svd.VT[j, c] * svd.S[j];
        }
    }

    private readonly double[] _f;
    private readonly double[] _x;
    private readonly double[] _u;
    private readonly double[] _vSigma;
    private readonly double[] _singular;

    /// <summary>The statistics (m, R).</summary>
    public KgmmStatistics Statistics { get; }

    /// <summary>Number of classes k.</summary>
    public int K { get; }

    /// <summary>r = rank of R⊥ (kept eigenvalues).</summary>
    public int PerpRank { get; }

    /// <summary>q = k + r, the dimension of S.</summary>
    public int Q { get; }

    /// <summary>Kept eigenvalues of R⊥ (descending).</summary>
    public double[] PerpEigenvalues { get; }

    /// <summary>F (k×r row-major) with F Fᵀ = R⊥ (up to the dropped eigenvalues).</summary>
    public ReadOnlySpan<double> F => _f;

    /// <summary>X̃ (q×k row-major): column c = coordinates of x^c in [μ_1..μ_k, w_1..w_r].</summary>
    public ReadOnlySpan<double> X => _x;

    /// <summary>U of the thin SVD X̃ = UΣVᵀ (q×k row-major, orthonormal columns).</summary>
    public ReadOnlySpan<double> U => _u;

    /// <summary>VΣ (k×k row-major): ζ = m_{·b} + VΣ g₁ with g₁ = Uᵀg (§9.3).</summary>
    public ReadOnlySpan<double> VSigma => _vSigma;

    /// <summary>Singular values of X̃ (descending); σ_max/√λ sets the quadrature order.</summary>
    public ReadOnlySpan<double> SingularValues => _singular;

    /// <summary>Coordinates X̃_{·c} of x^c (length q, a new array).</summary>
    public double[] Weight(int c)
    {
        var v = new double[Q];
        for (int i = 0; i < Q; i++) v[i] = _x[i * K + c];
        return v;
    }

    /// <summary>
    /// The orthonormal basis L = [μ_1..μ_k, w_1..w_r] of S for a finite-d state, consistent with these coordinates:
    /// w = F⁺ x⊥ with x⊥^c = x^c − Σ_a m_{ca} μ_a, so that x^c = Σ_a m_{ca} μ_a + Σ_j F_{cj} w_j. The means and the
    /// weights are stored contiguously (vector c at [c·d, (c+1)·d)); the result is q×d row-major (basis vector i at
    /// [i·d, (i+1)·d)). The statistics of this object must be those of the given state (e.g. built with
    /// <see cref="KgmmStatistics.FromVectors"/>); the returned orthonormality error max|LLᵀ − I| says how well.
    /// </summary>
    public (double[] Basis, double OrthonormalityError) Basis(ReadOnlySpan<double> means, ReadOnlySpan<double> weights, int d)
    {
        int k = K, r = PerpRank;
        if (means.Length != k * d || weights.Length != k * d) throw new ArgumentException("means and weights must have k·d entries");
        var basis = new double[Q * d];
        means.CopyTo(basis);
        // x⊥^c.
        var perp = new double[k * d];
        for (int c = 0; c < k; c++)
        {
            var target = perp.AsSpan(c * d, d);
            weights.Slice(c * d, d).CopyTo(target);
            for (int a = 0; a < k; a++)
            {
                double mca = Statistics.MAt(c, a);
                var mu = means.Slice(a * d, d);
                for (int i = 0; i < d; i++) target[i] -= mca * mu[i];
            }
        }
        // F = Ũ diag(√Λ) ⇒ F⁺ = diag(1/√Λ) Ũᵀ, i.e. w_j = Σ_c F_{cj} x⊥^c / Λ_j.
        for (int j = 0; j < r; j++)
        {
            var w = basis.AsSpan((k + j) * d, d);
            for (int c = 0; c < k; c++)
            {
                double coefficient = _f[c * r + j] / PerpEigenvalues[j];
                var xp = perp.AsSpan(c * d, d);
                for (int i = 0; i < d; i++) w[i] += coefficient * xp[i];
            }
        }
        double error = 0;
        for (int i = 0; i < Q; i++)
            for (int j = i; j < Q; j++)
            {
                double s = System.Numerics.Tensors.TensorPrimitives.Dot<double>(basis.AsSpan(i * d, d), basis.AsSpan(j * d, d));
                error = Math.Max(error, Math.Abs(s - (i == j ? 1 : 0)));
            }
        return (basis, error);
    }

    /// <summary>
    /// Adds p_b E_b[w vvᵀ] (§9.3) to <paramref name="matrix"/> (q×q) given E_b[w], E_b[w g₁], E_b[w g₁g₁ᵀ]:
    /// E_b[w] ē_bē_bᵀ + ē_b uᵀ + u ē_bᵀ + U E[w g₁g₁ᵀ] Uᵀ + E_b[w](I − UUᵀ)/λ, u = U E[w g₁].
    /// </summary>
    internal void AddClassExpectation(double[] matrix, ReadOnlySpan<double> a, int b, double pb, double lambda)
    {
        int k = K, q = Q;
        ReadOnlySpan<double> u = _u;
        double ew = a[0];
        var ewg = a.Slice(1, k);
        var ewgg = a.Slice(1 + k, k * k);
        Span<double> uvec = stackalloc double[q];
        for (int i = 0; i < q; i++)
        {
            double s = 0;
            for (int l = 0; l < k; l++) s += u[i * k + l] * ewg[l];
            uvec[i] = s;
        }
        for (int i = 0; i < q; i++)
            for (int j = 0; j < q; j++)
            {
                double s = 0, uu = 0;
                for (int l = 0; l < k; l++)
                {
                    double uil = u[i * k + l];
                    uu += uil * u[j * k + l];
                    double t = 0;
                    for (int l2 = 0; l2 < k; l2++) t += ewgg[l * k + l2] * u[j * k + l2];
                    s += uil * t;
                }
                double value = s + ew * ((i == j ? 1 : 0) - uu) / lambda;
                if (i == b && j == b) value += ew;
                if (i == b) value += uvec[j];
                if (j == b) value += uvec[i];
                matrix[i * q + j] += pb * value;
            }
    }
}
