using System.Globalization;
using TheoryCheck.Comparison.Claims;
using TheoryCheck.Models.Observables;
using TheoryCheck.Reports.Figures;
using TheoryCheck.Reports.Theme;

namespace TheoryCheck.Reports.Pages;

/// <summary>Human-readable numbers, verdicts, times and summaries shared by the Markdown, HTML and PDF pages.</summary>
internal static class DisplayText
{
    /// <summary>Four significant digits, minus sign U+2212, m×10ᵏ outside [10⁻³, 10⁵); "—" for none; NaN/±∞ spelled out.</summary>
    public static string Number(double? value)
    {
        if (value is not double v) return "—";
        if (double.IsNaN(v)) return "NaN";
        if (double.IsPositiveInfinity(v)) return "+∞";
        if (double.IsNegativeInfinity(v)) return "−∞";
        double magnitude = Math.Abs(v);
        if (v == 0 || (magnitude >= 1e-3 && magnitude < 1e5)) return PaperText.Minus(v.ToString("G4", CultureInfo.InvariantCulture));
        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        double mantissa = v / Math.Pow(10, exponent);
        if (Math.Abs(Math.Round(mantissa, 3)) >= 10) { mantissa /= 10; exponent++; }
        return PaperText.Minus(mantissa.ToString("0.###", CultureInfo.InvariantCulture)) + "×" + TickLabels.Power(exponent);
    }

    /// <summary>Machine name of a verdict, as in result.json: holds, fails, inconclusive, diverged.</summary>
    public static string VerdictKey(Verdict verdict) => ClaimResultJson.VerdictName(verdict);

    /// <summary>Display name of a verdict.</summary>
    public static string Verdict(Verdict verdict) => verdict switch
    {
        Comparison.Claims.Verdict.Holds => "holds",
        Comparison.Claims.Verdict.Fails => "fails",
        Comparison.Claims.Verdict.Inconclusive => "inconclusive",
        Comparison.Claims.Verdict.Diverged => "diverged",
        _ => verdict.ToString(),
    };

    /// <summary>Verdict with a symbol that survives greyscale printing: ✓ holds, ✗ fails, ? inconclusive, ! diverged.</summary>
    public static string VerdictWithSymbol(Verdict verdict) => verdict switch
    {
        Comparison.Claims.Verdict.Holds => "✓ holds",
        Comparison.Claims.Verdict.Fails => "✗ fails",
        Comparison.Claims.Verdict.Inconclusive => "? inconclusive",
        Comparison.Claims.Verdict.Diverged => "! diverged",
        _ => verdict.ToString(),
    };

    /// <summary>Colour of a verdict (text on white): green holds, red fails, amber inconclusive, purple diverged.</summary>
    public static string VerdictColor(Verdict verdict) => verdict switch
    {
        Comparison.Claims.Verdict.Holds => "#1A7F37",
        Comparison.Claims.Verdict.Fails => "#CF222E",
        Comparison.Claims.Verdict.Inconclusive => "#9A6700",
        _ => "#8250DF",
    };

    /// <summary>A check's outcome with a symbol: ✓ pass, ✗ fail, ? undecided.</summary>
    public static string Outcome(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "✓ pass",
        CheckOutcome.Failed => "✗ fail",
        _ => "? undecided",
    };

    /// <summary>Colour of a check outcome (the verdict colours).</summary>
    public static string OutcomeColor(CheckOutcome outcome) => VerdictColor(outcome switch
    {
        CheckOutcome.Passed => Comparison.Claims.Verdict.Holds,
        CheckOutcome.Failed => Comparison.Claims.Verdict.Fails,
        _ => Comparison.Claims.Verdict.Inconclusive,
    });

    /// <summary>
    /// The claim's documented negative control and its resolution at the full profile (docs/theory/claims.md §0.7), as one
    /// sentence for every report: "name: what is changed. Resolution at the full profile: …" — or null when the result
    /// does not record it. The outcome of an applied control is a notice (<see cref="Notices"/>).
    /// </summary>
    public static string? ControlLine(ClaimResult result) => result.DocumentedControl is not { } control ? null
        : $"{control.Name}: {control.Description}. Resolution at the full profile: " +
          (control.Resolution ?? "not measured (run CLAIM --profile full --negative-control --control-strength S for S < 1)") + ".";

    /// <summary>
    /// The notices a result needs before its checks, in order: divergence, the other numerical faults (one notice per
    /// kind: step budget, Lanczos, QMC), parameters changed, negative control,
    /// and for an inconclusive verdict what would decide it. Plain text (the pages escape it).
    /// </summary>
    public static IReadOnlyList<(string Title, string Text, string Color)> Notices(ClaimResult result)
    {
        var notices = new List<(string, string, string)>();
        if (result.Divergence is not null)
            notices.Add(("Diverged", $"{result.Divergence}. Values from the diverged run are not reported as numbers.", "#8250DF"));
        foreach (var group in OtherFaults(result).GroupBy(f => f.Kind))
            notices.Add((group.First().Title, FaultText(group.ToList()), group.Key == NumericalFault.StepBudget ? "#CF222E" : "#9A6700"));
        if (result.ParametersChanged)
            notices.Add(("Parameters changed", $"{string.Join(", ", result.Overrides)}. The verdict applies the catalogue's thresholds, which were calibrated at the catalogue's parameters.", "#9A6700"));
        if (result.Control is { } control)
            notices.Add(("Negative control", $"{control.Name}: {control.Description}. Under it the claim must not hold: " +
                (result.Verdict == Comparison.Claims.Verdict.Holds ? "it still holds, so this claim cannot see this mistake." : $"it {Verdict(result.Verdict)}, so the mistake is detected."),
                result.Verdict == Comparison.Claims.Verdict.Holds ? "#CF222E" : "#1A7F37"));
        if (result.Verdict == Comparison.Claims.Verdict.Inconclusive)
            notices.Add(("Inconclusive", string.Join(" ", result.Checks.Where(c => c.Outcome == CheckOutcome.Undecided)
                .Select(c => $"{c.Name}: {c.Hint ?? "the data cannot decide"}.")), "#9A6700"));
        return notices;
    }

