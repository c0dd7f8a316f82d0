using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Tests.Numerics.Ode;

/// <summary>SaveAt grids, dense output, fixed-step grids and the right-hand-side evaluation counts.</summary>
public sealed class OutputAndStatisticsTests
{
    public static TheoryData<string> AdaptiveSolvers => ["DormandPrince54", "DormandPrince853"];

    /// <summary>An eccentric Kepler orbit (e = 0.9) forces step rejections near pericentre.</summary>
    private static OdeProblem EccentricOrbit(OdeFunction rhs) =>
        new(rhs, OdeTestProblems.KeplerExact(0.9, 0), 0, 2 * Math.PI);

    [Theory]
    [MemberData(nameof(AdaptiveSolvers))]
    public void SaveAtGridIsReturnedExactlyAndDoesNotChangeTheSteps(string solverName)
    {
        double[] grid = [0.0, 0.1, 1.0 / 3.0, 0.7, Math.PI, 4.0, 2 * Math.PI];
        var problem = new OdeProblem(OdeTestProblems.Kepler, OdeTestProblems.KeplerExact(0.2, 0), 0, 2 * Math.PI);
        var solver = ConvergenceOrderTests.CreateSolver(solverName);
        var withGrid = solver.Solve(problem, new OdeOptions { SaveAt = grid });
        var withoutGrid = solver.Solve(problem, new OdeOptions());

        Assert.Equal(grid, withGrid.Times); // bit-for-bit
        Assert.Equal(withoutGrid.Statistics.AcceptedSteps, withGrid.Statistics.AcceptedSteps);
        Assert.Equal(withoutGrid.Statistics.RejectedSteps, withGrid.Statistics.RejectedSteps);
        Assert.Equal(withoutGrid.FinalState, withGrid.States[^1]);
        for (int i = 0; i < grid.Length; i++)
        {
            Assert.True(OdeTestProblems.MaxError(withGrid.States[i], OdeTestProblems.KeplerExact(0.2, grid[i])) < 1e-6);
        }
    }

    [Fact]
    public void SaveAtWithoutTheEndpointsOmitsThem()
    {
        var problem = new OdeProblem(OdeTestProblems.Oscillator, [1.0, 0.0], 0, 2);
        var solution = new DormandPrince54().Solve(problem, new OdeOptions { SaveAt = [0.5, 1.5] });

        Assert.Equal([0.5, 1.5], solution.Times);
        Assert.Equal(2.0, solution.FinalTime);
        Assert.Equal(Math.Cos(1.5), solution.States[1][0], 1e-8);
    }

    [Theory]
    [MemberData(nameof(AdaptiveSolvers))]
    public void DenseOutputMatchesTheStoredStatesAndTheExactSolution(string solverName)
    {
        var problem = new OdeProblem(OdeTestProblems.Kepler, OdeTestProblems.KeplerExact(0.2, 0), 0, 2 * Math.PI);
        var solution = ConvergenceOrderTests.CreateSolver(solverName).Solve(problem, new OdeOptions { DenseOutput = true });

        Assert.True(solution.HasDenseOutput);
        for (int i = 0; i < solution.Times.Count; i++)
        {
            Assert.True(OdeTestProblems.MaxError(solution.Evaluate(solution.Times[i]), solution.States[i]) < 1e-14);
        }

        var destination = new double[4];
        for (double t = 0; t <= 2 * Math.PI; t += 0.0137)
        {
            solution.Evaluate(t, destination);
            Assert.True(OdeTestProblems.MaxError(destination, OdeTestProblems.KeplerExact(0.2, t)) < 1e-6, $"t = {t}");
        }
    }

    [Fact]
    public void EvaluateOutsideTheIntervalOrWithoutDenseOutputThrows()
    {
        var problem = new OdeProblem(OdeTestProblems.Oscillator, [1.0, 0.0], 0, 1);
        var dense = new DormandPrince54().Solve(problem, new OdeOptions { DenseOutput = true });
        var plain = new DormandPrince54().Solve(problem, new OdeOptions());

        Assert.Throws<ArgumentOutOfRangeException>(() => dense.Evaluate(1.0 + 1e-9));
        Assert.Throws<ArgumentOutOfRangeException>(() => dense.Evaluate(-1e-9));
        Assert.Throws<ArgumentOutOfRangeException>(() => dense.Evaluate(double.NaN));
        Assert.Throws<ArgumentException>(() => dense.Evaluate(0.5, new double[3]));
        Assert.Throws<InvalidOperationException>(() => plain.Evaluate(0.5));
        Assert.False(plain.HasDenseOutput);
    }

