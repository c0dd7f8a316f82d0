namespace TheoryCheck.Comparison.Claims;

/// <summary>
/// The verdict checks every claim uses (claims.md §0: "within x" is absolute, "within x%" relative). A
/// non-finite measured value fails every check. Requirements are written with <see cref="NumberText"/>.
/// </summary>
public static class Checks
{
    /// <summary>Passes when lo ≤ value ≤ hi.</summary>
    public static CheckResult InRange(string name, double value, double lower, double upper, string? detail = null)
    {
        if (!(lower <= upper)) throw new ArgumentException($"empty range [{lower}, {upper}] for check '{name}'");
        return new(name, double.IsFinite(value) && value >= lower && value <= upper, value,
            "∈ " + NumberText.Interval(lower, upper), detail);
    }

    /// <summary>Passes when value ≤ bound.</summary>
    public static CheckResult AtMost(string name, double value, double bound, string? detail = null) =>
        new(name, double.IsFinite(value) && value <= bound, value, "≤ " + NumberText.Format(bound), detail);

    /// <summary>Passes when value ≥ bound.</summary>
    public static CheckResult AtLeast(string name, double value, double bound, string? detail = null) =>
        new(name, double.IsFinite(value) && value >= bound, value, "≥ " + NumberText.Format(bound), detail);

    /// <summary>Passes when |measured − expected| ≤ tolerance ("within x").</summary>
    public static CheckResult WithinAbsolute(string name, double measured, double expected, double tolerance, string? detail = null)
    {
        if (!(tolerance >= 0)) throw new ArgumentException($"tolerance must be ≥ 0 for check '{name}' (got {tolerance})");
        double difference = Math.Abs(measured - expected);
        return new(name, double.IsFinite(measured) && difference <= tolerance, measured,
            $"= {NumberText.Format(expected, 4)} ± {NumberText.Format(tolerance)}",
            Join($"|difference| = {NumberText.Format(difference)}", detail));
    }

    /// <summary>Passes when |measured − expected| ≤ relativeTolerance·|expected| ("within x%"; 0.1 means 10%).</summary>
    public static CheckResult WithinRelative(string name, double measured, double expected, double relativeTolerance, string? detail = null)
    {
        if (!(relativeTolerance >= 0)) throw new ArgumentException($"relative tolerance must be ≥ 0 for check '{name}' (got {relativeTolerance})");
        double difference = Math.Abs(measured - expected);
        double relative = expected != 0 ? difference / Math.Abs(expected) : double.PositiveInfinity;
        return new(name, double.IsFinite(measured) && difference <= relativeTolerance * Math.Abs(expected), measured,
            $"= {NumberText.Format(expected, 4)} ± {NumberText.Format(100 * relativeTolerance)}%",
            Join($"relative difference {NumberText.Format(100 * relative)}%", detail));
    }

    /// <summary>A check whose rule the claim evaluated itself (e.g. "k outliers above 1.3·z₊").</summary>
    public static CheckResult That(string name, bool passed, string requirement, double? measured = null, string? detail = null) =>
        new(name, passed && (measured is null || double.IsFinite(measured.Value)), measured, requirement, detail);

    /// <summary>
    /// One check standing for several ("for every block: …"): passes when every part passes; the detail names
    /// the failing parts with their measured values.
    /// </summary>
    public static CheckResult All(string name, string requirement, IReadOnlyList<CheckResult> parts)
    {
        if (parts.Count == 0) throw new ArgumentException($"check '{name}' needs at least one part", nameof(parts));
        var failing = parts.Where(p => !p.Passed).ToList();
        string detail = failing.Count == 0
            ? $"all {parts.Count} pass"
            : $"{failing.Count} of {parts.Count} fail: " + string.Join("; ", failing.Select(p =>
                $"{p.Name} = {(p.Measured is double m ? NumberText.Format(m, 4) : "—")} (needs {p.Requirement})"));
        return new(name, failing.Count == 0, null, requirement, detail);
    }

    /// <summary>
    /// "For every part: value ≥ bound" (or ≤) as one check on the worst part, so the report shows the margin: the
    /// measured number is the smallest (largest) value, the detail names where it occurs and how many parts pass.
    /// Non-finite values fail.
    /// </summary>
    public static CheckResult Worst(string name, IReadOnlyList<(string Part, double Value)> parts, bool atLeast, double bound, string? note = null)
    {
        if (parts.Count == 0) throw new ArgumentException($"check '{name}' needs at least one part", nameof(parts));
        var worst = parts.OrderBy(p => double.IsFinite(p.Value) ? (atLeast ? p.Value : -p.Value) : double.NegativeInfinity).First();
        int passing = parts.Count(p => double.IsFinite(p.Value) && (atLeast ? p.Value >= bound : p.Value <= bound));
        string detail = $"worst: {worst.Part}; {passing} of {parts.Count} pass" + (note is null ? "" : "; " + note);
        return atLeast ? AtLeast(name, worst.Value, bound, detail) : AtMost(name, worst.Value, bound, detail);
    }

    private static string Join(string a, string? b) => b is null ? a : a + "; " + b;
}
