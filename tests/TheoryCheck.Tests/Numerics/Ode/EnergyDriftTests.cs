using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Tests.Numerics.Ode;

/// <summary>
/// Energy E = (u₀² + u₁²)/2 of the harmonic oscillator over 100 periods. Explicit Runge–Kutta methods are not
/// symplectic, so E drifts linearly in time, by about the local error per step times the number of steps; with
/// error-per-step control that is ∝ tol per period. Bound: max_t |E(t) − E(0)| ≤ 5·tol·(number of periods),
/// checked at two tolerances 10⁴ apart (so the bound really scales with tol).
/// </summary>
public sealed class EnergyDriftTests
{
    [Theory]
    [InlineData("DormandPrince54", 1e-6)]
    [InlineData("DormandPrince54", 1e-10)]
    [InlineData("DormandPrince853", 1e-6)]
    [InlineData("DormandPrince853", 1e-10)]
    public void EnergyDriftIsBoundedProportionallyToTolerance(string solverName, double tolerance)
    {
        const int periods = 100;
        var problem = new OdeProblem(OdeTestProblems.Oscillator, [1.0, 0.0], 0, periods * 2 * Math.PI);
        var solution = ConvergenceOrderTests.CreateSolver(solverName)
            .Solve(problem, new OdeOptions { RelativeTolerance = tolerance, AbsoluteTolerance = tolerance });
        Assert.Equal(OdeStatus.Success, solution.Status);

        double drift = solution.States.Max(u => Math.Abs(0.5 * (u[0] * u[0] + u[1] * u[1]) - 0.5));
        Assert.True(drift <= 5 * tolerance * periods, $"energy drift {drift:E3} exceeds 5·tol·periods = {5 * tolerance * periods:E3}");
    }
}
