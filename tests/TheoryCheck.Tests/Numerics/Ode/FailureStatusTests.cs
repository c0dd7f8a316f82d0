using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Tests.Numerics.Ode;

/// <summary>
/// Failing problems end with a non-success status and a message naming the time; they never throw and never
/// store non-finite numbers.
/// </summary>
public sealed class FailureStatusTests
{
    public static TheoryData<string> AdaptiveSolvers => ["DormandPrince54", "DormandPrince853"];

    [Theory]
    [MemberData(nameof(AdaptiveSolvers))]
    public void FiniteTimeBlowUpStopsJustBeforeTheSingularity(string solverName)
    {
        // u′ = u², u(0) = 1: u(t) = 1/(1 − t) blows up at t = 1.
        OdeFunction square = static (t, u, du) => du[0] = u[0] * u[0];
        var solution = ConvergenceOrderTests.CreateSolver(solverName).Solve(new OdeProblem(square, [1.0], 0, 2), new OdeOptions());

        Assert.Equal(OdeStatus.StepSizeTooSmall, solution.Status);
        Assert.False(solution.Succeeded);
        Assert.InRange(solution.FinalTime, 0.999, 1.0 + 1e-6);
        Assert.Contains("t = ", solution.Message);
        AssertAllFinite(solution);
        // Up to where it stopped, the solution is still the exact one (relative error of the order of the tolerance).
        for (int i = 0; i < solution.Times.Count; i++)
        {
            double t = solution.Times[i];
            if (t < 0.999)
            {
                Assert.True(Math.Abs(solution.States[i][0] * (1 - t) - 1) < 1e-5, $"t = {t}");
            }
        }
    }

    [Theory]
    [InlineData("DormandPrince54")]
    [InlineData("DormandPrince853")]
    [InlineData("RungeKutta4")]
    public void FixedStepBlowUpReportsNonFiniteState(string solverName)
    {
        OdeFunction square = static (t, u, du) => du[0] = u[0] * u[0];
        var solution = ConvergenceOrderTests.CreateSolver(solverName)
            .Solve(new OdeProblem(square, [1.0], 0, 3), new OdeOptions { FixedStep = 0.1 });

        Assert.Equal(OdeStatus.NonFiniteState, solution.Status);
        Assert.True(solution.FinalTime < 3);
        Assert.Contains("t = ", solution.Message);
        AssertAllFinite(solution);
    }

    [Theory]
    [MemberData(nameof(AdaptiveSolvers))]
    public void RightHandSideReturningNaNStopsWhereItStarts(string solverName)
    {
        // f is NaN for t > 0.5: the solver shrinks the step towards 0.5 and then reports NonFiniteState.
        OdeFunction nanLater = static (t, u, du) => du[0] = t > 0.5 ? double.NaN : -u[0];
        var solution = ConvergenceOrderTests.CreateSolver(solverName).Solve(new OdeProblem(nanLater, [1.0], 0, 2), new OdeOptions());

        Assert.Equal(OdeStatus.NonFiniteState, solution.Status);
        Assert.InRange(solution.FinalTime, 0.5 - 1e-9, 0.5);
        Assert.True(Math.Abs(solution.FinalState[0] - Math.Exp(-solution.FinalTime)) < 1e-8);
        Assert.Contains("t = ", solution.Message);
        Assert.True(solution.Statistics.RejectedSteps > 0);
        AssertAllFinite(solution);
    }

    [Theory]
    [InlineData("DormandPrince54")]
    [InlineData("DormandPrince853")]
    [InlineData("RungeKutta4")]
    public void NonFiniteDerivativeAtTheStartIsReported(string solverName)
    {
        OdeFunction infinite = static (t, u, du) => du[0] = 1 / u[0];
        var solution = ConvergenceOrderTests.CreateSolver(solverName)
            .Solve(new OdeProblem(infinite, [0.0], 0, 1), new OdeOptions { FixedStep = solverName == "RungeKutta4" ? 0.1 : null });

        Assert.Equal(OdeStatus.NonFiniteState, solution.Status);
        Assert.Equal(0.0, solution.FinalTime);
        Assert.Equal([0.0], solution.Times);
        Assert.Contains("t = 0", solution.Message);
    }

    [Theory]
    [MemberData(nameof(AdaptiveSolvers))]
    public void StepBudgetExhaustionIsReported(string solverName)
    {
        var problem = new OdeProblem(OdeTestProblems.Oscillator, [1.0, 0.0], 0, 1000);
        var solution = ConvergenceOrderTests.CreateSolver(solverName).Solve(problem, new OdeOptions { MaxSteps = 20 });

        Assert.Equal(OdeStatus.MaxStepsExceeded, solution.Status);
        Assert.Equal(20, solution.Statistics.AcceptedSteps + solution.Statistics.RejectedSteps);
        Assert.True(solution.FinalTime > 0 && solution.FinalTime < 1000);
        Assert.Equal(solution.FinalTime, solution.Times[^1]);
        Assert.Contains("t = ", solution.Message);
        AssertAllFinite(solution);
    }

    [Fact]
    public void FixedStepBudgetExhaustionIsReported()
    {
        var problem = new OdeProblem(OdeTestProblems.Oscillator, [1.0, 0.0], 0, 10);
        var solution = new RungeKutta4().Solve(problem, new OdeOptions { FixedStep = 0.1, MaxSteps = 50 });

        Assert.Equal(OdeStatus.MaxStepsExceeded, solution.Status);
        Assert.Equal(50, solution.Statistics.AcceptedSteps);
        Assert.Equal(5.0, solution.FinalTime, 12);
    }

    [Fact]
    public void ZeroAbsoluteToleranceIgnoresAComponentThatStaysExactlyZero()
    {
        // atol = 0: y ≡ 0 has zero error and zero scale, which must not stop the integration; x′ = cos t is solved.
        OdeFunction rhs = static (t, u, du) =>
        {
            du[0] = Math.Cos(t);
            du[1] = 0;
        };
        var solution = new DormandPrince54().Solve(
            new OdeProblem(rhs, [0.0, 0.0], 0, 1), new OdeOptions { AbsoluteTolerance = 0 });

        Assert.Equal(OdeStatus.Success, solution.Status);
        Assert.Equal(0.0, solution.FinalState[1]);
        Assert.True(Math.Abs(solution.FinalState[0] - Math.Sin(1)) < 1e-7);
    }

    private static void AssertAllFinite(OdeSolution solution)
    {
        Assert.All(solution.Times, t => Assert.True(double.IsFinite(t)));
        Assert.All(solution.States, u => Assert.All(u, x => Assert.True(double.IsFinite(x))));
        Assert.All(solution.FinalState, x => Assert.True(double.IsFinite(x)));
        Assert.True(double.IsFinite(solution.FinalTime));
    }
}
