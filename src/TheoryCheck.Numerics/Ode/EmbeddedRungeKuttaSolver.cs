namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// What the embedded Dormand–Prince solvers share: validated PI step-control settings (β, safety factor) and the
/// solve sequence (validate options, build the method's stepper and controller, run <see cref="RungeKuttaIntegration"/>).
/// A derived solver supplies its stepper and Hairer's controller constants for its order.
/// </summary>
public abstract class EmbeddedRungeKuttaSolver : IOdeSolver
{
    /// <summary>Sets the method's default β (Hairer: 0.04 for DOPRI5, 0 for DOP853).</summary>
    private protected EmbeddedRungeKuttaSolver(double defaultBeta) => Beta = defaultBeta;

    /// <summary>PI stabilisation β ∈ [0, 0.2] (0 gives the classical I controller).</summary>
    public double Beta
    {
        get;
        init => field = value is >= 0 and <= 0.2
            ? value
            : throw new ArgumentException($"Beta is {value}; it must lie in [0, 0.2].", nameof(Beta));
    }

    /// <summary>Safety factor ∈ (0, 1) applied to the step-size proposal (default 0.9).</summary>
    public double Safety
    {
        get;
        init => field = value is > 1e-4 and < 1
            ? value
            : throw new ArgumentException($"Safety is {value}; it must lie in (1e-4, 1).", nameof(Safety));
    } = 0.9;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public abstract int Order { get; }

    /// <inheritdoc />
    public OdeSolution Solve(OdeProblem problem, OdeOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        options.ValidateFor(problem);
        return RungeKuttaIntegration.Run(problem, options, CreateStepper(problem), CreateControl(), Name);
    }

    private protected abstract RungeKuttaStepper CreateStepper(OdeProblem problem);

    private protected abstract StepSizeControl CreateControl();
}
