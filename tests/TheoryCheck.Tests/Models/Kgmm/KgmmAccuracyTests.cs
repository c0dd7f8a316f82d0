using TheoryCheck.Models.Kgmm;
using TheoryCheck.Numerics.Gaussian;

namespace TheoryCheck.Tests.Models.Kgmm;

public sealed class KgmmAccuracyTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void AccuracyAtTheUninformativeStartIsOneOverK(int k)
    {
        var parameters = new KgmmParameters(k, 3, 0.1, 1);
        var s = KgmmStatistics.Initial(k);
        var est = KgmmAccuracy.Evaluate(parameters, s.M, s.R);
        // 5 standard errors of the estimator; k ≤ 3 is a closed form (standard error 0): rounding only.
        double tolerance = Math.Max(5 * est.StandardError, 1e-14);
        Assert.InRange(est.Value - 1.0 / k, -tolerance, tolerance);
    }

    [Fact]
    public void TwoClassesIsPhiOfTheMarginOverItsStandardDeviation()
    {
        var parameters = new KgmmParameters(2, 4, 0.1, 1, [0.3, 0.7]);
        double[] m = [0.8, -0.1, -0.2, 0.5];
        double[] r = [1.5, 0.3, 0.3, 0.9];
        double var = (r[0] - 2 * r[1] + r[3]) / 4;
        double expected = 0.3 * NormalProbability.Cdf((m[0] - m[2]) / Math.Sqrt(var))
                          + 0.7 * NormalProbability.Cdf((m[3] - m[1]) / Math.Sqrt(var));
        Assert.Equal(expected, KgmmAccuracy.Evaluate(parameters, m, r).Value, 14);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void AccuracyAgreesWithMonteCarloOfTheArgmax(int k)
    {
        // Independent implementation: sample ζ^b = m_{·b} + ξ, ξ ~ N(0, R/λ) through a Cholesky factor of R.
        var rng = new Random(12345 + k);
        double lambda = 2.5;
        var p = Enumerable.Range(1, k).Select(i => (double)i).ToArray();
        double ps = p.Sum();
        p = p.Select(x => x / ps).ToArray();
        var parameters = new KgmmParameters(k, lambda, 0.1, 1, p);
        var m = new double[k * k];
        for (int i = 0; i < m.Length; i++) m[i] = rng.NextDouble() - 0.3;
        var a = new double[k * k];
        for (int i = 0; i < a.Length; i++) a[i] = rng.NextDouble() - 0.5;
        var r = new double[k * k];
        for (int c = 0; c < k; c++)
            for (int e = 0; e < k; e++)
            {
                double s = c == e ? 0.5 : 0;
                for (int l = 0; l < k; l++) s += a[c * k + l] * a[e * k + l];
                r[c * k + e] = s;
            }
        var chol = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(k, k, (i, j) => r[i * k + j] / lambda).Cholesky().Factor;
        const int samples = 400_000;
        int hits = 0;
        var z = new double[k];
        for (int n = 0; n < samples; n++)
        {
            double u = rng.NextDouble();
            int b = 0;
            for (double acc = p[0]; u > acc && b < k - 1; acc += p[++b]) { }
            for (int i = 0; i < k; i++) z[i] = Normal(rng);
            int best = -1;
            double bestValue = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
            {
                double zeta = m[c * k + b];
                for (int l = 0; l <= c; l++) zeta += chol[c, l] * z[l];
                if (zeta > bestValue) { bestValue = zeta; best = c; }
            }
            if (best == b) hits++;
        }
        double mc = (double)hits / samples;
        double se = Math.Sqrt(mc * (1 - mc) / samples);
        var est = KgmmAccuracy.Evaluate(parameters, m, r);
        Assert.InRange(est.Value - mc, -5 * se - 5 * est.StandardError, 5 * se + 5 * est.StandardError);
    }

    private static double Normal(Random rng)
    {
        double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
