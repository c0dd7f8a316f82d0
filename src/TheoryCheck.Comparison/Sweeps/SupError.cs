using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Running;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Comparison.Sweeps;

/// <summary>
/// Sup-error between a theory trajectory and one simulation run on the same output grid (claims.md §0):
/// e = max over grid times t and listed entries o of |sim_o(t) − theory_o(t)|.
/// </summary>
public static class SupError
{
    /// <summary>
    /// The sup-error over <paramref name="observables"/> (names or <see cref="Glob"/> patterns such as
    /// <c>m[*]</c>; each must match at least one observable of the theory trajectory, and every match must be
    /// recorded by the simulation). The grids must agree point by point within
    /// <paramref name="timeTolerance"/>·max(1, |t|), else <see cref="ArgumentException"/> names the first
    /// differing point. A diverged run or a non-finite value throws <see cref="DivergenceException"/>.
    /// </summary>
    public static SupErrorResult Of(Trajectory theory, Trajectory simulation, IReadOnlyList<string> observables, double timeTolerance = 1e-9)
    {
        CheckCompleted(theory);
        CheckCompleted(simulation);
        if (theory.Times.Count != simulation.Times.Count)
            throw new ArgumentException($"time grids differ: theory has {theory.Times.Count} points (T = {theory.Times[^1]}), {Describe(simulation)} has {simulation.Times.Count} (T = {(simulation.Times.Count > 0 ? simulation.Times[^1] : double.NaN)})");
        for (int i = 0; i < theory.Times.Count; i++)
        {
            double a = theory.Times[i], b = simulation.Times[i];
            if (!(Math.Abs(a - b) <= timeTolerance * Math.Max(1, Math.Abs(a))))
                throw new ArgumentException($"time grids differ at point {i}: theory t = {a}, {Describe(simulation)} t = {b}");
        }
        var names = Resolve(theory, observables);
        var best = new SupErrorResult(-1, "", 0, 0, 0, 0, names.Count);
        foreach (string name in names)
        {
            if (!simulation.Has(name)) throw new ArgumentException($"observable '{name}' is missing from {Describe(simulation)}");
            double[] th = theory[name], sim = simulation[name];
            for (int i = 0; i < th.Length; i++)
            {
                if (!double.IsFinite(th[i]))
                    throw new DivergenceException($"{Describe(theory)}: non-finite {name} at t = {theory.Times[i]}");
                if (!double.IsFinite(sim[i]))
                    throw new DivergenceException($"{Describe(simulation)}: non-finite {name} at t = {simulation.Times[i]}");
                double e = Math.Abs(sim[i] - th[i]);
                if (e > best.Value) best = new SupErrorResult(e, name, theory.Times[i], i, sim[i], th[i], names.Count);
            }
        }
        return best;
    }

    /// <summary>The observable names of <paramref name="trajectory"/> matched by <paramref name="patterns"/>, in trajectory order, each once.</summary>
    public static IReadOnlyList<string> Resolve(Trajectory trajectory, IReadOnlyList<string> patterns)
    {
        if (patterns.Count == 0) throw new ArgumentException("list at least one observable", nameof(patterns));
        foreach (string pattern in patterns)
            if (!trajectory.Names.Any(n => Glob.IsMatch(pattern, n)))
                throw new ArgumentException($"no observable '{pattern}' in {Describe(trajectory)} (has: {string.Join(", ", trajectory.Names)})");
        return trajectory.Names.Where(n => patterns.Any(p => Glob.IsMatch(p, n))).ToList();
    }

    private static void CheckCompleted(Trajectory trajectory)
    {
        if (trajectory.Status.Diverged) throw new DivergenceException($"{Describe(trajectory)} {trajectory.Status}", trajectory.Status);
    }

    private static string Describe(Trajectory t) =>
        t.Dimension is int d ? $"{t.Engine} run (d = {d}{(t.Seed is long s ? $", seed = {s}" : "")})" : $"{t.Engine} trajectory";
}
