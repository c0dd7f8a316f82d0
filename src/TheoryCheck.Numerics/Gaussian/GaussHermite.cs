using System.Collections.Concurrent;

namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// Probabilists' Gauss–Hermite rules: the n-node Gauss rule for the weight e^{−z²/2}/√(2π) (exact for polynomials
/// of degree ≤ 2n − 1), and its k-dimensional tensor product (nᵏ nodes, exact for every monomial z^α with
/// max α_i ≤ 2n − 1).
/// </summary>
/// <remarks>
/// Nodes are the eigenvalues of the Jacobi matrix (Golub–Welsch: zero diagonal, off-diagonal √i), polished by
/// Newton steps on the orthonormal Hermite recurrence p_{i+1} = (z p_i − √i p_{i−1})/√(i+1); weights use the
/// Christoffel–Darboux form w_j = 1/(n p_{n−1}(z_j)²), which keeps full relative accuracy even for the tiny
/// tail weights. Symmetry z ↦ −z is imposed exactly.
/// </remarks>
public static class GaussHermite
{
    /// <summary>Largest supported number of nodes per axis.</summary>
    public const int MaxOrder = 256;

    private static readonly ConcurrentDictionary<int, (double[] Nodes, double[] Weights)> s_oneDimensional = new();
    private static readonly ConcurrentDictionary<(int K, int N), StandardNormalRule> s_tensorCache = new();

    /// <summary>The n-node 1-d rule (refinement: n + 4 nodes; coarsening: n − 4).</summary>
    /// <param name="n">Number of nodes, 1 ≤ n ≤ <see cref="MaxOrder"/>.</param>
    public static StandardNormalRule Rule1D(int n) => Tensor(1, n);

    /// <summary>The tensor-product rule with n nodes on each of k axes (refinement: n + 4 per axis; coarsening: n − 4).</summary>
    /// <param name="k">Dimension, ≥ 1.</param>
    /// <param name="n">Nodes per axis, 1 ≤ n ≤ <see cref="MaxOrder"/>, with nᵏ ≤ <see cref="StandardNormalRule.MaxNodeCount"/>.</param>
    public static StandardNormalRule Tensor(int k, int n)
    {
        if (k < 1) throw new ArgumentException($"Dimension k must be ≥ 1 (got {k}).", nameof(k));
        if (n < 1 || n > MaxOrder) throw new ArgumentException($"Gauss–Hermite order n must be in [1, {MaxOrder}] (got {n}).", nameof(n));
        long count = NodeCount(k, n);
        if (count > StandardNormalRule.MaxNodeCount)
            throw new ArgumentException(
                $"Tensor Gauss–Hermite n={n}, k={k} needs {count} nodes (limit {StandardNormalRule.MaxNodeCount}); use SparseGrid.GenzKeister.",
                nameof(n));
        if (count <= 65536 && s_tensorCache.TryGetValue((k, n), out var cached)) return cached;
        var rule = BuildTensor(k, n, (int)count);
        if (count <= 65536) s_tensorCache.TryAdd((k, n), rule);
        return rule;
    }

    /// <summary>nᵏ, saturating at long.MaxValue.</summary>
    internal static long NodeCount(int k, int n)
    {
        long count = 1;
        for (int d = 0; d < k; d++)
        {
            if (count > long.MaxValue / n) return long.MaxValue;
            count *= n;
        }
        return count;
    }

    private static StandardNormalRule BuildTensor(int k, int n, int count)
    {
        var (x, w) = OneDimensional(n);
        var nodes = new double[count * k];
        var weights = new double[count];
        Span<int> index = stackalloc int[k];
        for (int j = 0; j < count; j++)
        {
            double weight = 1.0;
            for (int d = 0; d < k; d++)
            {
                nodes[j * k + d] = x[index[d]];
                weight *= w[index[d]];
            }
            weights[j] = weight;
            for (int d = k - 1; d >= 0; d--) // last coordinate runs fastest
            {
                if (++index[d] < n) break;
                index[d] = 0;
            }
        }
        string name = k == 1 ? $"Gauss–Hermite n={n}" : $"Gauss–Hermite tensor n={n}, k={k} ({count} nodes)";
        int refinedOrder = n + 4;
        Func<StandardNormalRule?> refinement = () =>
            refinedOrder <= MaxOrder && NodeCount(k, refinedOrder) <= StandardNormalRule.MaxNodeCount
                ? Tensor(k, refinedOrder)
                : null;
        Func<StandardNormalRule?> coarsening = () => n > 4 ? Tensor(k, n - 4) : null;
        return new StandardNormalRule(k, nodes, weights, name, StandardNormalRuleFamily.GaussHermiteTensor,
            exactDegree: 2 * n - 1, refinement, coarsening);
    }

