using TheoryCheck.Numerics.Kernels;
using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Simulation.Common;

/// <summary>
/// A random orthonormal n-frame of ℝ^d from a keyed stream: the Q factor (positive diagonal R) of a d×n standard Gaussian
/// matrix G (column a at normal positions [a·d, (a+1)·d) of the stream), by Gram–Schmidt with one re-orthogonalisation
/// pass in fixed-order arithmetic, so the frame is a pure function of (key, n, d) on every machine and thread count.
/// Its distribution is Haar on the Stiefel manifold.
/// </summary>
internal static class RandomFrame
{
    /// <summary>The n orthonormal rows (row a at [a·d, (a+1)·d)) of the frame drawn from <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentException">n &lt; 1 or n &gt; d.</exception>
    public static double[] Rows(int n, int d, StreamKey key)
    {
        if (n < 1 || n > d) throw new ArgumentException($"an orthonormal frame needs 1 ≤ n ≤ d (n = {n}, d = {d})");
        var q = new double[(long)n * d];
        RandomStream.FillNormal(key, 0, q);
        for (int a = 0; a < n; a++)
        {
            Span<double> v = q.AsSpan(a * d, d);
            for (int pass = 0; pass < 2; pass++)
                for (int b = 0; b < a; b++)
                {
                    ReadOnlySpan<double> u = q.AsSpan(b * d, d);
                    double projection = FixedOrderKernels.Dot(u, v);
                    for (int i = 0; i < d; i++) v[i] = Math.FusedMultiplyAdd(-projection, u[i], v[i]);
                }
            double norm = Math.Sqrt(FixedOrderKernels.Dot(v, v));
            if (!(norm > 0)) throw new InvalidOperationException("the Gaussian matrix of the frame is rank deficient");
            for (int i = 0; i < d; i++) v[i] /= norm;
        }
        return q;
    }
}
