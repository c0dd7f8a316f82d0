using TheoryCheck.Models.Cws;

namespace TheoryCheck.Theory.Cws;

/// <summary>
/// Options of the <c>cws</c> ODE solves (cws.md §3, §10): integrator and tolerances (on the scaled state of
/// docs/theory/cws.md §3.3, whose components are O(1)), the optional zero-variance noise refinement of cws.md §3,
/// and the Gaussian quadrature of the logistic expectations. Defaults: Dormand–Prince 5(4), rtol 1e-9, atol 1e-12,
/// refinement off, Gauss–Hermite n = 80 for S ≤ 4, panels above.
/// </summary>
public sealed record CwsTheoryOptions
{
    /// <summary>Default options.</summary>
    public static CwsTheoryOptions Default { get; } = new();

    /// <summary>Relative tolerance of the adaptive integrator.</summary>
    public double RelativeTolerance
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentException("rtol must be > 0");
    } = 1e-9;

    /// <summary>Absolute tolerance of the adaptive integrator (scaled state).</summary>
    public double AbsoluteTolerance
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentException("atol must be > 0");
    } = 1e-12;

    /// <summary>When set: classical RK4 with this fixed step (cws.md §3 suggests 0.02) instead of the adaptive method.</summary>
    public double? FixedStep
    {
        get;
        init => field = value is null || (value > 0 && double.IsFinite(value.Value)) ? value : throw new ArgumentException("the fixed step must be > 0");
    }

    /// <summary>Use Dormand–Prince 8(5,3) instead of 5(4) (reference solutions).</summary>
    public bool HighOrder { get; init; }

    /// <summary>
    /// Add the term (γ²/d) Σ_c p_c m_{c,i}² I_c to dV_i/dt (cws.md §3, "optional refinement": exact on zero-variance
    /// modes, O(1/d) in S otherwise). Off by default; recorded in the diagnostics.
    /// </summary>
    public bool ZeroVarianceNoise { get; init; }

    /// <summary>A deliberate change of the equations for negative controls (<see cref="CwsTheoryPerturbation.None"/>: the derived theory).</summary>
    public CwsTheoryPerturbation Perturbation { get; init; } = CwsTheoryPerturbation.None;

    /// <summary>Gauss–Hermite order of the logistic expectations.</summary>
    public int HermiteOrder
    {
        get;
        init => field = value is >= 2 and <= 256 ? value : throw new ArgumentException("the Gauss–Hermite order must lie in [2, 256]");
    } = CwsGaussianLoss.DefaultHermiteOrder;

    /// <summary>Largest S for Gauss–Hermite; the panel rule above (+∞: Gauss–Hermite always).</summary>
    public double HermiteMaxVariance
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentException("the Gauss–Hermite variance limit must be ≥ 0");
    } = CwsGaussianLoss.DefaultHermiteMaxVariance;

    /// <summary>Step budget per integration segment.</summary>
    public int MaxSteps
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentException("MaxSteps must be > 0");
    } = 5_000_000;

    /// <summary>The Gaussian-expectation evaluator these options describe.</summary>
    public CwsGaussianLoss Quadrature(CwsLoss loss) => new(loss, HermiteOrder, HermiteMaxVariance);
}