    /// <summary>Nodes (ascending) and weights (sum 1) of the n-node rule; cached, do not mutate.</summary>
    internal static (double[] Nodes, double[] Weights) OneDimensional(int n) =>
        s_oneDimensional.GetOrAdd(n, Compute);

    private static (double[] Nodes, double[] Weights) Compute(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        if (n == 1)
        {
            nodes[0] = 0.0;
            weights[0] = 1.0;
            return (nodes, weights);
        }
        double[] eigenvalues = JacobiMatrixEigenvalues(n);
        Array.Sort(eigenvalues);
        int half = n / 2;
        for (int i = 0; i < half; i++)
        {
            // Polish the positive root (largest first in the upper half) by Newton on p_n.
            double z = Math.Abs(eigenvalues[n - 1 - i]);
            z = NewtonPolish(n, z);
            double w = ChristoffelWeight(n, z);
            nodes[n - 1 - i] = z;
            nodes[i] = -z;
            weights[n - 1 - i] = w;
            weights[i] = w;
        }
        if ((n & 1) == 1)
        {
            nodes[half] = 0.0;
            weights[half] = ChristoffelWeight(n, 0.0);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) sum += weights[i];
        for (int i = 0; i < n; i++) weights[i] /= sum;
        return (nodes, weights);
    }

    /// <summary>Orthonormal probabilists' Hermite values p_{n−1}(z), p_n(z) (E p_i p_j = δ_ij).</summary>
    private static (double Previous, double Current) Orthonormal(int n, double z)
    {
        double previous = 0.0, current = 1.0; // p_{-1}, p_0
        for (int i = 0; i < n; i++)
        {
            double next = (z * current - Math.Sqrt(i) * previous) / Math.Sqrt(i + 1);
            previous = current;
            current = next;
        }
        return (previous, current);
    }

    private static double NewtonPolish(int n, double z)
    {
        double sqrtN = Math.Sqrt(n);
        for (int iteration = 0; iteration < 20; iteration++)
        {
            var (pnm1, pn) = Orthonormal(n, z);
            double dz = pn / (sqrtN * pnm1); // p_n' = √n p_{n−1}
            z -= dz;
            if (Math.Abs(dz) <= 1e-15 * Math.Max(1.0, Math.Abs(z))) break;
        }
        return z;
    }

    private static double ChristoffelWeight(int n, double z)
    {
        var (pnm1, _) = Orthonormal(n, z);
        return 1.0 / (n * pnm1 * pnm1);
    }

    /// <summary>Eigenvalues of the symmetric tridiagonal Jacobi matrix (diag 0, off-diagonal √i) by implicit QL.</summary>
    private static double[] JacobiMatrixEigenvalues(int n)
    {
        var d = new double[n];
        var e = new double[n];
        for (int i = 0; i < n - 1; i++) e[i] = Math.Sqrt(i + 1);
        for (int l = 0; l < n; l++)
        {
            int iterations = 0;
            while (true)
            {
                int m;
                for (m = l; m < n - 1; m++)
                {
                    double dd = Math.Abs(d[m]) + Math.Abs(d[m + 1]);
                    if (Math.Abs(e[m]) <= double.Epsilon || Math.Abs(e[m]) <= 1e-17 * dd) break;
                }
                if (m == l) break;
                if (++iterations > 100) throw new InvalidOperationException("Gauss–Hermite: QL iteration did not converge.");
                double g = (d[l + 1] - d[l]) / (2.0 * e[l]);
                double r = Hypot(g, 1.0);
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? Math.Abs(r) : -Math.Abs(r)));
                double s = 1.0, c = 1.0, p = 0.0;
                bool underflow = false;
                int i;
                for (i = m - 1; i >= l; i--)
                {
                    double f = s * e[i];
                    double b = c * e[i];
                    r = Hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0.0)
                    {
                        d[i + 1] -= p;
                        e[m] = 0.0;
                        underflow = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2.0 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                }
                if (underflow) continue;
                d[l] -= p;
                e[l] = g;
                e[m] = 0.0;
            }
        }
        return d;
    }

    private static double Hypot(double a, double b)
    {
        a = Math.Abs(a);
        b = Math.Abs(b);
        if (a < b) (a, b) = (b, a);
        if (a == 0) return 0;
        double t = b / a;
        return a * Math.Sqrt(1 + t * t);
    }
}
