namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// Dormand–Prince 5(4) (Hairer's DOPRI5): explicit Runge–Kutta pair of order 5 with a 4th-order embedded error
/// estimate, local extrapolation, FSAL (6 right-hand-side evaluations per step), PI step-size control, automatic
/// starting step and Hairer's 4th-order continuous extension as dense output (used for SaveAt, events and
/// <see cref="OdeSolution.Evaluate(double)"/>). With <see cref="OdeOptions.FixedStep"/> it is a plain 5th-order
/// fixed-step method.
/// Right-hand-side evaluations: 2 + 6·(accepted + rejected) with the automatic starting step, 1 + 6·(accepted + rejected)
/// with <see cref="OdeOptions.InitialStep"/> set, 1 + 6·steps in fixed-step mode.
/// </summary>
public sealed class DormandPrince54 : IOdeSolver
{
    /// <summary>PI stabilisation β ∈ [0, 0.2] (Hairer's default 0.04; 0 gives the classical I controller).</summary>
    public double Beta
    {
        get;
        init => field = value is >= 0 and <= 0.2
            ? value
            : throw new ArgumentException($"Beta is {value}; it must lie in [0, 0.2].", nameof(Beta));
    } = 0.04;

    /// <summary>Safety factor ∈ (0, 1) applied to the step-size proposal (default 0.9).</summary>
    public double Safety
    {
        get;
        init => field = value is > 1e-4 and < 1
            ? value
            : throw new ArgumentException($"Safety is {value}; it must lie in (1e-4, 1).", nameof(Safety));
    } = 0.9;

    /// <inheritdoc />
    public string Name => "DormandPrince54";

    /// <inheritdoc />
    public int Order => 5;

    /// <inheritdoc />
    public OdeSolution Solve(OdeProblem problem, OdeOptions options)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        options.ValidateFor(problem);
        var stepper = new DormandPrince54Stepper(problem.Rhs, problem.Dimension);
        // Hairer's dopri5: α = 1/5 − 0.75β, 0.2 ≤ h_new/h ≤ 10.
        var control = new StepSizeControl(Order: 5, Exponent: 0.2 - 0.75 * Beta, Beta, Safety, MinFactor: 0.2, MaxFactor: 10.0);
        return RungeKuttaIntegration.Run(problem, options, stepper, control, Name);
    }
}
