using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.LinearAlgebra;
using TheoryCheck.Numerics.Random;

namespace TheoryCheck.Tests.Models.Xor;

/// <summary>
/// An independent reference for xor expectations: plain Monte Carlo in the K + 2 dimensions of xor.md §5.1, written
/// from that recipe without the K-dimensional reduction: ζ ~ N(0, I_{K+2}), μ·X = a_ϑ + ζ_1/√λ, ν·X = b_ϑ + ζ_2/√λ,
/// (W_j⊥·X)_j = C ζ_{3:K+2}/√λ with C = (R⊥)^{1/2}, u_i = m^μ_i (μ·X) + m^ν_i (ν·X) + W_i⊥·X. Each sample visits the
/// four clusters with the same ζ.
/// </summary>
internal sealed class XorReferenceSampler
{
    private readonly XorStatistics _s;
    private readonly double _lambda;
    private readonly double[] _root;

    public XorReferenceSampler(XorStatistics statistics, double lambda)
    {
        _s = statistics;
        _lambda = lambda;
        int k = statistics.Width;
        _root = new double[k * k];
        SymmetricSquareRoot.Compute(statistics.Rperp, k, _root, new double[SymmetricSquareRoot.WorkLength(k)]);
    }

    /// <summary>One draw of the coordinates for cluster ϑ from ζ: (μ·X, ν·X, W⊥·X (K), u (K)).</summary>
    public (double Mu, double Nu, double[] Perp, double[] U) Draw(int cluster, ReadOnlySpan<double> zeta)
    {
        int k = _s.Width;
        double scale = 1 / Math.Sqrt(_lambda);
        double mu = XorClusters.MuCoordinate(cluster) + zeta[0] * scale;
        double nu = XorClusters.NuCoordinate(cluster) + zeta[1] * scale;
        var perp = new double[k];
        var u = new double[k];
        for (int j = 0; j < k; j++)
        {
            double s = 0;
            for (int l = 0; l < k; l++) s += _root[j * k + l] * zeta[2 + l];
            perp[j] = s * scale;
        }
        for (int i = 0; i < k; i++) u[i] = _s.Mmu[i] * mu + _s.Mnu[i] * nu + perp[i];
        return (mu, nu, perp, u);
    }

    /// <summary>
    /// Mean and standard error of (1/4)Σ_ϑ f(ϑ, draw) over <paramref name="samples"/> draws of ζ (stream seed
    /// <paramref name="seed"/>), for a vector-valued f of length <paramref name="length"/>.
    /// </summary>
    public (double[] Mean, double[] StandardError) Expectation(int samples, ulong seed, int length,
        Func<int, (double Mu, double Nu, double[] Perp, double[] U), double[]> f)
    {
        int k = _s.Width;
        var zeta = new double[k + 2];
        var stream = new RandomStream(new StreamKey(seed, 0xC0FFEE));
        var sum = new double[length];
        var sum2 = new double[length];
        for (int n = 0; n < samples; n++)
        {
            stream.FillNormal(zeta);
            var total = new double[length];
            for (int cluster = 0; cluster < XorClusters.Count; cluster++)
            {
                var value = f(cluster, Draw(cluster, zeta));
                for (int j = 0; j < length; j++) total[j] += 0.25 * value[j];
            }
            for (int j = 0; j < length; j++)
            {
                sum[j] += total[j];
                sum2[j] += total[j] * total[j];
            }
        }
        var mean = sum.Select(x => x / samples).ToArray();
        var se = sum2.Select((x, j) => Math.Sqrt(Math.Max(0, x / samples - mean[j] * mean[j]) / (samples - 1))).ToArray();
        return (mean, se);
    }
}
