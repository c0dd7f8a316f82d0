using MathNet.Numerics.LinearAlgebra;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Tests.Models.Kgmm;
using TheoryCheck.Theory.Kgmm;

namespace TheoryCheck.Tests.Theory.Kgmm;

public sealed class KgmmPopulationMatricesTests
{
    internal static KgmmPopulationMatrices Population(KgmmParameters p, KgmmStatistics s, int n = 12)
    {
        var (nodes, weights) = TestRules.Tensor(p.K, n);
        return new KgmmPopulationMatrices(p, s, nodes, weights, $"test GH n={n}");
    }

    /// <summary>A finite-d state: random orthonormal means (QR of a Gaussian matrix) and random weights.</summary>
    internal static (double[] Means, double[] Weights) FiniteState(int k, int d, int seed, double scale = 0.6)
    {
        var rng = new Random(seed);
        var g = Matrix<double>.Build.Dense(d, k, (_, _) => TestRules.Normal(rng));
        var qr = g.QR();
        var means = new double[k * d];
        for (int a = 0; a < k; a++)
            for (int i = 0; i < d; i++) means[a * d + i] = qr.Q[i, a];
        var weights = new double[k * d];
        for (int c = 0; c < k; c++)
            for (int i = 0; i < d; i++) weights[c * d + i] = scale * TestRules.Normal(rng) / Math.Sqrt(d) + 0.8 * (c == 0 ? means[i] : 0) - 0.3 * means[((c + 1) % k) * d + i];
        return (means, weights);
    }

    [Fact]
    public void BasisIsOrthonormalAndReproducesTheWeights()
    {
        const int k = 3, d = 12;
        var (means, weights) = FiniteState(k, d, 1);
        var s = KgmmStatistics.FromVectors(k, d, means, weights);
        var coordinates = new KgmmSubspaceCoordinates(s);
        Assert.Equal(2 * k, coordinates.Q);
        var (basis, error) = coordinates.Basis(means, weights, d);
        Assert.True(error < 1e-12, $"orthonormality error {error:E2}");
        for (int c = 0; c < k; c++)
        {
            var x = coordinates.Weight(c);
            for (int i = 0; i < d; i++)
            {
                double s2 = 0;
                for (int a = 0; a < coordinates.Q; a++) s2 += x[a] * basis[a * d + i];
                Assert.Equal(weights[c * d + i], s2, 12);
            }
        }
    }

    [Fact]
    public void IdentityTwoOneAgreesWithMonteCarloAverages()
    {
        // (2.1): E[h YYᵀ] = L E[h vvᵀ] Lᵀ + (E[h]/λ)(I − LLᵀ), checked entrywise against (1/N) Σ h(Y) YYᵀ at d = 12.
        const int k = 3, d = 12, samples = 150_000;
        var p = new KgmmParameters(k, 4, 0.1, 1, [0.3, 0.3, 0.4]);
        var (means, weights) = FiniteState(k, d, 2);
        var s = KgmmStatistics.FromVectors(k, d, means, weights);
        var population = Population(p, s, 14);
        var (basis, _) = population.Coordinates.Basis(means, weights, d);
        var targets = new (KgmmMatrixKind Kind, int C, int C2)[]
        {
            (KgmmMatrixKind.Hessian, 0, 0), (KgmmMatrixKind.G, 0, 0), (KgmmMatrixKind.Hessian, 0, 2), (KgmmMatrixKind.G, 1, 2),
        };
        var sum = targets.Select(_ => new double[d * d]).ToArray();
        var sq = targets.Select(_ => new double[d * d]).ToArray();
        var rng = new Random(77);
        var y = new double[d];
        var zeta = new double[k];
        var pi = new double[k];
        double noise = 1 / Math.Sqrt(p.Lambda);
        for (int n = 0; n < samples; n++)
        {
            double u = rng.NextDouble();
            int b = 0;
            for (double acc = p.P[0]; u > acc && b < k - 1; acc += p.P[++b]) { }
            for (int i = 0; i < d; i++) y[i] = means[b * d + i] + noise * TestRules.Normal(rng);
            for (int c = 0; c < k; c++)
            {
                double z = 0;
                for (int i = 0; i < d; i++) z += weights[c * d + i] * y[i];
                zeta[c] = z;
            }
            KgmmSample.Softmax(zeta, pi);
            for (int t = 0; t < targets.Length; t++)
            {
                var (kind, c, c2) = targets[t];
                double h = kind == KgmmMatrixKind.Hessian
                    ? pi[c] * ((c == c2 ? 1 : 0) - pi[c2])
                    : (pi[c] - (c == b ? 1 : 0)) * (pi[c2] - (c2 == b ? 1 : 0));
                for (int i = 0; i < d; i++)
                    for (int j = 0; j < d; j++)
                    {
                        double v = h * y[i] * y[j];
                        sum[t][i * d + j] += v;
                        sq[t][i * d + j] += v * v;
                    }
            }
        }
        for (int t = 0; t < targets.Length; t++)
        {
            var (kind, c, c2) = targets[t];
            var dense = population.DenseBlock(kind, c, c2, basis, d);
            for (int i = 0; i < d * d; i++)
            {
                double mean = sum[t][i] / samples;
                double se = Math.Sqrt(Math.Max(sq[t][i] / samples - mean * mean, 0) / samples);
                Assert.True(Math.Abs(dense[i] - mean) <= 5 * se + 1e-12,
                    $"{kind} ({c},{c2}) entry {i}: population {dense[i]:R} vs Monte Carlo {mean:R} ± {se:E2}");
            }
        }
    }

