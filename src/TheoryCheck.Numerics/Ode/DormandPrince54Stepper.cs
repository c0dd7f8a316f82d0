using static TheoryCheck.Numerics.Ode.DormandPrince54Tableau;

namespace TheoryCheck.Numerics.Ode;

/// <summary>Dormand–Prince 5(4) step (7 stages, FSAL) with dopri5's 4th-order dense output (5 vectors).</summary>
internal sealed class DormandPrince54Stepper(OdeFunction rhs, int dimension) : RungeKuttaStepper(rhs, dimension, 7)
{
    private readonly double[] stageState = new double[dimension];

    public override int DenseVectorCount => 5;

    protected override int EndStage => 6;

    public override void Step(double t, ReadOnlySpan<double> u, double h, Span<double> uNew)
    {
        int n = Dimension;
        Span<double> s = stageState;
        Span<double> k1 = Stage(0), k2 = Stage(1), k3 = Stage(2), k4 = Stage(3), k5 = Stage(4), k6 = Stage(5), k7 = Stage(6);

        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * A21 * k1[i];
        }

        Evaluate(t + C2 * h, s, k2);
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * (A31 * k1[i] + A32 * k2[i]);
        }

        Evaluate(t + C3 * h, s, k3);
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
        }

        Evaluate(t + C4 * h, s, k4);
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
        }

        Evaluate(t + C5 * h, s, k5);
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
        }

        Evaluate(t + h, s, k6);
        for (int i = 0; i < n; i++)
        {
            uNew[i] = u[i] + h * (B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
        }

        Evaluate(t + h, uNew, k7);
    }

    public override double ErrorNorm(ReadOnlySpan<double> u, ReadOnlySpan<double> uNew, double h, double relativeTolerance, double absoluteTolerance)
    {
        int n = Dimension;
        Span<double> k1 = Stage(0), k3 = Stage(2), k4 = Stage(3), k5 = Stage(4), k6 = Stage(5), k7 = Stage(6);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double error = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
            double scale = absoluteTolerance + relativeTolerance * Math.Max(Math.Abs(u[i]), Math.Abs(uNew[i]));
            double ratio = ScaledError(error, scale);
            sum += ratio * ratio;
        }

        return Math.Sqrt(sum / n);
    }

    public override void BuildDense(double t, ReadOnlySpan<double> u, double h, ReadOnlySpan<double> uNew, Span<double> coefficients)
    {
        int n = Dimension;
        Span<double> k1 = Stage(0), k3 = Stage(2), k4 = Stage(3), k5 = Stage(4), k6 = Stage(5), k7 = Stage(6);
        HairerInterpolant.FillHermite(u, uNew, k1, k7, h, coefficients);
        Span<double> r5 = coefficients.Slice(4 * n, n);
        for (int i = 0; i < n; i++)
        {
            r5[i] = h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
        }
    }
}
