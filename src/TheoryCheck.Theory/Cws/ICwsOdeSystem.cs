using TheoryCheck.Models.Cws;

namespace TheoryCheck.Theory.Cws;

/// <summary>
/// A deterministic <c>cws</c> system whose state closes on the statistics of <see cref="CwsStatistics"/>: the per-mode
/// ODE (<see cref="CwsModeOde"/>) or its spectral binning (<see cref="CwsBinnedOde"/>). The state is scaled so that
/// its components are O(1) (docs/theory/cws.md §3.3); it starts at zero (X_0 = 0).
/// </summary>
public interface ICwsOdeSystem
{
    /// <summary>Length of the (scaled) state.</summary>
    int StateLength { get; }

    /// <summary>One line naming the system, recorded in diagnostics.</summary>
    string Description { get; }

    /// <summary>Writes d(state)/dt at time t (γ = γ(t) of the schedule). Not thread-safe.</summary>
    void Derivative(double t, ReadOnlySpan<double> state, Span<double> derivative);

    /// <summary>The closure statistics (M_c, S_c, ‖X‖², ⟨X, μ⟩, clean overlap) of a state.</summary>
    CwsStatistics Statistics(ReadOnlySpan<double> state);

    /// <summary>Number of right-hand-side evaluations so far.</summary>
    long Evaluations { get; }

    /// <summary>Largest S_c met by a right-hand-side evaluation (decides the logistic quadrature regime).</summary>
    double MaxVariance { get; }
}