    [Theory]
    [InlineData(3, 0.25)]
    [InlineData(4, 0.25)]
    public void LambdaInfinityLimitAtTheSymmetricFixedPoint(int k, double beta)
    {
        // §9.4–9.5 at λ → ∞ (λ = 1e7 here, corrections O(1/λ)), R⊥ = 0 so S = span(means), q = k.
        var fp = KgmmSymmetricFixedPoint.Solve(k, beta);
        var m = fp.M();
        var r = new double[k * k];
        for (int c = 0; c < k; c++)
            for (int e = 0; e < k; e++)
                for (int a = 0; a < k; a++) r[c * k + e] += m[c * k + a] * m[e * k + a];
        var p = new KgmmParameters(k, 1e7, beta, 1);
        var population = Population(p, new KgmmStatistics(k, m, r), 6);
        Assert.Equal(k, population.Q);
        const double tol = 1e-5;
        // Block Hessian / G of class 0: p q(1−q) along μ_0 and p r(1−r) (×(k−1)); G: p(1−q)², p r².
        var h = population.BlockSpectrum(KgmmMatrixKind.Hessian, 0);
        var expectedH = new[] { fp.BlockHessianOwn }.Concat(Enumerable.Repeat(fp.BlockHessianOther, k - 1)).OrderByDescending(x => x).ToArray();
        for (int j = 0; j < k; j++) Assert.InRange(h.Eigenvalues[j] - expectedH[j], -tol, tol);
        var g = population.BlockSpectrum(KgmmMatrixKind.G, 0);
        Assert.InRange(g.Eigenvalues[0] - fp.BlockGOwn, -tol, tol);
        for (int j = 1; j < k; j++) Assert.InRange(g.Eigenvalues[j] - fp.BlockGOther, -tol, tol);
        // The top eigenvector of the G block is μ_0 (coordinate ē_0).
        Assert.InRange(Math.Abs(g.Eigenvector(0)[0]), 1 - 1e-6, 1 + 1e-6);
        Assert.True(h.BulkLevels[0] < 1e-6);

        // Full matrices: k outliers, k(k−2) minibulk, k zeros; G: k outliers and zeros.
        var full = population.FullSpectrum(KgmmMatrixKind.Hessian).Eigenvalues;
        for (int j = 0; j < k; j++) Assert.InRange(full[j] - fp.FullHessianOutlier, -tol, tol);
        for (int j = k; j < k + k * (k - 2); j++) Assert.InRange(full[j] - fp.FullHessianMinibulk, -tol, tol);
        for (int j = k + k * (k - 2); j < k * k; j++) Assert.InRange(full[j], -tol, tol);
        var fullG = population.FullSpectrum(KgmmMatrixKind.G).Eigenvalues;
        for (int j = 0; j < k; j++) Assert.InRange(fullG[j] - fp.FullGOutlier, -tol, tol);
        for (int j = k; j < k * k; j++) Assert.InRange(fullG[j], -tol, tol);
        // The fixed point x = Σ_a m_{·a} ⊗ μ_a lies in the top-k eigenspace of both full matrices.
        var x = new double[k * k];
        for (int c = 0; c < k; c++)
            for (int a = 0; a < k; a++) x[c * k + a] = m[c * k + a];
        foreach (var spectrum in new[] { population.FullSpectrum(KgmmMatrixKind.Hessian), population.FullSpectrum(KgmmMatrixKind.G) })
        {
            double captured = 0, norm = x.Sum(v => v * v);
            for (int j = 0; j < k; j++)
            {
                var v = spectrum.Eigenvector(j);
                double dot = v.Zip(x, (a, b) => a * b).Sum();
                captured += dot * dot;
            }
            Assert.InRange(captured / norm, 1 - 1e-6, 1 + 1e-6);
        }
    }

    [Fact]
    public void BulkMatricesAreHBarAndGBarOverLambda()
    {
        const int k = 3;
        var p = new KgmmParameters(k, 5, 0.1, 1, [0.2, 0.5, 0.3]);
        var (means, weights) = FiniteState(k, 10, 5);
        var s = KgmmStatistics.FromVectors(k, 10, means, weights);
        var population = Population(p, s, 16);
        var (nodes, w) = TestRules.Tensor(k - 1, 16);
        var moments = new KgmmGaussianMoments(p, nodes, w, "");
        var d = new double[k * k]; var h = new double[k * k]; var g = new double[k * k];
        moments.Evaluate(s.M, s.R, d, h, g);
        var bh = population.BulkMatrix(KgmmMatrixKind.Hessian);
        var bg = population.BulkMatrix(KgmmMatrixKind.G);
        for (int i = 0; i < k * k; i++)
        {
            Assert.Equal(h[i] / p.Lambda, bh[i], 9);
            Assert.Equal(g[i] / p.Lambda, bg[i], 9);
        }
        // One bulk level of the full Hessian is 0 (H̄1 = 0).
        Assert.InRange(population.FullSpectrum(KgmmMatrixKind.Hessian).BulkLevels[^1], -1e-12, 1e-12);
    }
}
