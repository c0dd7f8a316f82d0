using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Theory.Xor;

namespace TheoryCheck.Tests.Theory.Xor;

public sealed class XorLargeLambdaTests
{
    private const XorNeuronRole PM = XorNeuronRole.PlusMu, MM = XorNeuronRole.MinusMu, PN = XorNeuronRole.PlusNu, MN = XorNeuronRole.MinusNu, U = XorNeuronRole.Unused;

    [Fact]
    public void RadiusIsLogOfTheOddsOfFourBeta()
    {
        Assert.Equal(Math.Log(4), XorLargeLambda.FixedPointRadius(0.05), 15);
        Assert.Equal(1.3863, XorLargeLambda.FixedPointRadius(0.05), 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => XorLargeLambda.FixedPointRadius(0.125));
        Assert.Throws<ArgumentOutOfRangeException>(() => XorLargeLambda.FixedPointRadius(0));
        // σ(−C) = 4β.
        Assert.Equal(0.2, XorSample.Sigmoid(-XorLargeLambda.FixedPointRadius(0.05)), 14);
    }

    /// <summary>Every role assignment of xor.md §7.2 is a zero of the reduced RHS (groups split C equally).</summary>
    [Theory]
    [InlineData(0.05, new[] { PM, MM, PN, MN })]
    [InlineData(0.05, new[] { PN, MM, MN, PM })]
    [InlineData(0.02, new[] { PM, PM, MM, PN, MN, U })]
    [InlineData(0.1, new[] { PM, PM, PN, MN })]          // −μ uncovered
    [InlineData(0.05, new[] { U, U, MN })]
    [InlineData(0.05, new[] { PM, MM, PN, MN, MN, PN, PM, U })]
    public void FixedPointsAreZerosOfTheReducedDynamics(double beta, XorNeuronRole[] roles)
    {
        var point = XorLargeLambda.FixedPoint(beta, roles);
        var derivative = XorLargeLambda.Derivative(beta, point);
        Assert.All(derivative, x => Assert.InRange(x, -1e-15, 1e-15));
        double c = XorLargeLambda.FixedPointRadius(beta);
        foreach (XorNeuronRole role in new[] { PM, MM, PN, MN })
        {
            var members = Enumerable.Range(0, roles.Length).Where(i => roles[i] == role).ToArray();
            if (members.Length > 0) Assert.Equal(c, members.Sum(i => point.V[i] * point.V[i]), 14);
        }
        Assert.Equal(roles.Distinct().Count(r => r != U), XorCoverage.Count(point));
    }

    /// <summary>xor.md §7.2 reference: v_i² from the default warm start at λ = ∞ (RK4, step 0.01).</summary>
    [Fact]
    public void ReducedOdeReferenceValues()
    {
        var solution = XorLargeLambda.Solve(XorParameters.Default, TimeGrid.FromPoints([0, 20, 40, 80]));
        double[][] expected = [[1.1488, 1.0884], [1.3577, 1.3491], [1.3861, 1.3858]];
        for (int t = 1; t <= 3; t++)
        {
            var v = solution.States[t].V;
            for (int i = 0; i < 4; i++) Assert.InRange(v[i] * v[i] - expected[t - 1][i % 2], -1e-4, 1e-4);
        }
        // R⊥ decays as e^{−2βt}.
        Assert.Equal(Math.Exp(-2 * 0.05 * 80), solution.FinalState.RperpAt(0, 0), 9);
        Assert.Equal(0, solution.FinalState.RperpAt(0, 1));
    }

    [Fact]
    public void ComponentCounts()
    {
        Assert.Equal(625, XorLargeLambda.ComponentCount(4));
        Assert.Equal(24, XorLargeLambda.OptimalComponentCount(4));
        Assert.Equal(0, XorLargeLambda.OptimalComponentCount(3));
        // Brute force for K = 5: assignments of 5 neurons to {unused, 4 groups} with all groups non-empty.
        int count = 0;
        for (int code = 0; code < 3125; code++)
        {
            int mask = 0;
            for (int i = 0, c = code; i < 5; i++, c /= 5) if (c % 5 > 0) mask |= 1 << (c % 5 - 1);
            if (mask == 15) count++;
        }
        Assert.Equal(count, XorLargeLambda.OptimalComponentCount(5));
    }

    /// <summary>
    /// λ = ∞ closed forms at the K = 4 optimum (xor.md §9.1, §9.3): H_vv − βI = β(1 − 4β)C·I, G_vv = 4β²C·I; with one
    /// cluster uncovered the second-layer matrix has rank 3 (the rank deficiency of Thm 4.2).
    /// </summary>
    [Fact]
    public void SecondLayerClosedFormsAndRankDeficiency()
    {
        const double beta = 0.05;
        double c = XorLargeLambda.FixedPointRadius(beta);
        var optimum = XorLargeLambda.FixedPoint(beta, [PM, MM, PN, MN]);
        var h = XorLargeLambda.SecondLayerMatrix(optimum, XorMatrixKind.Hessian);
        var g = XorLargeLambda.SecondLayerMatrix(optimum, XorMatrixKind.G);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(i == j ? beta * (1 - 4 * beta) * c : 0, h[i * 4 + j], 14);
                Assert.Equal(i == j ? 4 * beta * beta * c : 0, g[i * 4 + j], 14);
            }
        Assert.Equal(0.0555, XorLargeLambda.FirstLayerHessianOutlier(beta), 4);
        var bad = XorLargeLambda.FixedPoint(beta, [PM, PM, PN, MN]);
        var values = XorPopulationMatricesTests.Eigenvalues(XorLargeLambda.SecondLayerMatrix(bad, XorMatrixKind.Hessian), 4);
        Assert.Equal(3, values.Count(x => x > 1e-12));
        Assert.Equal(0.75, new XorPopulationMetrics(new XorParameters(lambda: 1e6)).Evaluate(bad).Accuracy, 3);
    }
}
