using TheoryCheck.Numerics.Spectra;
using static TheoryCheck.Tests.Numerics.Spectra.SpectraTestData;

namespace TheoryCheck.Tests.Numerics.Spectra;

public sealed class LanczosTests
{
    // Test matrices shared by the cases of a theory (built once: the O(n³) construction dominates the run time).
    private static readonly Lazy<(double[] Spectrum, double[,] Matrix, double[][] Eigenvectors)> RepeatedTopCase = new(() =>
    {
        // λ = 3 (×3), then 2.5, 2.4 and a spread bulk in [−1, 2].
        const int n = 400;
        var spectrum = new double[n];
        spectrum[0] = spectrum[1] = spectrum[2] = 3;
        spectrum[3] = 2.5;
        spectrum[4] = 2.4;
        for (int i = 5; i < n; i++) spectrum[i] = 2 - 3.0 * (i - 5) / (n - 6.0);
        (double[,] matrix, double[][] eigenvectors) = WithSpectrum(spectrum, 31);
        return (spectrum, matrix, eigenvectors);
    });

    private static readonly Lazy<(double[] Spectrum, double[,] Matrix, double[][] Eigenvectors)> TripleTopCase = new(() =>
    {
        // λ = 1 (×3), 0.9, then a bulk in (0, 0.5].
        const int n = 300;
        var spectrum = new double[n];
        spectrum[0] = spectrum[1] = spectrum[2] = 1;
        spectrum[3] = 0.9;
        for (int i = 4; i < n; i++) spectrum[i] = 0.5 * (n - i) / n;
        (double[,] matrix, double[][] eigenvectors) = WithSpectrum(spectrum, 3);
        return (spectrum, matrix, eigenvectors);
    });

    /// <summary>
    /// Common checks: converged; values within 1e-8 relative of the reference; reported residuals ≤ the bound and
    /// equal to ‖Av − θv‖ recomputed by plain loops; orthonormal vectors; matvec count equals the counted products.
    /// </summary>
    private static LanczosResult RunAndCheck(double[,] matrix, int count, IReadOnlyList<double> expectedTop, LanczosOptions? options = null)
    {
        var counter = new MatvecCountingOperator(new DenseSymmetricOperator(matrix));
        LanczosResult result = Lanczos.TopEigenpairs(counter, count, options);
        Assert.True(result.Converged);
        Assert.True(result.FreshStartCheckPassed);
        Assert.Equal(count, result.Count);
        Assert.Equal(counter.Count, result.MatvecCount);
        double scale = Math.Abs(expectedTop[0]);
        for (int i = 0; i < count; i++)
        {
            Assert.True(Math.Abs(result.Values[i] - expectedTop[i]) <= 1e-8 * Math.Max(Math.Abs(expectedTop[i]), 1e-300),
                $"θ_{i} = {result.Values[i]:R}, expected {expectedTop[i]:R}");
            if (i > 0) Assert.True(result.Values[i] <= result.Values[i - 1]);
            double recomputed = Residual(v => Multiply(matrix, v), result.Vectors[i], result.Values[i]);
            Assert.True(result.ResidualNorms[i] <= result.ResidualBound(i), $"residual {i} = {result.ResidualNorms[i]:G3}");
            Assert.True(Math.Abs(recomputed - result.ResidualNorms[i]) <= 1e-13 * Math.Max(scale, result.NormEstimate),
                $"reported residual {result.ResidualNorms[i]:G3}, recomputed {recomputed:G3}");
            Assert.True(Math.Abs(Norm(result.Vectors[i]) - 1) <= 1e-13);
        }
        Assert.True(OrthonormalityDefect(result.Vectors) <= 1e-12);
        return result;
    }

