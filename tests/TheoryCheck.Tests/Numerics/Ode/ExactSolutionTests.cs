using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Tests.Numerics.Ode;

/// <summary>
/// Closed-form solutions at the project's default tolerances (rtol = 1e−8, atol = 1e−10). These problems are
/// non-expansive over the intervals used, so the global error of an error-per-step controller stays of the order of
/// the tolerance: every output point must satisfy ‖u − u_exact‖∞ ≤ 5·(rtol·‖u_exact‖∞ + atol).
/// </summary>
public sealed class ExactSolutionTests
{
    private const double Allowance = 5.0;

    public static TheoryData<string> AdaptiveSolvers => ["DormandPrince54", "DormandPrince853"];

    [Theory]
    [MemberData(nameof(AdaptiveSolvers))]
    public void ExponentialDecayMatchesExpOfMinusLambdaT(string solverName)
    {
        // u′ = −Λu, Λ = diag(2, 0.5): u(t) = (e^(−2t), 3e^(−t/2)).
        OdeFunction decay = static (t, u, du) =>
        {
            du[0] = -2 * u[0];
            du[1] = -0.5 * u[1];
        };
        var solution = ConvergenceOrderTests.CreateSolver(solverName).Solve(new OdeProblem(decay, [1.0, 3.0], 0, 5), new OdeOptions());
        AssertWithinTolerance(solution, t => [Math.Exp(-2 * t), 3 * Math.Exp(-0.5 * t)]);
    }

    [Theory]
    [MemberData(nameof(AdaptiveSolvers))]
    public void LinearSystemMatchesTheMatrixExponential(string solverName)
    {
        // u′ = A u with A = [[−0.1, −2], [2, −0.1]]: e^(At) = e^(−0.1t) R(2t), R the rotation by angle 2t.
        OdeFunction spiral = static (t, u, du) =>
        {
            du[0] = -0.1 * u[0] - 2 * u[1];
            du[1] = 2 * u[0] - 0.1 * u[1];
        };
        var solution = ConvergenceOrderTests.CreateSolver(solverName).Solve(new OdeProblem(spiral, [1.0, 0.5], 0, 10), new OdeOptions());
        AssertWithinTolerance(solution, t =>
        {
            double decay = Math.Exp(-0.1 * t), cos = Math.Cos(2 * t), sin = Math.Sin(2 * t);
            return [decay * (cos * 1.0 - sin * 0.5), decay * (sin * 1.0 + cos * 0.5)];
        });
    }

    [Theory]
    [MemberData(nameof(AdaptiveSolvers))]
    public void LogisticEquationMatchesItsClosedForm(string solverName)
    {
        // u′ = r u (1 − u/K), r = 3, K = 2, u₀ = 0.01: u(t) = K / (1 + (K/u₀ − 1) e^(−rt)).
        OdeFunction logistic = static (t, u, du) => du[0] = 3 * u[0] * (1 - u[0] / 2);
        var solution = ConvergenceOrderTests.CreateSolver(solverName).Solve(new OdeProblem(logistic, [0.01], 0, 6), new OdeOptions());
        AssertWithinTolerance(solution, t => [2 / (1 + (2 / 0.01 - 1) * Math.Exp(-3 * t))]);
    }

    [Theory]
    [MemberData(nameof(AdaptiveSolvers))]
    public void BackwardIntegrationRecoversTheInitialValue(string solverName)
    {
        // u′ = −u integrated from t = 2 (u = e^(−2)) back to t = 0: u(t) = e^(−t), growing in the direction of integration.
        OdeFunction decay = static (t, u, du) => du[0] = -u[0];
        var problem = new OdeProblem(decay, [Math.Exp(-2)], 2, 0);
        var solution = ConvergenceOrderTests.CreateSolver(solverName).Solve(problem, new OdeOptions());
        Assert.Equal(0.0, solution.FinalTime);
        Assert.True(solution.Times.Zip(solution.Times.Skip(1), (a, b) => b < a).All(decreasing => decreasing));
        AssertWithinTolerance(solution, t => [Math.Exp(-t)]);
    }

    [Theory]
    [MemberData(nameof(AdaptiveSolvers))]
    public void NonAutonomousRationalSolutionIsReproduced(string solverName)
    {
        // w′ = −2t w², w(0) = 1: w(t) = 1/(1 + t²) (tests the stage times cᵢh).
        OdeFunction rational = static (t, u, du) => du[0] = -2 * t * u[0] * u[0];
        var solution = ConvergenceOrderTests.CreateSolver(solverName).Solve(new OdeProblem(rational, [1.0], 0, 5), new OdeOptions());
        AssertWithinTolerance(solution, t => [1 / (1 + t * t)]);
    }

    /// <summary>
    /// Independent implementations agree where no closed form exists: the pendulum θ″ = −sin θ (θ₀ = 2.5, at rest)
    /// to t = 10 by DOP853 at rtol = atol = 1e−12 and by classical RK4 with h = 2·10⁻³ (global error ≈ C h⁴ ≈ 1e−10),
    /// and DP5 at the default tolerance; the energy ω²/2 − cos θ is conserved by all three to their accuracy.
    /// </summary>
    [Fact]
    public void IndependentMethodsAgreeOnThePendulum()
    {
        OdeFunction pendulum = static (t, u, du) =>
        {
            du[0] = u[1];
            du[1] = -Math.Sin(u[0]);
        };
        var problem = new OdeProblem(pendulum, [2.5, 0.0], 0, 10);
        var reference = new DormandPrince853().Solve(problem, new OdeOptions { RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-12 });
        var classical = new RungeKutta4().Solve(problem, new OdeOptions { FixedStep = 2e-3 });
        var adaptive = new DormandPrince54().Solve(problem, new OdeOptions());

        Assert.True(OdeTestProblems.MaxError(reference.FinalState, classical.FinalState) < 1e-8);
        Assert.True(OdeTestProblems.MaxError(reference.FinalState, adaptive.FinalState) < 1e-6);
        double energy0 = -Math.Cos(2.5);
        foreach (var (solution, bound) in new[] { (reference, 1e-10), (classical, 1e-9), (adaptive, 1e-6) })
        {
            double energy = 0.5 * solution.FinalState[1] * solution.FinalState[1] - Math.Cos(solution.FinalState[0]);
            Assert.True(Math.Abs(energy - energy0) < bound, $"{solution.SolverName}: energy error {Math.Abs(energy - energy0):E2}");
        }
    }

    /// <summary>max-norm error ≤ 5·(rtol·‖u_exact‖∞ + atol) at every output point (rotations mix components, so the bound is on the vector).</summary>
    private static void AssertWithinTolerance(OdeSolution solution, Func<double, double[]> exact)
    {
        Assert.Equal(OdeStatus.Success, solution.Status);
        Assert.Equal(solution.Problem.EndTime, solution.FinalTime);
        double rtol = solution.Options.RelativeTolerance, atol = solution.Options.AbsoluteTolerance;
        for (int i = 0; i < solution.Times.Count; i++)
        {
            double[] expected = exact(solution.Times[i]);
            double bound = Allowance * (rtol * expected.Max(Math.Abs) + atol);
            double error = OdeTestProblems.MaxError(solution.States[i], expected);
            Assert.True(error <= bound, $"t = {solution.Times[i]}: error {error:E3} > {bound:E3}");
        }
    }
}
