using MathNet.Numerics.LinearAlgebra;
using TheoryCheck.Numerics.Spectra;
using static TheoryCheck.Tests.Numerics.Spectra.SpectraTestData;

namespace TheoryCheck.Tests.Numerics.Spectra;

public sealed class StochasticLanczosQuadratureTests
{
    private static double TraceMoment(IReadOnlyList<double> eigenvalues, int power) =>
        eigenvalues.Average(l => Math.Pow(l, power));

    [Fact]
    public void GaussQuadratureIsExactUpToDegreeTwoMMinusOneOnADiagonalMatrix()
    {
        // Rademacher z on a diagonal A: zᵀA^p z / n = tr(A^p)/n for every probe (z_i² = 1), so each probe's
        // m-node Gauss quadrature reproduces the normalised moments exactly for p ≤ 2m − 1, and not for p = 2m.
        const int n = 200, steps = 6;
        double[] diagonal = Enumerable.Range(0, n).Select(i => 0.5 + 1.5 * Math.Cos(0.37 * i)).ToArray();
        SpectralDensity density = StochasticLanczosQuadrature.Density(new DiagonalOperator(diagonal),
            new SlqOptions { Probes = 8, Steps = steps, Seed = 3 });
        Assert.Equal(8 * steps, density.MatvecCount);
        foreach (SpectralQuadrature quadrature in density.ProbeQuadratures)
        {
            Assert.Equal(steps, quadrature.Steps);
            Assert.Equal(1.0, quadrature.Weights.Sum(), 14);
            for (int p = 0; p <= 2 * steps - 1; p++)
            {
                double exact = TraceMoment(diagonal, p);
                Assert.True(Math.Abs(quadrature.Moment(p) - exact) <= 1e-12 * Math.Pow(2, p),
                    $"p = {p}: {quadrature.Moment(p):R} vs {exact:R}");
            }
            // Degree 2m: Gauss error = f^(2m)(ξ)/(2m)! ∫π_m² dμ > 0 for f = x^{2m}, so the quadrature is too small.
            double exact2m = TraceMoment(diagonal, 2 * steps);
            Assert.True(quadrature.Moment(2 * steps) < exact2m - 1e-6, $"{quadrature.Moment(2 * steps):R} vs {exact2m:R}");
        }
    }

    [Fact]
    public void MomentsOfARotatedMatrixHoldInExpectation()
    {
        const int n = 200;
        double[] spectrum = Enumerable.Range(0, n).Select(i => -1 + 3.0 * i / (n - 1) + (i % 7 == 0 ? 0.3 : 0)).ToArray();
        (double[,] matrix, _) = WithSpectrum(spectrum, 17);
        SpectralDensity density = StochasticLanczosQuadrature.Density(new DenseSymmetricOperator(matrix),
            new SlqOptions { Probes = 40, Steps = 20, Seed = 5 });
        for (int p = 1; p <= 6; p++)
        {
            double exact = TraceMoment(spectrum, p);
            double standardError = density.MomentStandardError(p);
            Assert.True(standardError > 0);
            Assert.True(Math.Abs(density.Moment(p) - exact) <= 5 * standardError,
                $"p = {p}: {density.Moment(p):R} vs {exact:R}, SE {standardError:G3}");
        }
        Assert.Equal(1.0, density.Moment(0), 13);
    }

    [Fact]
    public void WeightsAndSmoothedDensityIntegrateToOne()
    {
        double[,] matrix = RandomSymmetric(150, 19);
        SpectralDensity density = StochasticLanczosQuadrature.Density(new DenseSymmetricOperator(matrix),
            new SlqOptions { Probes = 10, Steps = 25, Seed = 9, GridPoints = 801 });
        Assert.Equal(1.0, density.Weights.Sum(), 13);
        Assert.Equal(density.Nodes.Count, density.Weights.Count);
        Assert.All(density.Weights, w => Assert.True(w >= 0));
        // Trapezoid over the returned grid (test-side), grid covers all nodes ± 5σ: missing mass ≤ 6e-7.
        double integral = 0;
        for (int i = 0; i + 1 < density.Grid.Count; i++)
            integral += 0.5 * (density.Density[i] + density.Density[i + 1]) * (density.Grid[i + 1] - density.Grid[i]);
        Assert.True(Math.Abs(integral - 1) <= 1e-6, $"∫ρ = {integral:R}");
        Assert.Equal(integral, density.DensityIntegral, 12);
        Assert.Contains("Gaussian kernel", density.SmoothingConvention);
        Assert.Contains(density.KernelWidth.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), density.SmoothingConvention);
        Assert.Equal(10, density.Probes);
        Assert.Equal(25, density.Steps);
        Assert.Equal(9UL, density.Seed);

