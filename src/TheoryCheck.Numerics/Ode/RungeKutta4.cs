namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// The classical 4th-order Runge–Kutta method, fixed steps only (<see cref="OdeOptions.FixedStep"/> must be set):
/// an independent check of the Dormand–Prince solvers. Dense output is the cubic Hermite interpolant (order 3).
/// Right-hand-side evaluations: 1 + 4·steps.
/// </summary>
public sealed class RungeKutta4 : IOdeSolver
{
    /// <inheritdoc />
    public string Name => "RungeKutta4";

    /// <inheritdoc />
    public int Order => 4;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><see cref="OdeOptions.FixedStep"/> is not set.</exception>
    public OdeSolution Solve(OdeProblem problem, OdeOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        if (options.FixedStep is null)
        {
            throw new ArgumentException("RungeKutta4 is a fixed-step method; set OdeOptions.FixedStep.", nameof(options));
        }

        options.ValidateFor(problem);
        var stepper = new RungeKutta4Stepper(problem.Rhs, problem.Dimension);
        return RungeKuttaIntegration.Run(problem, options, stepper, control: null, Name);
    }
}