    [Fact]
    public void DenseOutputOfABackwardRunCoversTheReversedInterval()
    {
        var problem = new OdeProblem(OdeTestProblems.Oscillator, [Math.Cos(3), -Math.Sin(3)], 3, -1);
        var solution = new DormandPrince853().Solve(problem, new OdeOptions { DenseOutput = true, SaveAt = [3, 2, 0, -1] });

        Assert.Equal([3.0, 2.0, 0.0, -1.0], solution.Times);
        foreach (double t in new[] { 2.9, 1.234, 0.0, -0.99 })
        {
            Assert.True(OdeTestProblems.MaxError(solution.Evaluate(t), [Math.Cos(t), -Math.Sin(t)]) < 1e-8);
        }
    }

    /// <summary>
    /// DP5 is FSAL with 7 stages: 1 evaluation at t₀, 1 in the automatic starting step, and 6 per attempted step:
    /// RhsEvaluations = 2 + 6·(accepted + rejected); with a given InitialStep, 1 + 6·(accepted + rejected).
    /// Checked against an independent counter wrapped around f, on a problem that has rejections.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DormandPrince54CountsFollowTheFsalFormula(bool givenInitialStep)
    {
        long calls = 0;
        OdeFunction counted = (t, u, du) =>
        {
            calls++;
            OdeTestProblems.Kepler(t, u, du);
        };
        var options = new OdeOptions { InitialStep = givenInitialStep ? 1e-3 : null, DenseOutput = true, SaveAt = null };
        var solution = new DormandPrince54().Solve(EccentricOrbit(counted), options);
        var statistics = solution.Statistics;

        Assert.Equal(OdeStatus.Success, solution.Status);
        Assert.True(statistics.RejectedSteps > 0, "the test problem must exercise rejections");
        Assert.Equal(calls, statistics.RhsEvaluations);
        Assert.Equal((givenInitialStep ? 1 : 2) + 6 * (statistics.AcceptedSteps + statistics.RejectedSteps), statistics.RhsEvaluations);
        Assert.Equal(statistics.AcceptedSteps + 1, solution.Times.Count);
    }

    /// <summary>
    /// DOP853: 1 + 1 (starting step) evaluations, 11 per attempted step (stages 2–12), 1 more per accepted step
    /// (stage 13, FSAL) and 3 more per accepted step whose interpolant is built (stages 14–16):
    /// RhsEvaluations = 2 + 12·accepted + 11·rejected (+ 3·accepted with DenseOutput).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DormandPrince853CountsFollowItsFormula(bool denseOutput)
    {
        long calls = 0;
        OdeFunction counted = (t, u, du) =>
        {
            calls++;
            OdeTestProblems.Kepler(t, u, du);
        };
        var solution = new DormandPrince853().Solve(EccentricOrbit(counted), new OdeOptions { DenseOutput = denseOutput });
        var statistics = solution.Statistics;

        Assert.Equal(OdeStatus.Success, solution.Status);
        Assert.True(statistics.RejectedSteps > 0, "the test problem must exercise rejections");
        Assert.Equal(calls, statistics.RhsEvaluations);
        long expected = 2 + (12 + (denseOutput ? 3 : 0)) * statistics.AcceptedSteps + 11 * statistics.RejectedSteps;
        Assert.Equal(expected, statistics.RhsEvaluations);
    }

    /// <summary>Fixed steps: 1 + s·N evaluations with s = 4 (RK4), 6 (DP5), 12 (DOP853); N = span/h steps on the grid t₀ + k h.</summary>
    [Theory]
    [InlineData("RungeKutta4", 4)]
    [InlineData("DormandPrince54", 6)]
    [InlineData("DormandPrince853", 12)]
    public void FixedStepModeTakesUniformStepsAndCountsEvaluations(string solverName, int evaluationsPerStep)
    {
        var problem = new OdeProblem(OdeTestProblems.Oscillator, [1.0, 0.0], 1, 3);
        var solution = ConvergenceOrderTests.CreateSolver(solverName).Solve(problem, new OdeOptions { FixedStep = 0.1 });

        Assert.Equal(OdeStatus.Success, solution.Status);
        Assert.Equal(20, solution.Statistics.AcceptedSteps);
        Assert.Equal(0, solution.Statistics.RejectedSteps);
        Assert.Equal(1 + evaluationsPerStep * 20, solution.Statistics.RhsEvaluations);
        Assert.Equal(21, solution.Times.Count);
        for (int k = 0; k < 20; k++)
        {
            Assert.Equal(1 + k * 0.1, solution.Times[k]);
        }

        Assert.Equal(3.0, solution.Times[^1]);
    }

