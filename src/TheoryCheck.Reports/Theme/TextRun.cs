namespace TheoryCheck.Reports.Theme;

/// <summary>
/// One run of <see cref="RichText"/>: text set at <see cref="Scale"/> times the base font size with its baseline
/// raised by <see cref="Rise"/> base-size ems (negative: lowered). A plain run has scale 1 and rise 0; a
/// sub- or superscript that Unicode has no characters for is a smaller run below or above the baseline.
/// </summary>
/// <param name="Text">The characters of the run (Unicode super-/subscripts included where Unicode has them).</param>
/// <param name="Scale">Font size relative to the base size (1, <see cref="RichText.ScriptScale"/>, its square, …).</param>
/// <param name="Rise">Baseline shift in units of the base font size; positive is up.</param>
/// <param name="Script">Whether the run is a drawn superscript, subscript or on the baseline.</param>
public readonly record struct TextRun(string Text, float Scale, float Rise, ScriptKind Script)
{
    /// <summary>True for a run on the baseline at full size.</summary>
    public bool IsPlain => Script == ScriptKind.None;
}
