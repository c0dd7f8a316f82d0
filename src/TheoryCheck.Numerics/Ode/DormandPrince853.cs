namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// DOP853 (Dormand–Prince 8(5,3), Hairer–Nørsett–Wanner, Solving ODE I §II.10): explicit Runge–Kutta method of
/// order 8 with a combined 5th/3rd-order error estimate, FSAL, PI step-size control (β = 0 by default, as in
/// Hairer's code), automatic starting step and a 7th-order continuous extension (3 extra evaluations per step, only
/// for steps whose interpolant is needed). The high-order reference method of TheoryCheck.
/// Right-hand-side evaluations: 2 + 12·accepted + 11·rejected + 3·(accepted steps with interpolant) with the automatic
/// starting step (1 + … with <see cref="OdeOptions.InitialStep"/>); every accepted step has an interpolant when
/// <see cref="OdeOptions.DenseOutput"/> is set. Fixed-step mode: 1 + 12·steps (+ 3 per interpolated step).
/// (A step rejected because f(t + h, u_new) was not finite costs 12, one whose interpolant stages were not finite 15.)
/// </summary>
public sealed class DormandPrince853 : EmbeddedRungeKuttaSolver
{
    /// <summary>A solver with Hairer's DOP853 default 0 for β and safety factor 0.9.</summary>
    public DormandPrince853()
        : base(defaultBeta: 0)
    {
    }

    /// <inheritdoc />
    public override string Name => "DormandPrince853";

    /// <inheritdoc />
    public override int Order => 8;

    private protected override RungeKuttaStepper CreateStepper(OdeProblem problem) => new DormandPrince853Stepper(problem.Rhs, problem.Dimension);

    // Hairer's dop853: α = 1/8 − 0.2β, 0.333 ≤ h_new/h ≤ 6.
    private protected override StepSizeControl CreateControl() => new(Order: 8, Exponent: 0.125 - 0.2 * Beta, Beta, Safety, MinFactor: 0.333, MaxFactor: 6.0);
}
