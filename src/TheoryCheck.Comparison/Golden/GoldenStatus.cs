namespace TheoryCheck.Comparison.Golden;

/// <summary>Outcome of a golden verification.</summary>
public enum GoldenStatus
{
    /// <summary>Every field within tolerance.</summary>
    Matched,
    /// <summary>Some field differs, is missing or is new; a .received.json was written.</summary>
    Mismatched,
    /// <summary>No verified file existed and one was created (not under CI).</summary>
    Created,
    /// <summary>No verified file exists and CI=true forbids creating it; a .received.json was written.</summary>
    Missing,
    /// <summary>Update mode: the verified file was (re)written.</summary>
    Updated,
    /// <summary>The verified file cannot be read or is not a snapshot; a .received.json was written beside it.</summary>
    Corrupt,
}
