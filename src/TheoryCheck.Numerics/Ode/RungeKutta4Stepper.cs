namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// Classical 4-stage Runge–Kutta step u_new = u + h(k₁ + 2k₂ + 2k₃ + k₄)/6, with the cubic Hermite interpolant
/// through (u, f) at both ends as dense output (4 vectors); f(t + h, u_new) is reused as the next k₁.
/// </summary>
internal sealed class RungeKutta4Stepper(OdeFunction rhs, int dimension) : RungeKuttaStepper(rhs, dimension, 5)
{
    private readonly double[] stageState = new double[dimension];

    public override int DenseVectorCount => 4;

    protected override int EndStage => 4;

    public override void Step(double t, ReadOnlySpan<double> u, double h, Span<double> uNew)
    {
        int n = Dimension;
        Span<double> s = stageState;
        Span<double> k1 = Stage(0), k2 = Stage(1), k3 = Stage(2), k4 = Stage(3);
        double half = 0.5 * h;
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + half * k1[i];
        }

        Evaluate(t + half, s, k2);
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + half * k2[i];
        }

        Evaluate(t + half, s, k3);
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * k3[i];
        }

        Evaluate(t + h, s, k4);
        double sixth = h / 6.0;
        for (int i = 0; i < n; i++)
        {
            uNew[i] = u[i] + sixth * (k1[i] + 2.0 * (k2[i] + k3[i]) + k4[i]);
        }
    }

    public override double ErrorNorm(ReadOnlySpan<double> u, ReadOnlySpan<double> uNew, double h, double relativeTolerance, double absoluteTolerance) =>
        throw new NotSupportedException("The classical Runge–Kutta method has no embedded error estimate.");

    public override bool Complete(double tNew, ReadOnlySpan<double> uNew)
    {
        Span<double> end = Stage(4);
        Evaluate(tNew, uNew, end);
        return AllFinite(end);
    }

    public override void BuildDense(double t, ReadOnlySpan<double> u, double h, ReadOnlySpan<double> uNew, Span<double> coefficients) =>
        HairerInterpolant.FillHermite(u, uNew, Stage(0), Stage(4), h, coefficients);
}
