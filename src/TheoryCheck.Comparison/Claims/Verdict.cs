namespace TheoryCheck.Comparison.Claims;

/// <summary>Outcome of a claim run.</summary>
public enum Verdict
{
    /// <summary>Every check passed at calibrated (profile) parameters.</summary>
    Holds,
    /// <summary>At least one check failed at calibrated parameters.</summary>
    Fails,
    /// <summary>The user overrode parameters (<c>--set</c>): measurements are reported, thresholds do not apply.</summary>
    NotCalibrated,
    /// <summary>A run diverged (NaN/∞); the result says where.</summary>
    Diverged,
}
