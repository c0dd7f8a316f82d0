namespace TheoryCheck.Reports.Theme;

/// <summary>Position of a <see cref="TextRun"/>: on the baseline, raised (superscript) or lowered (subscript).</summary>
public enum ScriptKind
{
    /// <summary>On the baseline at full size.</summary>
    None,

    /// <summary>Smaller and raised.</summary>
    Superscript,

    /// <summary>Smaller and lowered.</summary>
    Subscript,
}