    [Fact]
    public void FixedStepThatDoesNotDivideTheIntervalShortensTheLastStep()
    {
        var problem = new OdeProblem(OdeTestProblems.Oscillator, [1.0, 0.0], 0, 1);
        var solution = new RungeKutta4().Solve(problem, new OdeOptions { FixedStep = 0.3 });

        Assert.Equal([0.0, 0.3, 0.6, 0.8999999999999999, 1.0], solution.Times);
        Assert.Equal(Math.Cos(1), solution.FinalState[0], 1e-4);
    }

    [Fact]
    public void SolutionRecordsItsOptionsSolverAndProblem()
    {
        var problem = new OdeProblem(OdeTestProblems.Oscillator, [1.0, 0.0], 0, 1);
        var options = new OdeOptions { RelativeTolerance = 1e-9, AbsoluteTolerance = 1e-12 };
        var solution = new DormandPrince853().Solve(problem, options);

        Assert.Same(options, solution.Options);
        Assert.Same(problem, solution.Problem);
        Assert.Equal("DormandPrince853", solution.SolverName);
        Assert.Equal(OdeStatus.Success, solution.Status);
        Assert.Contains("EndTime", solution.Message);
    }

    [Fact]
    public void ZeroLengthIntervalReturnsTheInitialState()
    {
        var problem = new OdeProblem(OdeTestProblems.Oscillator, [1.0, 2.0], 4, 4);
        var solution = new DormandPrince54().Solve(problem, new OdeOptions { DenseOutput = true });

        Assert.Equal(OdeStatus.Success, solution.Status);
        Assert.Equal([4.0], solution.Times);
        Assert.Equal([1.0, 2.0], solution.FinalState);
        Assert.Equal([1.0, 2.0], solution.Evaluate(4));
        Assert.Equal(0, solution.Statistics.RhsEvaluations);
    }

    [Fact]
    public void MaxStepBoundsEveryStep()
    {
        var problem = new OdeProblem(OdeTestProblems.Oscillator, [1.0, 0.0], 0, 10);
        var solution = new DormandPrince853().Solve(problem, new OdeOptions { MaxStep = 0.25 });

        Assert.All(solution.Times.Zip(solution.Times.Skip(1), (a, b) => b - a), h => Assert.True(h <= 0.25 + 1e-15));
    }

    /// <summary>
    /// No allocation per step: a run of more than 5× as many steps (small MaxStep) allocates the same number of bytes,
    /// up to the status message, when only the end point is stored (SaveAt = [T], no dense output, no events).
    /// </summary>
    [Theory]
    [MemberData(nameof(AdaptiveSolvers))]
    public void SteppingDoesNotAllocate(string solverName)
    {
        var solver = ConvergenceOrderTests.CreateSolver(solverName);
        var problem = new OdeProblem(OdeTestProblems.Kepler, OdeTestProblems.KeplerExact(0.2, 0), 0, 20);
        var fewSteps = new OdeOptions { SaveAt = [20.0] };
        var manySteps = new OdeOptions { SaveAt = [20.0], MaxStep = 0.005 };
        solver.Solve(problem, fewSteps);
        solver.Solve(problem, manySteps);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var few = solver.Solve(problem, fewSteps);
        long middle = GC.GetAllocatedBytesForCurrentThread();
        var many = solver.Solve(problem, manySteps);
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.True(many.Statistics.AcceptedSteps > 5 * few.Statistics.AcceptedSteps);
        // Equal up to the length of the status message (a few characters); one object per step would be ≥ 24 bytes × thousands.
        Assert.True(Math.Abs((after - middle) - (middle - before)) < 256, $"few: {middle - before} B, many: {after - middle} B");
    }
}
