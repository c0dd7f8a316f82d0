using static TheoryCheck.Numerics.Ode.DormandPrince853Tableau;

namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// DOP853 step: 12 stages for the 8th-order solution, stage 13 = f(t + h, u_new) (FSAL), stages 14–16 only for the
/// 7th-order dense output (8 vectors). Error norm as in Hairer's dop853: err = |h|·ε₅² / √(n(ε₅² + 0.01 ε₃²)),
/// ε₅², ε₃² the scaled sums of squares of the 5th- and 3rd-order error estimates.
/// </summary>
internal sealed class DormandPrince853Stepper(OdeFunction rhs, int dimension) : RungeKuttaStepper(rhs, dimension, 16)
{
    private readonly double[] stageState = new double[dimension];
    private readonly double[] weighted = new double[dimension];

    public override int DenseVectorCount => 8;

    protected override int EndStage => 12;

    public override void Step(double t, ReadOnlySpan<double> u, double h, Span<double> uNew)
    {
        int n = Dimension;
        Span<double> s = stageState;
        Span<double> k1 = Stage(0), k2 = Stage(1), k3 = Stage(2), k4 = Stage(3), k5 = Stage(4), k6 = Stage(5);
        Span<double> k7 = Stage(6), k8 = Stage(7), k9 = Stage(8), k10 = Stage(9), k11 = Stage(10), k12 = Stage(11);
        Span<double> sum = weighted;

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
            s[i] = u[i] + h * (A41 * k1[i] + A43 * k3[i]);
        }