        // Same seed, same result; explicit σ is used as given.
        SpectralDensity again = StochasticLanczosQuadrature.Density(new DenseSymmetricOperator(matrix),
            new SlqOptions { Probes = 10, Steps = 25, Seed = 9, GridPoints = 801 });
        Assert.Equal(density.Nodes, again.Nodes);
        Assert.Equal(0.05, StochasticLanczosQuadrature.Density(new DenseSymmetricOperator(matrix),
            new SlqOptions { Probes = 2, Steps = 5, KernelWidth = 0.05 }).KernelWidth);
    }

    [Fact]
    public void InvariantKrylovSpaceStopsEarlyWithExactAtoms()
    {
        // Three distinct eigenvalues with multiplicities 50, 30, 20: the Krylov space of any probe has dimension 3,
        // and on a diagonal matrix the Rademacher weights are exactly the multiplicities / n.
        var diagonal = new double[100];
        for (int i = 0; i < 100; i++) diagonal[i] = i % 10 < 5 ? -1 : i % 10 < 8 ? 0.5 : 2;
        SpectralDensity density = StochasticLanczosQuadrature.Density(new DiagonalOperator(diagonal),
            new SlqOptions { Probes = 4, Steps = 10 });
        foreach (SpectralQuadrature q in density.ProbeQuadratures)
        {
            Assert.Equal(3, q.Steps);
            Assert.Equal(-1, q.Nodes[0], 13);
            Assert.Equal(0.5, q.Nodes[1], 13);
            Assert.Equal(2, q.Nodes[2], 13);
            Assert.Equal(0.5, q.Weights[0], 13);
            Assert.Equal(0.3, q.Weights[1], 13);
            Assert.Equal(0.2, q.Weights[2], 13);
        }
        Assert.Equal(12, density.MatvecCount);
    }

    /// <summary>
    /// Var(tr S²) for S = Σ_{a=1}^{M} x_a x_aᵀ, x_a ~ N(0, I_n) (real Wishart). With A_a = ‖x_a‖⁴ and
    /// B_ab = (x_aᵀx_b)²: tr S² = Σ_a A_a + 2 Σ_{a&lt;b} B_ab, Var A = n(n+2)(8n+24), Var B = 2n² + 6n,
    /// Cov(B_ab, B_ac) = 2n, Cov(A_a, B_ab) = 4n(n+2), disjoint index sets independent.
    /// </summary>
    private static double WishartVarianceOfTraceSquare(double n, double m) =>
        m * n * (n + 2) * (8 * n + 24)
        + 4 * (m * (m - 1) / 2 * (2 * n * n + 6 * n) + m * (m - 1) * (m - 2) * 2 * n)
        + 4 * m * (m - 1) * 4 * n * (n + 2);

    [Fact]
    public void WishartMatrixMatchesMarchenkoPasturMoments()
    {
        // W = XᵀX/M, X ∈ ℝ^{M×n} Gaussian, n = 400, M = 1200 (γ = n/M = 1/3). MP law: mean 1, second moment
        // 1 + γ; finite-n expectations E tr(W)/n = 1, E tr(W²)/n = 1 + (n+1)/M (exact, Wishart).
        const int n = 400, m = 1200;
        var g = new GaussianSource(23);
        Matrix<double> x = Matrix<double>.Build.Dense(m, n, (_, _) => g.Next());
        Matrix<double> w = x.TransposeThisAndMultiply(x) / m;
        var op = new DenseSymmetricOperator(w);
        SpectralDensity density = StochasticLanczosQuadrature.Density(op, new SlqOptions { Probes = 30, Steps = 20, Seed = 29 });

        // (1) SLQ against this matrix's exact normalised traces, within 5 probe standard errors.
        double trace1 = Enumerable.Range(0, n).Average(i => w[i, i]);
        double trace2 = w.FrobeniusNorm() * w.FrobeniusNorm() / n;
        Assert.True(Math.Abs(density.Moment(1) - trace1) <= 5 * density.MomentStandardError(1));
        Assert.True(Math.Abs(density.Moment(2) - trace2) <= 5 * density.MomentStandardError(2));

        // (2) Against the Marchenko–Pastur / Wishart expectations, with probe and matrix fluctuations combined.
        double matrixSd1 = Math.Sqrt(2.0 / ((double)n * m));
        double matrixSd2 = Math.Sqrt(WishartVarianceOfTraceSquare(n, m)) / ((double)m * m * n);
        double se1 = density.MomentStandardError(1), se2 = density.MomentStandardError(2);
        Assert.True(Math.Abs(density.Moment(1) - 1) <= 5 * Math.Sqrt(se1 * se1 + matrixSd1 * matrixSd1),
            $"mean {density.Moment(1):R}");
        double expected2 = 1 + (n + 1.0) / m;
        Assert.True(Math.Abs(density.Moment(2) - expected2) <= 5 * Math.Sqrt(se2 * se2 + matrixSd2 * matrixSd2),
            $"second moment {density.Moment(2):R} vs {expected2:R}");

        // (3) Support: Ritz values lie in [λ_min, λ_max], which sits within Tracy–Widom fluctuations
        // (O(n^(-2/3)) ≈ 0.02) of the MP edges (1 ∓ √γ)²; 0.1 is a margin of several fluctuation scales.
        double gamma = (double)n / m;
        double lower = Math.Pow(1 - Math.Sqrt(gamma), 2), upper = Math.Pow(1 + Math.Sqrt(gamma), 2);
        Assert.All(density.Nodes, node => Assert.InRange(node, lower - 0.1, upper + 0.1));
        Assert.True(density.Nodes.Max() > upper - 0.1 && density.Nodes.Min() < lower + 0.1);
    }

    [Fact]
    public void OptionsAreValidated()
    {
        Assert.Throws<ArgumentException>(() => new SlqOptions { Probes = 0 });
        Assert.Throws<ArgumentException>(() => new SlqOptions { Steps = 0 });
        Assert.Throws<ArgumentException>(() => new SlqOptions { GridPoints = 1 });
        Assert.Throws<ArgumentException>(() => new SlqOptions { KernelWidth = 0 });
        Assert.Throws<ArgumentException>(() => StochasticLanczosQuadrature.Density(new DiagonalOperator([1, 2]),
            new SlqOptions { GridLower = 1, GridUpper = 0 }));
        // Steps are capped at n.
        Assert.Equal(2, StochasticLanczosQuadrature.Density(new DiagonalOperator([1, 2]), new SlqOptions { Probes = 2 }).Steps);
    }
}
