using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Tests.Numerics.Ode;

/// <summary>Bad arguments throw <see cref="ArgumentException"/> with the offending name; good ones are kept.</summary>
public sealed class OdeValidationTests
{
    private static readonly OdeFunction Zero = static (t, u, du) => du.Clear();

    [Fact]
    public void ProblemRejectsBadInput()
    {
        Assert.Throws<ArgumentNullException>(() => new OdeProblem(null!, [1.0], 0, 1));
        Assert.Throws<ArgumentNullException>(() => new OdeProblem(Zero, null!, 0, 1));
        Assert.Throws<ArgumentException>(() => new OdeProblem(Zero, [], 0, 1));
        Assert.Throws<ArgumentException>(() => new OdeProblem(Zero, [double.NaN], 0, 1));
        Assert.Throws<ArgumentException>(() => new OdeProblem(Zero, [1.0], double.NegativeInfinity, 1));
        Assert.Throws<ArgumentException>(() => new OdeProblem(Zero, [1.0], 0, double.NaN));
        var problem = new OdeProblem(Zero, [1.0], 0, 1);
        Assert.Throws<ArgumentException>(() => problem with { EndTime = double.PositiveInfinity });
        Assert.Throws<ArgumentException>(() => problem with { Events = [null!] });
    }

    [Fact]
    public void ProblemCopiesTheInitialState()
    {
        double[] initial = [1.0, 2.0];
        var problem = new OdeProblem(Zero, initial, 0, 1);
        initial[0] = 99;
        Assert.Equal([1.0, 2.0], problem.InitialState);
        Assert.Equal(2, problem.Dimension);
    }

    [Fact]
    public void OptionsRejectBadValues()
    {
        Assert.Throws<ArgumentException>(() => new OdeOptions { RelativeTolerance = -1e-8 });
        Assert.Throws<ArgumentException>(() => new OdeOptions { AbsoluteTolerance = double.NaN });
        Assert.Throws<ArgumentException>(() => new OdeOptions { InitialStep = 0 });
        Assert.Throws<ArgumentException>(() => new OdeOptions { MaxStep = -1 });
        Assert.Throws<ArgumentException>(() => new OdeOptions { FixedStep = double.PositiveInfinity });
        Assert.Throws<ArgumentException>(() => new OdeOptions { MaxSteps = 0 });
        Assert.Throws<ArgumentException>(() => new OdeOptions { SaveAt = [0, double.NaN] });
    }

    [Fact]
    public void OptionsDefaultsAreTheProjectDefaults()
    {
        var options = new OdeOptions();
        Assert.Equal(1e-8, options.RelativeTolerance);
        Assert.Equal(1e-10, options.AbsoluteTolerance);
        Assert.Null(options.InitialStep);
        Assert.Null(options.MaxStep);
        Assert.Null(options.SaveAt);
        Assert.Null(options.FixedStep);
        Assert.False(options.DenseOutput);
        Assert.Equal(1_000_000, options.MaxSteps);
    }

    [Fact]
    public void SaveAtMustLieInTheIntervalAndFollowTheDirection()
    {
        var forward = new OdeProblem(Zero, [1.0], 0, 1);
        var backward = new OdeProblem(Zero, [1.0], 1, 0);
        var solver = new DormandPrince54();
        Assert.Throws<ArgumentException>(() => solver.Solve(forward, new OdeOptions { SaveAt = [0.5, 1.5] }));
        Assert.Throws<ArgumentException>(() => solver.Solve(forward, new OdeOptions { SaveAt = [-0.1] }));
        Assert.Throws<ArgumentException>(() => solver.Solve(forward, new OdeOptions { SaveAt = [0.5, 0.2] }));
        Assert.Throws<ArgumentException>(() => solver.Solve(forward, new OdeOptions { SaveAt = [0.5, 0.5] }));
        Assert.Throws<ArgumentException>(() => solver.Solve(backward, new OdeOptions { SaveAt = [0.2, 0.5] }));
        Assert.Equal([0.5, 0.2], solver.Solve(backward, new OdeOptions { SaveAt = [0.5, 0.2] }).Times);
    }

    [Fact]
    public void AdaptiveStepsNeedANonZeroTolerance()
    {
        var problem = new OdeProblem(Zero, [1.0], 0, 1);
        Assert.Throws<ArgumentException>(() => new DormandPrince54().Solve(problem, new OdeOptions { RelativeTolerance = 0, AbsoluteTolerance = 0 }));
        Assert.Equal(OdeStatus.Success, new DormandPrince54().Solve(problem, new OdeOptions { RelativeTolerance = 0, AbsoluteTolerance = 0, FixedStep = 0.5 }).Status);
    }

    [Fact]
    public void RungeKutta4RequiresFixedSteps()
    {
        var problem = new OdeProblem(Zero, [1.0], 0, 1);
        Assert.Throws<ArgumentException>(() => new RungeKutta4().Solve(problem, new OdeOptions()));
    }

    [Fact]
    public void SolverParametersAreValidated()
    {
        Assert.Throws<ArgumentException>(() => new DormandPrince54 { Beta = 0.5 });
        Assert.Throws<ArgumentException>(() => new DormandPrince853 { Safety = 1.5 });
        Assert.Equal(0.04, new DormandPrince54().Beta);
        Assert.Equal(0.0, new DormandPrince853().Beta);
    }

    [Fact]
    public void EventRejectsNullConditionAndUnknownDirection()
    {
        Assert.Throws<ArgumentNullException>(() => new OdeEvent(null!));
        Assert.Throws<ArgumentException>(() => new OdeEvent((t, u) => t, (EventDirection)7));
    }
}