        Evaluate(t + C4 * h, s, k4);
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * (A51 * k1[i] + A53 * k3[i] + A54 * k4[i]);
        }

        Evaluate(t + C5 * h, s, k5);
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * (A61 * k1[i] + A64 * k4[i] + A65 * k5[i]);
        }

        Evaluate(t + C6 * h, s, k6);
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * (A71 * k1[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
        }

        Evaluate(t + C7 * h, s, k7);
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * (A81 * k1[i] + A84 * k4[i] + A85 * k5[i] + A86 * k6[i] + A87 * k7[i]);
        }

        Evaluate(t + C8 * h, s, k8);
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * (A91 * k1[i] + A94 * k4[i] + A95 * k5[i] + A96 * k6[i] + A97 * k7[i] + A98 * k8[i]);
        }

        Evaluate(t + C9 * h, s, k9);
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * (A101 * k1[i] + A104 * k4[i] + A105 * k5[i] + A106 * k6[i] + A107 * k7[i]
                + A108 * k8[i] + A109 * k9[i]);
        }

        Evaluate(t + C10 * h, s, k10);
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * (A111 * k1[i] + A114 * k4[i] + A115 * k5[i] + A116 * k6[i] + A117 * k7[i]
                + A118 * k8[i] + A119 * k9[i] + A1110 * k10[i]);
        }

        Evaluate(t + C11 * h, s, k11);
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * (A121 * k1[i] + A124 * k4[i] + A125 * k5[i] + A126 * k6[i] + A127 * k7[i]
                + A128 * k8[i] + A129 * k9[i] + A1210 * k10[i] + A1211 * k11[i]);
        }

        Evaluate(t + h, s, k12);
        for (int i = 0; i < n; i++)
        {
            sum[i] = B1 * k1[i] + B6 * k6[i] + B7 * k7[i] + B8 * k8[i] + B9 * k9[i] + B10 * k10[i] + B11 * k11[i] + B12 * k12[i];
            uNew[i] = u[i] + h * sum[i];
        }
    }

    public override double ErrorNorm(ReadOnlySpan<double> u, ReadOnlySpan<double> uNew, double h, double relativeTolerance, double absoluteTolerance)
    {
        int n = Dimension;
        Span<double> k1 = Stage(0), k6 = Stage(5), k7 = Stage(6), k8 = Stage(7), k9 = Stage(8);
        Span<double> k10 = Stage(9), k11 = Stage(10), k12 = Stage(11);
        Span<double> sum = weighted;
        double error5 = 0, error3 = 0;
        for (int i = 0; i < n; i++)
        {
            double scale = absoluteTolerance + relativeTolerance * Math.Max(Math.Abs(u[i]), Math.Abs(uNew[i]));
            double e3 = ScaledError(sum[i] - Bhh1 * k1[i] - Bhh2 * k9[i] - Bhh3 * k12[i], scale);
            double e5 = ScaledError(Er1 * k1[i] + Er6 * k6[i] + Er7 * k7[i] + Er8 * k8[i] + Er9 * k9[i] + Er10 * k10[i]
                + Er11 * k11[i] + Er12 * k12[i], scale);
            error3 += e3 * e3;
            error5 += e5 * e5;
        }

        double denominator = error5 + 0.01 * error3;
        if (denominator <= 0)
        {
            // Both estimates vanish (e.g. a polynomial solution of low degree); NaN falls through as NaN.
            denominator = 1.0;
        }

        return Math.Abs(h) * error5 * Math.Sqrt(1.0 / (denominator * n));
    }

    public override bool Complete(double tNew, ReadOnlySpan<double> uNew)
    {
        Span<double> k13 = Stage(12);
        Evaluate(tNew, uNew, k13);
        return AllFinite(k13);
    }

    public override void BuildDense(double t, ReadOnlySpan<double> u, double h, ReadOnlySpan<double> uNew, Span<double> coefficients)
    {
        int n = Dimension;
        Span<double> s = stageState;
        Span<double> k1 = Stage(0), k6 = Stage(5), k7 = Stage(6), k8 = Stage(7), k9 = Stage(8), k10 = Stage(9);
        Span<double> k11 = Stage(10), k12 = Stage(11), k13 = Stage(12), k14 = Stage(13), k15 = Stage(14), k16 = Stage(15);

        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * (A141 * k1[i] + A147 * k7[i] + A148 * k8[i] + A149 * k9[i] + A1410 * k10[i]
                + A1411 * k11[i] + A1412 * k12[i] + A1413 * k13[i]);
        }

        Evaluate(t + C14 * h, s, k14);
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * (A151 * k1[i] + A156 * k6[i] + A157 * k7[i] + A158 * k8[i] + A1511 * k11[i]
                + A1512 * k12[i] + A1513 * k13[i] + A1514 * k14[i]);
        }

        Evaluate(t + C15 * h, s, k15);
        for (int i = 0; i < n; i++)
        {
            s[i] = u[i] + h * (A161 * k1[i] + A166 * k6[i] + A167 * k7[i] + A168 * k8[i] + A169 * k9[i]
                + A1613 * k13[i] + A1614 * k14[i] + A1615 * k15[i]);
        }

        Evaluate(t + C16 * h, s, k16);

        HairerInterpolant.FillHermite(u, uNew, k1, k13, h, coefficients);
        Span<double> r5 = coefficients.Slice(4 * n, n), r6 = coefficients.Slice(5 * n, n);
        Span<double> r7 = coefficients.Slice(6 * n, n), r8 = coefficients.Slice(7 * n, n);
        for (int i = 0; i < n; i++)
        {
            r5[i] = h * (D41 * k1[i] + D46 * k6[i] + D47 * k7[i] + D48 * k8[i] + D49 * k9[i] + D410 * k10[i]
                + D411 * k11[i] + D412 * k12[i] + D413 * k13[i] + D414 * k14[i] + D415 * k15[i] + D416 * k16[i]);
            r6[i] = h * (D51 * k1[i] + D56 * k6[i] + D57 * k7[i] + D58 * k8[i] + D59 * k9[i] + D510 * k10[i]
                + D511 * k11[i] + D512 * k12[i] + D513 * k13[i] + D514 * k14[i] + D515 * k15[i] + D516 * k16[i]);
            r7[i] = h * (D61 * k1[i] + D66 * k6[i] + D67 * k7[i] + D68 * k8[i] + D69 * k9[i] + D610 * k10[i]
                + D611 * k11[i] + D612 * k12[i] + D613 * k13[i] + D614 * k14[i] + D615 * k15[i] + D616 * k16[i]);
            r8[i] = h * (D71 * k1[i] + D76 * k6[i] + D77 * k7[i] + D78 * k8[i] + D79 * k9[i] + D710 * k10[i]
                + D711 * k11[i] + D712 * k12[i] + D713 * k13[i] + D714 * k14[i] + D715 * k15[i] + D716 * k16[i]);
        }
    }
}
