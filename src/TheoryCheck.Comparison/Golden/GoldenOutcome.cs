using System.Text;
using TheoryCheck.Comparison.Claims;

namespace TheoryCheck.Comparison.Golden;

/// <summary>
/// Result of verifying (or updating) one claim's golden snapshot: status, files, failing fields and a
/// readable report (a table of field | expected | obtained | difference | tolerance listing only failing fields).
/// </summary>
public sealed record GoldenOutcome
{
    public required string ClaimId { get; init; }
    public required Profile Profile { get; init; }
    public required GoldenStatus Status { get; init; }

    /// <summary>Path of the verified file.</summary>
    public required string VerifiedPath { get; init; }

    /// <summary>Path of the received file when one was written (mismatch or missing), else null.</summary>
    public string? ReceivedPath { get; init; }

    /// <summary>Number of fields in the received snapshot.</summary>
    public required int FieldCount { get; init; }

    /// <summary>Why the verified file could not be used (<see cref="GoldenStatus.Corrupt"/>), else null.</summary>
    public string? Problem { get; init; }

    /// <summary>The failing fields (empty unless <see cref="Status"/> is <see cref="GoldenStatus.Mismatched"/>).</summary>
    public IReadOnlyList<GoldenMismatch> Mismatches { get; init; } = [];

    /// <summary>True for matched, created and updated snapshots.</summary>
    public bool Passed => Status is GoldenStatus.Matched or GoldenStatus.Created or GoldenStatus.Updated;

    /// <summary>One line of status, followed by the mismatch table when there is one.</summary>
    public string Report
    {
        get
        {
            string name = $"golden {ClaimId} ({Profile.ToString().ToLowerInvariant()})";
            return Status switch
            {
                GoldenStatus.Matched => $"{name}: {FieldCount} fields match",
                GoldenStatus.Created => $"{name}: new snapshot with {FieldCount} fields written to {VerifiedPath}",
                GoldenStatus.Updated => $"{name}: snapshot with {FieldCount} fields written to {VerifiedPath}",
                GoldenStatus.Missing => $"{name}: no verified snapshot {VerifiedPath} (CI); received written to {ReceivedPath}",
                GoldenStatus.Corrupt => $"{name}: the verified snapshot {VerifiedPath} is unusable ({Problem}); {(ReceivedPath is null ? "no received file written" : $"received written to {ReceivedPath}")}",
                _ => $"{name}: {Mismatches.Count} of {FieldCount} fields differ; received written to {ReceivedPath}\n" + Table(Mismatches),
            };
        }
    }

    /// <summary>The aligned plain-text table of <paramref name="mismatches"/>.</summary>
    public static string Table(IReadOnlyList<GoldenMismatch> mismatches)
    {
        var rows = new List<string[]> { new[] { "field", "expected", "obtained", "difference", "tolerance" } };
        foreach (var m in mismatches)
            rows.Add([
                m.Path,
                m.Expected?.ToString() ?? "(absent: new field)",
                m.Obtained?.ToString() ?? "(missing)",
                m.Difference is double d ? Short(d) + (m.Expected is { Kind: GoldenValueKind.Number } e && e.Number != 0 && double.IsFinite(d) ? $" (rel {Short(d / Math.Abs(e.Number))})" : "")
                    : m.Reason == "kind" ? "different kind" : m.Reason == "differs" ? "not equal" : "",
                m.Allowed is double a ? "≤ " + Short(a) : m.Reason == "differs" ? "exact" : "",
            ]);
        var widths = Enumerable.Range(0, 5).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        for (int r = 0; r < rows.Count; r++)
        {
            sb.Append(string.Join(" | ", rows[r].Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd()).Append('\n');
            if (r == 0) sb.Append(string.Join("-+-", widths.Select(w => new string('-', w)))).Append('\n');
        }
        return sb.ToString();
    }

    private static string Short(double x) => x.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
}
