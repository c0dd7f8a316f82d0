namespace TheoryCheck.Models.Cws;

/// <summary>
/// Where the flat mean profile of the zero-one model lives (cws.md §1; parameter <c>mean_on</c>).
/// </summary>
public enum CwsMeanSupport
{
    /// <summary><c>clean</c>: μ_i = ‖μ‖/√n_c on the n_c = ⌊f·d⌋ zero-variance modes, 0 elsewhere.</summary>
    Clean,

    /// <summary><c>noisy</c>: μ_i = ‖μ‖/√(d − n_c) on the unit-variance modes, 0 elsewhere.</summary>
    Noisy,

    /// <summary><c>both</c>: μ_i = ‖μ‖/√d everywhere.</summary>
    Both,
}
