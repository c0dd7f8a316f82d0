using TheoryCheck.Comparison.Running;

namespace TheoryCheck.Comparison.Golden;

/// <summary>
/// Tolerance of golden fields whose path matches <see cref="Path"/> (a <see cref="Glob"/>, e.g. <c>E_d[*]</c>,
/// <c>fit.*</c>): a number passes when |obtained − expected| ≤ Absolute + Relative·|expected| (numpy's isclose rule).
/// </summary>
/// <param name="Path">Field path glob.</param>
/// <param name="Absolute">Absolute tolerance (≥ 0).</param>
/// <param name="Relative">Relative tolerance (≥ 0).</param>
public sealed record GoldenTolerance(string Path, double Absolute, double Relative)
{
    /// <summary>The default for every field: absolute 1e-12 plus relative 1e-9 (floating-point noise across machines, not science).</summary>
    public static GoldenTolerance Default { get; } = new("*", 1e-12, 1e-9);

    /// <summary>Validated construction.</summary>
    public string Path { get; } = string.IsNullOrEmpty(Path) ? throw new ArgumentException("tolerance path must not be empty", nameof(Path)) : Path;

    /// <summary>Absolute part.</summary>
    public double Absolute { get; } = Absolute >= 0 && double.IsFinite(Absolute) ? Absolute : throw new ArgumentException($"absolute tolerance must be finite and ≥ 0 (got {Absolute})", nameof(Absolute));

    /// <summary>Relative part.</summary>
    public double Relative { get; } = Relative >= 0 && double.IsFinite(Relative) ? Relative : throw new ArgumentException($"relative tolerance must be finite and ≥ 0 (got {Relative})", nameof(Relative));

    /// <summary>The allowed difference for <paramref name="expected"/>: Absolute + Relative·|expected|.</summary>
    public double Allowed(double expected) => Absolute + Relative * Math.Abs(expected);

    /// <summary>The rule for <paramref name="path"/>: the last of <paramref name="rules"/> whose glob matches, else <see cref="Default"/>.</summary>
    public static GoldenTolerance For(string path, IReadOnlyList<GoldenTolerance> rules)
    {
        for (int i = rules.Count - 1; i >= 0; i--)
            if (Glob.IsMatch(rules[i].Path, path)) return rules[i];
        return Default;
    }
}
