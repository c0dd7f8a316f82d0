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
public sealed class DormandPrince54 : EmbeddedRungeKuttaSolver
{
    /// <summary>A solver with Hairer's default 0.04 for β and safety factor 0.9.</summary>
    public DormandPrince54()
        : base(defaultBeta: 0.04)
    {
    }

    /// <inheritdoc />
    public override string Name => "DormandPrince54";

    /// <inheritdoc />
    public override int Order => 5;

    private protected override RungeKuttaStepper CreateStepper(OdeProblem problem) => new DormandPrince54Stepper(problem.Rhs, problem.Dimension);

    // Hairer's dopri5: α = 1/5 − 0.75β, 0.2 ≤ h_new/h ≤ 10.
    private protected override StepSizeControl CreateControl() => new(Order: 5, Exponent: 0.2 - 0.75 * Beta, Beta, Safety, MinFactor: 0.2, MaxFactor: 10.0);
}
