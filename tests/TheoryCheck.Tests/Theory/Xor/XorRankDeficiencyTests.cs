using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Theory.Xor;

namespace TheoryCheck.Tests.Theory.Xor;

public sealed class XorRankDeficiencyTests
{
    /// <summary>
    /// claims.md §2.5 bad start (mmu0 = (0.3, 0.25, 0.05, −0.05): −μ uncovered), λ = 50, t = 30: the ODE ends sub-optimal
    /// with 3 covered clusters, accuracy ≈ 3/4 (xor.md §7.2, measured 0.757 by SGD at d = 800) and a rank-deficient
    /// second layer: 3 order-one eigenvalues of H_vv − βI and G_vv, the fourth O(1/λ) (xor.md §9.3: 0.0746, 0.0538,
    /// 0.0439, 0.0001 measured).
    /// </summary>
    [Fact]
    public void BadStartEndsSubOptimalWithThreeSecondLayerOutliers()
    {
        var p = new XorParameters(lambda: 50, mmu0: [0.3, 0.25, 0.05, -0.05]);
        // N = 2^12 points suffice for a count and a ±0.01 accuracy band (fixed-step RK4: with fewer points the adaptive
        // controller spends its steps on the larger QMC jumps).
        var options = new XorTheoryOptions { EstimateQmcError = false, QmcPointsPerBlock = 1 << 10, FixedStep = 0.1 };
        var solution = XorTheory.Solve(p, TimeGrid.FromPoints([0, 30]), options);
        Assert.Equal(3, solution.Series("covered")[^1]);
        Assert.InRange(solution.Series("accuracy")[^1], 0.74, 0.76);
        foreach (var kind in new[] { XorMatrixKind.Hessian, XorMatrixKind.G })
        {
            var second = XorSpectralPrediction.SecondLayer(p, solution.FinalState, kind, options);
            Assert.Equal(3, second.OutlierCount);
            Assert.True(second.Eigenvalues[2] >= 0.1 * second.Eigenvalues[0]);
            Assert.True(second.Eigenvalues[3] <= 0.01 * second.Eigenvalues[0]);
        }
    }
}