    [Theory]
    [InlineData(50, 5, 11UL)]
    [InlineData(200, 8, 12UL)]
    [InlineData(500, 6, 13UL)]
    public void RandomSymmetricMatchesDenseOracle(int n, int count, ulong seed)
    {
        double[,] matrix = RandomSymmetric(n, seed);
        DenseEigenDecomposition oracle = DenseEigenOracle.Decompose(matrix);
        LanczosResult result = RunAndCheck(matrix, count, oracle.Values);
        double norm = Math.Max(Math.Abs(oracle.Values[0]), Math.Abs(oracle.Values[n - 1]));
        for (int i = 0; i < count; i++)
        {
            double gap = Math.Min(
                i > 0 ? oracle.Values[i - 1] - oracle.Values[i] : double.PositiveInfinity,
                oracle.Values[i] - oracle.Values[i + 1]);
            double cosine = Math.Abs(Dot(result.Vectors[i], oracle.Vectors[i]));
            if (gap >= 1e-3 * norm)
                Assert.True(cosine >= 1 - 1e-8, $"pair {i}: |⟨v, u⟩| = {cosine:R}, gap {gap:G3}");
            // Davis–Kahan for every pair: sin∠ ≤ ‖r‖ / gap.
            double sine = Math.Sqrt(Math.Max(0, 1 - cosine * cosine));
            Assert.True(sine <= result.ResidualNorms[i] / gap + 1e-7, $"pair {i}: sin = {sine:G3}, bound {result.ResidualNorms[i] / gap:G3}");
        }
    }

