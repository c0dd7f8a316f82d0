namespace TheoryCheck.Comparison.Golden;

/// <summary>One failing field of a golden comparison.</summary>
/// <param name="Path">Field path, e.g. <c>fit.slope</c>.</param>
/// <param name="Expected">Verified value, or null when the field is new (absent from the verified file).</param>
/// <param name="Obtained">Received value, or null when the field is missing from the new measurements.</param>
/// <param name="Difference">|obtained − expected| for two numbers, else null.</param>
/// <param name="Allowed">The tolerance Absolute + Relative·|expected| for numbers, else null (exact comparison).</param>
public sealed record GoldenMismatch(string Path, GoldenValue? Expected, GoldenValue? Obtained, double? Difference, double? Allowed)
{
    /// <summary>Why the field fails: "differs", "missing", "new" or "kind".</summary>
    public string Reason =>
        Expected is null ? "new"
        : Obtained is null ? "missing"
        : Expected.Value.Kind != Obtained.Value.Kind ? "kind"
        : "differs";
}
