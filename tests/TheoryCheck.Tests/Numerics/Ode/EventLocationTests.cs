using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Tests.Numerics.Ode;

/// <summary>Event location against known crossing times; terminal vs non-terminal; direction filtering.</summary>
public sealed class EventLocationTests
{
    public static TheoryData<string> AdaptiveSolvers => ["DormandPrince54", "DormandPrince853"];

    /// <summary>
    /// g = u₀ on the oscillator u = (cos t, −sin t): zeros at π/2, 3π/2, 5π/2 in [0, 10], alternately falling and
    /// rising. At rtol = atol = 1e−12 the state (hence the root of the interpolant) is accurate to ~1e−12, so each
    /// event time must be within 1e−10 of (2k+1)π/2.
    /// </summary>
    [Theory]
    [MemberData(nameof(AdaptiveSolvers))]
    public void ZeroCrossingsOfCosineAreLocatedToTenDigits(string solverName)
    {
        var problem = new OdeProblem(OdeTestProblems.Oscillator, [1.0, 0.0], 0, 10) { Events = [new OdeEvent((t, u) => u[0])] };
        var solution = ConvergenceOrderTests.CreateSolver(solverName)
            .Solve(problem, new OdeOptions { RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-12 });

        Assert.Equal(OdeStatus.Success, solution.Status);
        Assert.Equal(3, solution.Events.Count);
        EventDirection[] crossings = [EventDirection.Falling, EventDirection.Rising, EventDirection.Falling];
        for (int k = 0; k < 3; k++)
        {
            var occurrence = solution.Events[k];
            Assert.Equal(0, occurrence.EventIndex);
            Assert.Equal(crossings[k], occurrence.Crossing);
            Assert.True(Math.Abs(occurrence.Time - (2 * k + 1) * Math.PI / 2) < 1e-10, $"event {k} at {occurrence.Time:R}");
            Assert.True(Math.Abs(occurrence.State[0]) < 1e-10);
            Assert.True(Math.Abs(Math.Abs(occurrence.State[1]) - 1) < 1e-10);
        }

        Assert.Equal(10.0, solution.FinalTime);
    }

    /// <summary>With g(t, u) = cos t the root finder alone is tested: Brent must converge to a few ulps of π/2.</summary>
    [Theory]
    [MemberData(nameof(AdaptiveSolvers))]
    public void TimeOnlyConditionIsLocatedToRootFinderPrecision(string solverName)
    {
        var problem = new OdeProblem(OdeTestProblems.Oscillator, [1.0, 0.0], 0, 3) { Events = [new OdeEvent((t, u) => Math.Cos(t))] };
        var solution = ConvergenceOrderTests.CreateSolver(solverName).Solve(problem, new OdeOptions());

        Assert.Single(solution.Events);
        Assert.True(Math.Abs(solution.Events[0].Time - Math.PI / 2) < 1e-14, $"{solution.Events[0].Time:R}");
    }

    [Theory]
    [MemberData(nameof(AdaptiveSolvers))]
    public void DirectionFilterKeepsOnlyTheRequestedCrossings(string solverName)
    {
        var problem = new OdeProblem(OdeTestProblems.Oscillator, [1.0, 0.0], 0, 10)
        {
            Events =
            [
                new OdeEvent((t, u) => u[0], EventDirection.Rising),
                new OdeEvent((t, u) => u[0], EventDirection.Falling),
            ],
        };
        var solution = ConvergenceOrderTests.CreateSolver(solverName).Solve(problem, new OdeOptions());

        var rising = solution.Events.Where(e => e.EventIndex == 0).ToArray();
        var falling = solution.Events.Where(e => e.EventIndex == 1).ToArray();
        Assert.Single(rising);
        Assert.Equal(3 * Math.PI / 2, rising[0].Time, 1e-7);
        Assert.Equal(EventDirection.Rising, rising[0].Crossing);
        Assert.Equal(2, falling.Length);
        Assert.Equal(Math.PI / 2, falling[0].Time, 1e-7);
        Assert.Equal(5 * Math.PI / 2, falling[1].Time, 1e-7);
        Assert.True(solution.Events.Zip(solution.Events.Skip(1), (a, b) => a.Time <= b.Time).All(ordered => ordered));
    }

    /// <summary>
    /// Falling body y″ = −g from height H at rest: the ground is reached at t* = √(2H/g) with speed −g t*. The
    /// solution is quadratic in t, which both interpolants reproduce exactly, so t* is found to rounding accuracy.
    /// A terminal event stops the run there: status StoppedByEvent, last output point = event point.
    /// </summary>
    [Theory]
    [MemberData(nameof(AdaptiveSolvers))]
    public void TerminalGroundImpactStopsTheIntegrationAtTheImpactTime(string solverName)
    {
        const double gravity = 9.81, height = 10;
        OdeFunction fall = static (t, u, du) =>
        {
            du[0] = u[1];
            du[1] = -gravity;
        };
        var problem = new OdeProblem(fall, [height, 0.0], 0, 5)
        {
            Events = [new OdeEvent((t, u) => u[0], EventDirection.Falling, Terminal: true)],
        };
        var solution = ConvergenceOrderTests.CreateSolver(solverName).Solve(problem, new OdeOptions());
        double impact = Math.Sqrt(2 * height / gravity);

        Assert.Equal(OdeStatus.StoppedByEvent, solution.Status);
        Assert.True(solution.Succeeded);
        Assert.Single(solution.Events);
        Assert.Equal(impact, solution.Events[0].Time, 1e-12);
        Assert.Equal(solution.Events[0].Time, solution.FinalTime);
        Assert.Equal(solution.FinalTime, solution.Times[^1]);
        Assert.Equal(0.0, solution.FinalState[0], 1e-11);
        Assert.Equal(-gravity * impact, solution.FinalState[1], 1e-11);
        Assert.Equal(solution.FinalState, solution.States[^1]);
        Assert.All(solution.Times, t => Assert.True(t <= impact + 1e-12));
    }