    [Fact]
    public void ClusteredTopEigenvaluesGiveTheInvariantSubspace()
    {
        // Cluster 1, 1 + 1e-6, …, 1 + 4e-6 at the top, then a spread bulk in [−1, 0.5].
        const int n = 300, cluster = 5;
        var spectrum = new double[n];
        for (int i = 0; i < cluster; i++) spectrum[i] = 1 + (cluster - 1 - i) * 1e-6;
        for (int i = cluster; i < n; i++) spectrum[i] = 0.5 - 1.5 * (i - cluster) / (n - cluster - 1.0);
        (double[,] matrix, double[][] eigenvectors) = WithSpectrum(spectrum, 21);

        foreach (int count in new[] { cluster, cluster + 2 })
        {
            LanczosResult result = RunAndCheck(matrix, count, spectrum);
            double[] cosines = SubspaceMetrics.PrincipalAngleCosines(result.Vectors.Take(cluster).ToArray(), eigenvectors.Take(cluster).ToArray());
            Assert.All(cosines, c => Assert.True(c >= 1 - 1e-8, $"cosine {c:R}"));
            Assert.All(CosinesViaGram(result.Vectors.Take(cluster).ToArray(), eigenvectors.Take(cluster).ToArray()),
                c => Assert.True(c >= 1 - 1e-8, $"cosine {c:R}"));
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    public void RepeatedTopEigenvalueIsFoundWithFullMultiplicity(int count)
    {
        // λ = 3 (×3), then 2.5, 2.4 and a spread bulk: the top-3 eigenspace must be found, not one copy of 3.
        (double[] spectrum, double[,] matrix, double[][] eigenvectors) = RepeatedTopCase.Value;

        LanczosResult result = RunAndCheck(matrix, count, spectrum);
        double[] cosines = SubspaceMetrics.PrincipalAngleCosines(result.Vectors.Take(3).ToArray(), eigenvectors.Take(3).ToArray());
        Assert.Equal(3, cosines.Length);
        Assert.All(cosines, c => Assert.True(c >= 1 - 1e-8, $"cosine {c:R}"));
        if (count >= 4)
            Assert.True(Math.Abs(Dot(result.Vectors[3], eigenvectors[3])) >= 1 - 1e-8);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(5)]
    [InlineData(8)]
    public void TripleTopEigenvalueOverAGappedBulkNeedsTheFreshStartCheck(int? krylovDimension)
    {
        // λ = 1 (×3), 0.9, bulk in (0, 0.5]. A single Krylov sequence converges to one copy of 1 plus 0.9 before
        // the rounding-level components of the other copies grow; the fresh-start check must expose them.
        (double[] spectrum, double[,] matrix, double[][] eigenvectors) = TripleTopCase.Value;
        LanczosResult result = RunAndCheck(matrix, 3, spectrum, new LanczosOptions { KrylovDimension = krylovDimension });
        Assert.All(SubspaceMetrics.PrincipalAngleCosines(result.Vectors, eigenvectors.Take(3).ToArray()),
            c => Assert.True(c >= 1 - 1e-8, $"cosine {c:R}"));
    }

    [Fact]
    public void SpikedModelWithFlatBulkMatchesDenseOracle()
    {
        // k outliers (one repeated) over a flat bulk: the k-GMM population structure (kgmm.md §9.1), n = 300.
        const int n = 300;
        var spectrum = Enumerable.Repeat(0.2, n).ToArray();
        spectrum[0] = 1.5; spectrum[1] = 1.2; spectrum[2] = 1.2; spectrum[3] = 0.9;
        (double[,] matrix, double[][] eigenvectors) = WithSpectrum(spectrum, 41);
        DenseEigenDecomposition oracle = DenseEigenOracle.Decompose(matrix);
        LanczosResult result = RunAndCheck(matrix, 6, oracle.Values);
        for (int i = 0; i < 6; i++) Assert.Equal(spectrum[i], result.Values[i], 1e-12);
        Assert.All(SubspaceMetrics.PrincipalAngleCosines(result.Vectors.Take(4).ToArray(), oracle.TopVectors(4)),
            c => Assert.True(c >= 1 - 1e-8, $"cosine {c:R}"));
        Assert.All(SubspaceMetrics.PrincipalAngleCosines(result.Vectors.Take(4).ToArray(), eigenvectors.Take(4).ToArray()),
            c => Assert.True(c >= 1 - 1e-8, $"cosine {c:R}"));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    public void MatrixFreeLowRankPlusIdentityHasOutliersThetaPlusSigma(int count)
    {
        // A = Σ θ_i u_i u_iᵀ + σ I, n = 2000, never materialised: eigenvalues θ_i + σ, then σ (multiplicity n − 4).
        const int n = 2000;
        const double sigma = 0.5;
        double[] strengths = [4.0, 2.0, 2.0, 2.0];
        double[][] directions = OrthonormalColumns(n, strengths.Length, 51);
        var op = new LowRankPlusIdentity(directions, strengths, sigma);
        var counter = new MatvecCountingOperator(op);
        LanczosResult result = Lanczos.TopEigenpairs(counter, count);

        Assert.True(result.Converged);
        Assert.True(result.FreshStartCheckPassed);
        Assert.Equal(counter.Count, result.MatvecCount);
        double[] expected = strengths.Select(t => t + sigma).Concat(Enumerable.Repeat(sigma, count - strengths.Length)).ToArray();
        for (int i = 0; i < count; i++)
        {
            Assert.True(Math.Abs(result.Values[i] - expected[i]) <= 1e-12 * expected[0], $"θ_{i} = {result.Values[i]:R}, expected {expected[i]}");
            double recomputed = Residual(v => { var y = new double[n]; op.Apply(v, y); return y; }, result.Vectors[i], result.Values[i]);
            Assert.True(result.ResidualNorms[i] <= result.ResidualBound(i));
            Assert.True(Math.Abs(recomputed - result.ResidualNorms[i]) <= 1e-13 * expected[0]);
        }
        Assert.True(OrthonormalityDefect(result.Vectors) <= 1e-12);
        Assert.All(SubspaceMetrics.PrincipalAngleCosines(result.Vectors.Take(4).ToArray(), directions),
            c => Assert.True(c >= 1 - 1e-8, $"cosine {c:R}"));
        // The repeated outlier θ = 2 (×3) is resolved as a 3-dimensional eigenspace.
        Assert.All(SubspaceMetrics.PrincipalAngleCosines(result.Vectors.Skip(1).Take(3).ToArray(), directions.Skip(1).ToArray()),
            c => Assert.True(c >= 1 - 1e-8, $"cosine {c:R}"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void SmallDimensionIsExact(int count)
    {
        double[,] matrix = RandomSymmetric(5, 61);
        DenseEigenDecomposition oracle = DenseEigenOracle.Decompose(matrix);
        LanczosResult result = RunAndCheck(matrix, count, oracle.Values);
        Assert.Equal(5, result.KrylovDimension);
        Assert.Equal(0, result.Restarts);
        for (int i = 0; i < count; i++) Assert.True(Math.Abs(Dot(result.Vectors[i], oracle.Vectors[i])) >= 1 - 1e-12);
    }

    [Fact]
    public void DiagonalMatricesIncludingRepeatedEntries()
    {
        double[] diagonal = [0.5, 3, -1, 3, 2, 0.5, 3, -7];
        var op = new DiagonalOperator(diagonal);
        LanczosResult result = Lanczos.TopEigenpairs(op, 5);
        Assert.True(result.Converged);
        Assert.Equal([3, 3, 3, 2, 0.5], result.Values.Select(v => Math.Round(v, 12)).ToArray());
        // The eigenspace of 3 is span(e_1, e_3, e_6).
        double[][] e3 = [Unit(8, 1), Unit(8, 3), Unit(8, 6)];
        Assert.All(SubspaceMetrics.PrincipalAngleCosines(result.Vectors.Take(3).ToArray(), e3), c => Assert.True(c >= 1 - 1e-12));

        LanczosResult single = Lanczos.TopEigenpairs(new DiagonalOperator([4.25]), 1);
        Assert.True(single.Converged);
        Assert.Equal(4.25, single.Values[0]);
        Assert.Equal(1.0, Math.Abs(single.Vectors[0][0]), 14);
    }

    [Fact]
    public void LargestAlgebraicNotLargestMagnitude()
    {
        // All eigenvalues negative, the largest magnitude ones far below: the top-2 are −1 and −2.
        const int n = 120;
        var spectrum = new double[n];
        for (int i = 0; i < n; i++) spectrum[i] = -1 - i * (i < 2 ? 1 : 5.0);
        (double[,] matrix, double[][] eigenvectors) = WithSpectrum(spectrum, 71);
        LanczosResult result = RunAndCheck(matrix, 2, spectrum);
        Assert.Equal(-1, result.Values[0], 1e-10);
        Assert.Equal(-2, result.Values[1], 1e-10);
        Assert.True(Math.Abs(Dot(result.Vectors[0], eigenvectors[0])) >= 1 - 1e-8);

        // Mixed signs with a huge negative eigenvalue: still the algebraically largest.
        var mixed = new double[n];
        for (int i = 0; i < n; i++) mixed[i] = 1 - 0.01 * i;
        mixed[n - 1] = -1000;
        (double[,] mixedMatrix, _) = WithSpectrum(mixed, 72);
        RunAndCheck(mixedMatrix, 3, mixed);
    }

    [Fact]
    public void SmallestEigenvaluesAreTheTopOfTheNegatedMatrix()
    {
        double[,] matrix = RandomSymmetric(80, 81);
        DenseEigenDecomposition oracle = DenseEigenOracle.Decompose(matrix);
        var negated = new double[80, 80];
        for (int i = 0; i < 80; i++)
            for (int j = 0; j < 80; j++) negated[i, j] = -matrix[i, j];
        LanczosResult result = Lanczos.TopEigenpairs(new DenseSymmetricOperator(negated), 3);
        Assert.True(result.Converged);
        for (int i = 0; i < 3; i++) Assert.Equal(oracle.Values[79 - i], -result.Values[i], 1e-10);
    }

    [Fact]
    public void DeterministicForAFixedSeedAndSeedIndependentValues()
    {
        double[,] matrix = RandomSymmetric(150, 91);
        var op = new DenseSymmetricOperator(matrix);
        LanczosResult first = Lanczos.TopEigenpairs(op, 4, new LanczosOptions { Seed = 5 });
        LanczosResult again = Lanczos.TopEigenpairs(op, 4, new LanczosOptions { Seed = 5 });
        LanczosResult other = Lanczos.TopEigenpairs(op, 4, new LanczosOptions { Seed = 6 });
        Assert.Equal(first.Values, again.Values);
        Assert.Equal(first.Vectors[0], again.Vectors[0]);
        Assert.Equal(first.MatvecCount, again.MatvecCount);
        Assert.Equal(5UL, first.StartVectorSeed);
        for (int i = 0; i < 4; i++) Assert.Equal(first.Values[i], other.Values[i], 1e-10);
    }

    [Fact]
    public void KrylovDimensionDefaultsAndValidation()
    {
        var op = new DenseSymmetricOperator(RandomSymmetric(100, 3));
        Assert.Equal(40, Lanczos.TopEigenpairs(op, 3).KrylovDimension);
        Assert.Equal(2 * 15 + 20, Lanczos.TopEigenpairs(op, 15).KrylovDimension);
        Assert.Equal(100, Lanczos.TopEigenpairs(op, 45).KrylovDimension);
        Assert.Equal(12, Lanczos.TopEigenpairs(op, 3, new LanczosOptions { KrylovDimension = 12 }).KrylovDimension);

        Assert.Throws<ArgumentException>(() => Lanczos.TopEigenpairs(op, 0));
        Assert.Throws<ArgumentException>(() => Lanczos.TopEigenpairs(op, 101));
        Assert.Throws<ArgumentException>(() => Lanczos.TopEigenpairs(op, 5, new LanczosOptions { KrylovDimension = 6 }));
        Assert.Throws<ArgumentException>(() => new LanczosOptions { Tolerance = 0 });
        Assert.Throws<ArgumentException>(() => new LanczosOptions { Tolerance = 1 });
        Assert.Throws<ArgumentException>(() => new LanczosOptions { MaxRestarts = -1 });
    }

    [Fact]
    public void SmallKrylovDimensionStillConvergesByRestarting()
    {
        double[,] matrix = RandomSymmetric(200, 101);
        DenseEigenDecomposition oracle = DenseEigenOracle.Decompose(matrix);
        LanczosResult result = RunAndCheck(matrix, 3, oracle.Values, new LanczosOptions { KrylovDimension = 8 });
        Assert.True(result.Restarts > 0);
        Assert.Equal(8, result.KrylovDimension);
    }

    [Fact]
    public void UnreachableToleranceIsReportedAsNotConverged()
    {
        double[,] matrix = RandomSymmetric(300, 111);
        LanczosResult result = Lanczos.TopEigenpairs(new DenseSymmetricOperator(matrix), 2,
            new LanczosOptions { Tolerance = 1e-18, MaxRestarts = 5 });
        Assert.False(result.Converged);
        Assert.Equal(5, result.Restarts);
        for (int i = 0; i < 2; i++)
        {
            double recomputed = Residual(v => Multiply(matrix, v), result.Vectors[i], result.Values[i]);
            Assert.True(Math.Abs(recomputed - result.ResidualNorms[i]) <= 1e-13 * result.NormEstimate);
            Assert.True(result.ResidualNorms[i] > result.ResidualBound(i));
        }
    }

    [Fact]
    public void ZeroOperatorAndNonFiniteOperator()
    {
        // A = 0 (n = 100): every step breaks down; all Ritz values are 0 with zero residual.
        LanczosResult zero = Lanczos.TopEigenpairs(new DiagonalOperator(new double[100]), 3);
        Assert.True(zero.Converged);
        Assert.All(zero.Values, v => Assert.Equal(0.0, v));
        Assert.All(zero.ResidualNorms, r => Assert.Equal(0.0, r));
        Assert.True(OrthonormalityDefect(zero.Vectors) <= 1e-14);

        Assert.Throws<InvalidOperationException>(() => Lanczos.TopEigenpairs(new OverflowingOperator(), 1));
    }

    private static double[] Unit(int n, int index)
    {
        var e = new double[n];
        e[index] = 1;
        return e;
    }

    /// <summary>A 3×3 operator whose products overflow to ±∞ (10·double.MaxValue on the last coordinates).</summary>
    private sealed class OverflowingOperator : ILinearOperator
    {
        public int Dimension => 3;

        public void Apply(ReadOnlySpan<double> x, Span<double> y)
        {
            y[0] = x[0];
            y[1] = 10 * double.MaxValue * x[1];
            y[2] = 10 * double.MaxValue * x[2];
        }
    }
}