    /// <summary>The faults of a result other than its divergence (which has its own notice), each once.</summary>
    public static IEnumerable<NumericalFault> OtherFaults(ClaimResult result) =>
        result.Faults.Where(f => !(f.Kind == NumericalFault.Diverged && result.Divergence is not null)).Distinct();

    /// <summary>The text of a notice for faults of one kind: what it means for the numbers, then where (at most three).</summary>
    private static string FaultText(IReadOnlyList<NumericalFault> faults)
    {
        string meaning = faults[0].Kind switch
        {
            NumericalFault.StepBudget => "A solve used its whole step budget before its final time (a stiff problem?); the claim could not be evaluated",
            NumericalFault.LanczosNotConverged => "Some eigenpairs did not reach the Lanczos tolerance; the spectral numbers below are marked, not exact",
            NumericalFault.QmcTolerance => "A quasi-Monte Carlo error estimate exceeds its tolerance; the affected numbers are less accurate than stated",
            _ => "A numerical fault",
        };
        string where = string.Join("; ", faults.Take(3).Select(f => f.Message)) + (faults.Count > 3 ? $"; … and {faults.Count - 3} more" : "");
        return $"{meaning}: {where}.";
    }

    /// <summary>
    /// The measured value of a check: "—" when there is none, "not finite" when it is NaN/±∞ (a diverged run is
    /// reported as such, never printed as a number), else <see cref="Number"/>.
    /// </summary>
    public static string Measured(CheckResult check) =>
        check.Measured is double v && !double.IsFinite(v) ? "not finite" : Number(check.Measured);

    /// <summary>
    /// One check as "✓ name: measured (requirement)"; the requirement is left out when the name already says it
    /// (e.g. "… at every checkpoint" with requirement "every checkpoint").
    /// </summary>
    public static string Check(CheckResult check)
    {
        string measured = check.Measured is null ? "" : ": " + Measured(check);
        bool said = string.IsNullOrWhiteSpace(check.Requirement) || check.Name.Contains(check.Requirement.Trim(), StringComparison.Ordinal);
        string requirement = said ? "" : $" ({check.Requirement.Trim()})";
        string symbol = check.Outcome switch { CheckOutcome.Passed => "✓", CheckOutcome.Failed => "✗", _ => "?" };
        return $"{symbol} {check.Name}{measured}{requirement}";
    }

    /// <summary>
    /// The key measurements of a claim for the verdict table, kept short (the claim's own section lists every check):
    /// its divergence, "passed/total checks pass", then the failing checks (at most three) or, when all pass,
    /// the first check (the claim's headline measurement).
    /// </summary>
    public static IReadOnlyList<string> KeyMeasurements(ClaimResult result)
    {
        var lines = new List<string>();
        if (result.Divergence is not null) lines.Add("diverged: " + result.Divergence);
        foreach (var group in OtherFaults(result).GroupBy(f => f.Kind))
            lines.Add($"{group.First().Title.ToLowerInvariant()}: {group.First().Message}{(group.Count() > 1 ? $" (and {group.Count() - 1} more)" : "")}");
        if (result.Checks.Count == 0)
        {
            lines.Add("no checks");
            return lines;
        }
        var failing = result.Checks.Where(c => !c.Passed).ToList();
        lines.Add($"{result.Checks.Count - failing.Count}/{result.Checks.Count} checks pass");
        if (failing.Count == 0) lines.Add(Check(result.Checks[0]));
        foreach (CheckResult check in failing.Take(3)) lines.Add(Check(check));
        if (failing.Count > 3) lines.Add($"… and {failing.Count - 3} more failing");
        return lines;
    }

    /// <summary>UTC time as "yyyy-MM-dd HH:mm:ss UTC".</summary>
    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>Duration as "12.3 s" or "3 min 12 s" or "1 h 02 min".</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0) return "—";
        if (seconds < 60) return seconds.ToString(seconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s";
        long total = (long)Math.Round(seconds);
        if (total < 3600) return $"{total / 60} min {total % 60:00} s";
        return $"{total / 3600} h {total % 3600 / 60:00} min";
    }

    /// <summary>"4 claims: 2 hold, 1 fails, 1 diverged".</summary>
    public static string Summary(IReadOnlyList<ClaimResult> results)
    {
        var parts = new List<string>();
        void Add(Verdict verdict, string singular, string plural)
        {
            int n = results.Count(r => r.Verdict == verdict);
            if (n > 0) parts.Add($"{n} {(n == 1 ? singular : plural)}");
        }
        Add(Comparison.Claims.Verdict.Holds, "holds", "hold");
        Add(Comparison.Claims.Verdict.Fails, "fails", "fail");
        Add(Comparison.Claims.Verdict.Inconclusive, "inconclusive", "inconclusive");
        Add(Comparison.Claims.Verdict.Diverged, "diverged", "diverged");
        string head = $"{results.Count} claim{(results.Count == 1 ? "" : "s")}";
        return parts.Count == 0 ? head : head + ": " + string.Join(", ", parts);
    }

    /// <summary>Short commit (12 characters) for headers.</summary>
    public static string ShortCommit(string commit) => commit.Length > 12 && commit.All(char.IsAsciiHexDigit) ? commit[..12] : commit;
}
