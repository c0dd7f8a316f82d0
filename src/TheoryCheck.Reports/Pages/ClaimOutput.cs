using TheoryCheck.Reports.Figures;

namespace TheoryCheck.Reports.Pages;

/// <summary>The files of one claim.</summary>
/// <param name="ClaimId">Claim id (also the folder name).</param>
/// <param name="Directory">DIR/CLAIM.</param>
/// <param name="ResultJson">DIR/CLAIM/result.json.</param>
/// <param name="Figures">DIR/CLAIM/NAME.{png,svg,pdf} per figure.</param>
public sealed record ClaimOutput(string ClaimId, string Directory, string ResultJson, IReadOnlyList<RenderedFigure> Figures);