    [Fact]
    public void TerminalEventWithSaveAtKeepsTheGridUpToTheEventThenTheEventPoint()
    {
        const double gravity = 9.81, height = 10;
        OdeFunction fall = static (t, u, du) =>
        {
            du[0] = u[1];
            du[1] = -gravity;
        };
        double[] grid = Enumerable.Range(0, 51).Select(k => k * 0.1).ToArray();
        var problem = new OdeProblem(fall, [height, 0.0], 0, 5)
        {
            Events = [new OdeEvent((t, u) => u[0], EventDirection.Falling, Terminal: true)],
        };
        var solution = new DormandPrince54().Solve(problem, new OdeOptions { SaveAt = grid });
        double impact = Math.Sqrt(2 * height / gravity); // ≈ 1.4278

        Assert.Equal(OdeStatus.StoppedByEvent, solution.Status);
        Assert.Equal(grid.Where(t => t <= impact).Append(solution.FinalTime), solution.Times);
        Assert.Equal(impact, solution.Times[^1], 1e-12);
        for (int i = 0; i < solution.Times.Count; i++)
        {
            double t = solution.Times[i];
            Assert.Equal(height - 0.5 * gravity * t * t, solution.States[i][0], 1e-11);
        }
    }

    [Fact]
    public void NonTerminalEventDoesNotChangeTheSolution()
    {
        var plain = new OdeProblem(OdeTestProblems.Oscillator, [1.0, 0.0], 0, 10);
        var withEvent = plain with { Events = [new OdeEvent((t, u) => u[1] - 0.3)] };
        var a = new DormandPrince853().Solve(plain, new OdeOptions());
        var b = new DormandPrince853().Solve(withEvent, new OdeOptions());

        Assert.Equal(a.Times, b.Times);
        Assert.Equal(a.FinalState, b.FinalState);
        Assert.NotEmpty(b.Events);
        Assert.All(b.Events, e => Assert.Equal(0.3, e.State[1], 1e-9));
    }

    [Fact]
    public void SeveralRootsInOneStepAreReportedInTimeOrderAndTheFirstTerminalOneStops()
    {
        // u′ = 1 (u = t) is integrated exactly, so the whole interval is one step; events at t = 0.6 (terminal),
        // 0.2 and 0.4 (non-terminal) and 0.8 (terminal, never reached).
        OdeFunction unit = static (t, u, du) => du[0] = 1;
        var problem = new OdeProblem(unit, [0.0], 0, 1)
        {
            Events =
            [
                new OdeEvent((t, u) => u[0] - 0.6, Terminal: true),
                new OdeEvent((t, u) => u[0] - 0.4),
                new OdeEvent((t, u) => u[0] - 0.8, Terminal: true),
                new OdeEvent((t, u) => u[0] - 0.2),
            ],
        };
        var solution = new DormandPrince54().Solve(problem, new OdeOptions { InitialStep = 1.0 });

        Assert.Equal(1, solution.Statistics.AcceptedSteps);
        Assert.Equal(OdeStatus.StoppedByEvent, solution.Status);
        Assert.Equal([3, 1, 0], solution.Events.Select(e => e.EventIndex));
        Assert.Equal([0.2, 0.4, 0.6], solution.Events.Select(e => e.Time), new ToleranceComparer(1e-15));
        Assert.Equal(0.6, solution.FinalTime, 1e-15);
        Assert.Equal([0.0, solution.FinalTime], solution.Times);
    }

    [Theory]
    [MemberData(nameof(AdaptiveSolvers))]
    public void EventsWorkWhenIntegratingBackwards(string solverName)
    {
        // From t = 3 back to 0 on the oscillator: u₀ = cos t crosses zero at π/2; going backwards cos increases, so
        // along the integration the crossing is rising.
        var problem = new OdeProblem(OdeTestProblems.Oscillator, [Math.Cos(3), -Math.Sin(3)], 3, 0)
        {
            Events = [new OdeEvent((t, u) => u[0], EventDirection.Rising)],
        };
        var solution = ConvergenceOrderTests.CreateSolver(solverName)
            .Solve(problem, new OdeOptions { RelativeTolerance = 1e-12, AbsoluteTolerance = 1e-12 });

        Assert.Single(solution.Events);
        Assert.Equal(Math.PI / 2, solution.Events[0].Time, 1e-10);
        Assert.Equal(1.0, solution.FinalState[0], 1e-10);
    }

    [Fact]
    public void FixedStepModeLocatesEventsOnTheInterpolant()
    {
        var problem = new OdeProblem(OdeTestProblems.Oscillator, [1.0, 0.0], 0, 3) { Events = [new OdeEvent((t, u) => u[0])] };
        var solution = new DormandPrince853().Solve(problem, new OdeOptions { FixedStep = 0.05 });

        Assert.Single(solution.Events);
        Assert.Equal(Math.PI / 2, solution.Events[0].Time, 1e-12);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
