using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Quadratic;

namespace TheoryCheck.Theory.Quadratic;

/// <summary>
/// Entry point of the quadratic theory side: the exact expected second-moment recursion of quadratic.md §2 on
/// the two-level spectrum, from v_D(0) = v_B(0) = R² (the expectation over e_0 ~ N(0, R²I)), with SGD for steps
/// t &lt; switch_at and <c>method</c> afterwards. O(1) per step.
/// </summary>
public static class QuadraticTheory
{
    /// <summary>Runs the recursion for <paramref name="steps"/> steps (records v at t = 0 … steps).</summary>
    public static QuadraticTheorySolution Solve(QuadraticParameters parameters, long steps)
    {
        parameters.Validate();
        if (steps < 0 || steps > 100_000_000) throw new ArgumentOutOfRangeException(nameof(steps), "steps must lie in [0, 1e8]");
        double r2 = parameters.InitScale * parameters.InitScale;
        return Solve(parameters, new TwoLevelMoments(r2, r2), steps);
    }

    /// <summary>Runs the recursion for <paramref name="steps"/> steps from the moments <paramref name="initial"/> at t = 0.</summary>
    public static QuadraticTheorySolution Solve(QuadraticParameters parameters, TwoLevelMoments initial, long steps)
    {
        parameters.Validate();
        if (steps < 0 || steps > 100_000_000) throw new ArgumentOutOfRangeException(nameof(steps), "steps must lie in [0, 1e8]");
        var vd = new double[steps + 1];
        var vb = new double[steps + 1];
        var v = initial;
        vd[0] = v.Dominant;
        vb[0] = v.Bulk;
        for (long t = 0; t < steps; t++)
        {
            v = SecondMomentRecursion.Step(parameters, v, parameters.MethodAt(t), parameters.StepSize);
            if (!v.IsFinite || v.Dominant > 1e300 || v.Bulk > 1e300)
            {
                var status = RunStatus.DivergedAt(t + 1, t + 1, "the expected second moments overflowed (unstable step size)");
                return new QuadraticTheorySolution(parameters, vd.AsSpan(0, (int)(t + 1)).ToArray(), vb.AsSpan(0, (int)(t + 1)).ToArray(), status);
            }
            vd[t + 1] = v.Dominant;
            vb[t + 1] = v.Bulk;
        }
        return new QuadraticTheorySolution(parameters, vd, vb, RunStatus.Completed);
    }
}
