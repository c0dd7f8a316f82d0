namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// Options of the kgmm effective-ODE solve (kgmm.md §5–§6): corrector switch, quadrature order and integrator
/// tolerances. Defaults: corrector on, Gauss–Hermite order by the §6.2 rule, Dormand–Prince 5(4) with rtol 1e-8,
/// atol 1e-10 (§5.4).
/// </summary>
public sealed record KgmmTheoryOptions
{
    /// <summary>Default options.</summary>
    public static KgmmTheoryOptions Default { get; } = new();

    /// <summary>Include the corrector (c_δ/λ)Ḡ in dR/dt (kgmm.md §5.2); false for the claim <c>kgmm.corrector</c>'s W₀.</summary>
    public bool Corrector { get; init; } = true;

    /// <summary>
    /// Fixed Gauss–Hermite order n per axis; null chooses n = max(10, ⌈8σ_max⌉ + 4) (≤ 40) from the largest σ_max
    /// along the solution (one re-solve if the order found at t = 0 is too small).
    /// </summary>
    public int? QuadratureOrder
    {
        get;
        init => field = value is null or (>= 2 and <= 256) ? value : throw new ArgumentException("the quadrature order must lie in [2, 256]");
    }

    /// <summary>Sparse-grid level for k − 1 ≥ 5.</summary>
    public int SparseLevel
    {
        get;
        init => field = value is >= 1 and <= 10 ? value : throw new ArgumentException("the sparse level must lie in [1, 10]");
    } = Models.Kgmm.KgmmQuadrature.DefaultSparseLevel;

    /// <summary>Relative tolerance of the integrator.</summary>
    public double RelativeTolerance
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentException("rtol must be > 0");
    } = 1e-8;

    /// <summary>Absolute tolerance of the integrator.</summary>
    public double AbsoluteTolerance
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentException("atol must be > 0");
    } = 1e-10;

    /// <summary>A deliberate change of the equations for negative controls (<see cref="KgmmTheoryPerturbation.None"/>: the derived ODE).</summary>
    public KgmmTheoryPerturbation Perturbation { get; init; } = KgmmTheoryPerturbation.None;

    /// <summary>Use the 8th-order Dormand–Prince 8(5,3) instead of 5(4) (reference solutions).</summary>
    public bool HighOrder { get; init; }

    /// <summary>
    /// Budget of integrator step attempts (accepted plus rejected) per solve; a solve that uses it up before the final
    /// time ends with <see cref="Models.Observables.RunStatus.StepBudgetExhausted"/> (typically a stiff problem, e.g.
    /// β·T very large). Default 10⁶; the command line lowers it to fit its work budget.
    /// </summary>
    public int MaxSteps
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentException("the step budget must be positive");
    } = 1_000_000;

    /// <summary>Estimate the quadrature error by the refined rule (n + 4) at t = 0 and at the final state.</summary>
    public bool EstimateQuadratureError { get; init; } = true;
}
