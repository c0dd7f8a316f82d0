namespace TheoryCheck.Comparison.Catalog;

/// <summary>
/// What a command or a claim needs, estimated before it starts (docs/design-notes.md §8): the work in SGD
/// element-updates and the peak memory in bytes. One element-update is one multiply-add on one coordinate of one
/// weight vector in one SGD step (kgmm: k per coordinate and step, plus the sample's draw counted as two); every other
/// cost — a quadrature node of an ODE right-hand side, a Lanczos product, an orthant probability — is converted into
/// the same units by its measured time (about 4 ns per unit on one core of the development machine). Estimates are
/// approximate (within a small factor) and meant to refuse what would run for hours or exhaust the memory, not to
/// predict run times.
/// </summary>
/// <param name="Work">Element-updates (≥ 0; +∞ when it does not fit a double).</param>
/// <param name="MemoryBytes">Peak memory in bytes (≥ 0).</param>
public sealed record WorkEstimate(double Work, double MemoryBytes)
{
    /// <summary>Nothing.</summary>
    public static WorkEstimate None { get; } = new(0, 0);

    /// <summary>Reference throughput used to turn units into a rough duration in messages: 2.5·10⁸ units per second.</summary>
    public const double ReferenceRate = 2.5e8;

    /// <summary>Bytes of one number of a JSON document held in memory (its node, its text, the output string).</summary>
    public const double BytesPerDocumentNumber = 200;

    /// <summary>This, then <paramref name="next"/>: the work adds up, the memory is the larger of the two.</summary>
    public WorkEstimate Then(WorkEstimate next) => new(Work + next.Work, Math.Max(MemoryBytes, next.MemoryBytes));

    /// <summary>This and <paramref name="other"/> held at the same time: work and memory add up.</summary>
    public WorkEstimate With(WorkEstimate other) => new(Work + other.Work, MemoryBytes + other.MemoryBytes);

    /// <summary>
    /// <paramref name="count"/> such jobs on <paramref name="threads"/> worker threads: the work is multiplied by the
    /// count, the memory by the number of jobs held at once, min(count, threads).
    /// </summary>
    public WorkEstimate Times(double count, int threads = 1) =>
        new(Work * count, MemoryBytes * Math.Max(0, Math.Min(count, Math.Max(1, threads))));

    /// <summary>Rough duration at <see cref="ReferenceRate"/>, e.g. "about 3 min".</summary>
    public static string Duration(double work)
    {
        double seconds = work / ReferenceRate;
        if (!double.IsFinite(seconds)) return "forever";
        if (seconds < 1) return "under a second";
        if (seconds < 120) return $"about {seconds:F0} s";
        if (seconds < 7200) return $"about {seconds / 60:F0} min";
        if (seconds < 172800) return $"about {seconds / 3600:F0} h";
        return seconds < 3.2e9 ? $"about {seconds / 86400:F0} days" : "more than a century";
    }
}
