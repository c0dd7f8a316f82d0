using TheoryCheck.Comparison.Running;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Comparison.Specs;

/// <summary>The negative control of spec claims: the theory values of the compared observables multiplied by a factor.</summary>
public static class SpecTheory
{
    /// <summary>A copy of <paramref name="theory"/> with every observable matched by <paramref name="patterns"/> multiplied by <paramref name="factor"/>.</summary>
    public static Trajectory Scaled(Trajectory theory, IReadOnlyList<string> patterns, double factor) => theory with
    {
        Observables = theory.Observables.Select(o => patterns.Any(p => Glob.IsMatch(p, o.Key))
            ? new KeyValuePair<string, double[]>(o.Key, o.Value.Select(v => factor * v).ToArray())
            : o).ToList(),
    };

    /// <summary>"the theory values of m[*], R[*] multiplied by 1.1 (a 10% error in the prediction)".</summary>
    public static string Describe(IReadOnlyList<string> patterns, double factor) =>
        FormattableString.Invariant($"the theory values of {string.Join(", ", patterns)} multiplied by {factor:G4} (a {Math.Abs(factor - 1) * 100:G3}% error in the prediction)");
}
