using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Gaussian;
using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Theory.Cws;

/// <summary>
/// Two-variable reductions of the logistic <c>cws</c> ODE for two classes ±μ, p = ½, labels 1/0 (cws.md §6, §7),
/// coded from their own formulas (not from <see cref="CwsModeOde"/>) as an independent check: with r ~ N(M, S),
/// <list type="bullet">
/// <item>isotropic (§6), S = Q = ‖X‖²: dM/dt = γ(‖μ‖² E σ(−r) − M E σ(r)σ(−r)),
/// dQ/dt = 2γ M E σ(−r) − 2γ Q E σ(r)σ(−r) + γ² E σ(−r)²;</item>
/// <item>zero-one with the mean on the clean modes (§7), S = Σ_noisy V_i: dM/dt = γ‖P₀μ‖² E σ(−r),
/// dS/dt = −2γ E σ(r)σ(−r) S + γ²(1 − n_c/d) E σ(−r)².</item>
/// </list>
/// Risk 𝓡 = E log(1 + e^{−r}). Expectations by probabilists' Gauss–Hermite with 200 nodes; Dormand–Prince 8(5,3),
/// rtol 1e-11. γ may follow a schedule.
/// </summary>
public static class CwsLogisticReductions
{
    private const int Order = 200;

    /// <summary>§6: isotropic covariance, ‖μ‖² = <paramref name="meanNorm2"/>, from M = Q = 0.</summary>
    public static CwsReducedSolution Isotropic(double meanNorm2, CwsSchedule schedule, TimeGrid grid) =>
        Solve(schedule, grid, (gamma, m, s, du) =>
        {
            var (tail, curvature, tail2) = Moments(m, s);
            du[0] = gamma * (meanNorm2 * tail - m * curvature);
            du[1] = 2 * gamma * m * tail - 2 * gamma * s * curvature + gamma * gamma * tail2;
        });

    /// <summary>
    /// §7: zero-one covariance with the mean on the clean modes, ‖P₀μ‖² = <paramref name="cleanMeanNorm2"/> and
    /// noisy fraction 1 − n_c/d = <paramref name="noisyFraction"/>, from M = S = 0.
    /// </summary>
    public static CwsReducedSolution ZeroOne(double cleanMeanNorm2, double noisyFraction, CwsSchedule schedule, TimeGrid grid) =>
        Solve(schedule, grid, (gamma, m, s, du) =>
        {
            var (tail, curvature, tail2) = Moments(m, s);
            du[0] = gamma * cleanMeanNorm2 * tail;
            du[1] = -2 * gamma * curvature * s + gamma * gamma * noisyFraction * tail2;
        });

    private delegate void Rhs(double gamma, double m, double s, Span<double> du);

    private static CwsReducedSolution Solve(CwsSchedule schedule, TimeGrid grid, Rhs rhs)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(grid);
        var times = grid.Times.ToArray();
        var problem = new OdeProblem((t, u, du) => rhs(schedule.Rate(t), u[0], Math.Max(u[1], 0), du), [0, 0], 0, Math.Max(times[^1], 0));
        var solution = new DormandPrince853().Solve(problem, new OdeOptions { RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-14, SaveAt = times });
        int count = solution.Times.Count;
        var m = new double[count];
        var s = new double[count];
        var risk = new double[count];
        for (int j = 0; j < count; j++)
        {
            m[j] = solution.States[j][0];
            s[j] = solution.States[j][1];
            risk[j] = Risk(m[j], Math.Max(s[j], 0));
        }
        var status = solution.Succeeded ? RunStatus.Completed
            : RunStatus.DivergedAt(solution.Statistics.AcceptedSteps, solution.FinalTime, solution.Message);
        return new CwsReducedSolution(solution.Times.ToArray(), m, s, risk, status);
    }

    /// <summary>E σ(−r), E σ(r)σ(−r), E σ(−r)² for r ~ N(M, S).</summary>
    private static (double Tail, double Curvature, double Tail2) Moments(double mean, double variance)
    {
        var rule = GaussHermite.Rule1D(Order);
        var z = rule.Nodes;
        var w = rule.Weights;
        double sd = Math.Sqrt(variance), tail = 0, curvature = 0, tail2 = 0;
        for (int j = 0; j < z.Length; j++)
        {
            double r = mean + sd * z[j];
            double sMinus = 1 / (1 + Math.Exp(r)); // σ(−r)
            double sPlus = 1 - sMinus;
            tail += w[j] * sMinus;
            curvature += w[j] * sPlus * sMinus;
            tail2 += w[j] * sMinus * sMinus;
        }
        return (tail, curvature, tail2);
    }

    /// <summary>E log(1 + e^{−r}), r ~ N(M, S).</summary>
    public static double Risk(double mean, double variance)
    {
        var rule = GaussHermite.Rule1D(Order);
        var z = rule.Nodes;
        var w = rule.Weights;
        double sd = Math.Sqrt(variance), sum = 0;
        for (int j = 0; j < z.Length; j++)
        {
            double r = mean + sd * z[j];
            sum += w[j] * (r > 0 ? Math.Log(1 + Math.Exp(-r)) : -r + Math.Log(1 + Math.Exp(r)));
        }
        return sum;
    }
}
