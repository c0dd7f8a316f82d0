using TheoryCheck.Models.Kgmm;
using TheoryCheck.Theory.Kgmm;
using TheoryCheck.Numerics.LinearAlgebra;

namespace TheoryCheck.Tests.Theory.Kgmm;

public sealed class KgmmFixedPointTests
{
    [Theory]
    // kgmm.md §8.2 reference roots (5 significant digits: tolerance half a unit in the last digit).
    [InlineData(2, 0.1, 0.81675, 0.83665, 0.16335)]
    [InlineData(3, 0.1, 1.01384, 0.69585, 0.15208)]
    [InlineData(3, 0.25, 0.59864, 0.55102, 0.22449)]
    [InlineData(3, 0.5, 0.35905, 0.46143, 0.26928)]
    [InlineData(4, 0.25, 0.58046, 0.41954, 0.19349)]
    [InlineData(5, 0.1, 1.04192, 0.47904, 0.13024)]
    public void ReferenceRoots(int k, double beta, double alpha, double q, double r)
    {
        var fp = KgmmSymmetricFixedPoint.Solve(k, beta);
        Assert.InRange(fp.Alpha - alpha, -5e-6, 5e-6);
        Assert.InRange(fp.Q - q, -5e-6, 5e-6);
        Assert.InRange(fp.R - r, -5e-6, 5e-6);
        Assert.True(fp.Residual < 1e-15, $"residual {fp.Residual:E2}");
        // The root really solves βα = (1 − q)/k with q the softmax of the own class at m_{·c}.
        var pi = new double[k];
        var column = fp.M().Where((_, i) => i % k == 0).ToArray(); // column 0 of m
        KgmmSample.Softmax(column, pi);
        Assert.Equal(fp.Q, pi[0], 14);
        Assert.Equal(fp.R, pi[1], 14);
        Assert.Equal(beta * fp.Alpha, (1 - pi[0]) / k, 14);
    }

    [Fact]
    public void NoPenaltyHasNoFixedPoint() => Assert.Throws<ArgumentException>(() => KgmmSymmetricFixedPoint.Solve(3, 0));

    [Theory]
    [InlineData(3, 0.25)]
    [InlineData(4, 0.25)]
    [InlineData(5, 0.1)]
    public void NewtonFixedPointOfTheReducedOdeIsTheSymmetricRootForUniformP(int k, double beta)
    {
        var p = new KgmmParameters(k, 1, beta, 1);
        var (m, residual) = KgmmLargeLambda.FixedPoint(p);
        Assert.True(residual <= 1e-14);
        var expected = KgmmSymmetricFixedPoint.Solve(k, beta).M();
        for (int i = 0; i < m.Length; i++) Assert.Equal(expected[i], m[i], 12);
        var dm = new double[k * k];
        KgmmLargeLambda.Derivative(p, m, dm);
        Assert.All(dm, x => Assert.True(Math.Abs(x) < 1e-13));
    }

    [Fact]
    public void NonUniformFixedPointSolvesTheStationarityEquation()
    {
        var p = new KgmmParameters(3, 1, 0.2, 1, [0.2, 0.3, 0.5]);
        var (m, _) = KgmmLargeLambda.FixedPoint(p);
        var dm = new double[9];
        KgmmLargeLambda.Derivative(p, m, dm);
        Assert.All(dm, x => Assert.True(Math.Abs(x) < 1e-13));
        // Column sums vanish (Σ_c dm_{ca} = −βΣ_c m_{ca} forces Σ_c m_{ca} = 0 at stationarity).
        for (int a = 0; a < 3; a++) Assert.Equal(0, m[a] + m[3 + a] + m[6 + a], 13);
    }

    [Theory]
    [InlineData(3, 0.25, 0.2016)] // §8.3: k = 3, β = 0.25 gives R⊥_cc ≈ 0.2016/λ
    public void LargeLambdaPerpMatchesTheClosedForm(int k, double beta, double lambdaTimesPerp)
    {
        var fp = KgmmSymmetricFixedPoint.Solve(k, beta);
        Assert.InRange(fp.StationaryPerpDiagonal(1, 1) - lambdaTimesPerp, -5e-5, 5e-5);
        var p = new KgmmParameters(k, 100, beta, 1);
        var perp = KgmmLargeLambda.StationaryPerp(p);
        Assert.Equal(fp.StationaryPerpDiagonal(1, 100), perp[0], 14);
        Assert.Equal(fp.StationaryPerpOffDiagonal(1, 100), perp[1], 14);
        // Zero along 1.
        for (int c = 0; c < k; c++) Assert.Equal(0, Enumerable.Range(0, k).Sum(e => perp[c * k + e]), 15);
    }

    [Theory]
    // §9.5 reference values (λ = ∞), 3–4 significant digits.
    [InlineData(4, 0.25, 0.0812, 0.0484, 0.1123)]
    [InlineData(3, 0.25, 0.1237, 0.0748, 0.1008)]
    public void LambdaInfinitySpectralValues(int k, double beta, double outlier, double minibulk, double gOutlier)
    {
        var fp = KgmmSymmetricFixedPoint.Solve(k, beta);
        Assert.InRange(fp.FullHessianOutlier - outlier, -5e-5, 5e-5);
        Assert.InRange(fp.FullHessianMinibulk - minibulk, -5e-5, 5e-5);
        Assert.InRange(fp.FullGOutlier - gOutlier, -5e-5, 5e-5);
    }

    [Fact]
    public void LyapunovSolutionSatisfiesItsEquation()
    {
        var rng = new Random(3);
        const int n = 4;
        var a = Models.Kgmm.TestRules.RandomSpd(rng, n, 0.3);
        var c = Models.Kgmm.TestRules.RandomSpd(rng, n, 0.0);
        var (x, residual) = SymmetricLyapunov.Solve(a, c, n);
        Assert.True(residual < 1e-13);
        // Independent check of the residual with plain loops, and symmetry.
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int l = 0; l < n; l++) s += a[i * n + l] * x[l * n + j] + x[i * n + l] * a[l * n + j];
                Assert.Equal(c[i * n + j], s, 13);
                Assert.Equal(x[i * n + j], x[j * n + i], 15);
            }
        // Scalar case: 2aX = C.
        Assert.Equal(0.75, SymmetricLyapunov.Solve([2.0], [3.0], 1).X[0], 15);
    }

    [Fact]
    public void ReducedOdeConvergesToTheFixedPointAndMatchesLargeLambda()
    {
        var p = new KgmmParameters(3, 1e6, 0.25, 1, [0.2, 0.3, 0.5]);
        var reduced = KgmmLargeLambda.Solve(p, TheoryCheck.Models.Observables.TimeGrid.FromPoints([0, 4, 120]));
        Assert.Equal(TheoryCheck.Numerics.Ode.OdeStatus.Success, reduced.Status);
        var (fixedPoint, _) = KgmmLargeLambda.FixedPoint(p);
        for (int i = 0; i < 9; i++) Assert.Equal(fixedPoint[i], reduced.States[2].M[i], 1e-10); // e^{−βT} ≈ 1e-13
        // Finite-λ ODE at λ = 1e6 agrees with the reduced ODE up to O(1/λ) (no corrector: it is O(c_δ/λ) too).
        var full = KgmmTheory.StateAt(p, 4, new KgmmTheoryOptions { RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-13 });
        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(reduced.States[1].M[i], full.M[i], 1e-5);
            Assert.Equal(reduced.States[1].R[i], full.R[i], 1e-5);
        }
    }
}
