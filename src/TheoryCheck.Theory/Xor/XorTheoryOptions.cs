using TheoryCheck.Models.Xor;

namespace TheoryCheck.Theory.Xor;

/// <summary>
/// Options of the xor effective-ODE solve (xor.md §5.1): the randomised-QMC rule of the expectations (R independent
/// Owen scramblings of n Sobol' points in K dimensions, fixed seed: common random numbers for every RHS call), the
/// error estimate, the corrector switch, the integrator and the population rule of the loss/accuracy observables.
/// Defaults: n = 2^12, R = 4 (N = 2^14 points, claims.md §2 quick), Dormand–Prince 5(4) with rtol 1e-5, atol 1e-8
/// (above the O(1/N) jumps of the QMC right-hand side, xor.md §5.1: at rtol 1e-6 the controller spends 4× the steps on
/// that noise; the integration error, ~1e-6, stays far below the QMC error ~1e-4), error estimate on.
/// </summary>
public sealed record XorTheoryOptions
{
    /// <summary>Default options.</summary>
    public static XorTheoryOptions Default { get; } = new();

    /// <summary>Default scrambling seed of the ODE rule.</summary>
    public const ulong DefaultScrambleSeed = 0x786F726F6465UL; // "xorode"

    /// <summary>Include the corrector (c_δ/λ) v_i v_j B_ij in dR⊥/dt (xor.md §5).</summary>
    public bool Corrector { get; init; } = true;

    /// <summary>n: Sobol' points per scrambling (≥ 2; a power of 2 keeps the net property).</summary>
    public int QmcPointsPerBlock
    {
        get;
        init => field = value is >= 2 and <= 1 << 22 ? value : throw new ArgumentException("QmcPointsPerBlock must lie in [2, 2^22]");
    } = 1 << 12;

    /// <summary>R: independent scramblings (blocks); the RHS uses all N = R·n points, the error estimate their spread.</summary>
    public int QmcBlocks
    {
        get;
        init => field = value is >= 1 and <= 64 ? value : throw new ArgumentException("QmcBlocks must lie in [1, 64]");
    } = 4;

    /// <summary>Seed of the scramblings.</summary>
    public ulong ScrambleSeed { get; init; } = DefaultScrambleSeed;

    /// <summary>
    /// Estimate the QMC error of the trajectory: solve once more per block with that block's n points only and report
    /// the standard deviation of the R block trajectories divided by √R (first-order error of the N-point solve).
    /// The block solves use fixed-step RK4 with <see cref="ErrorEstimateStep"/> (their noisier right-hand sides would make
    /// an adaptive controller take ~6× the steps); about 0.7 of the main solve's cost. Needs R ≥ 2.
    /// </summary>
    public bool EstimateQmcError { get; init; } = true;

    /// <summary>RK4 step of the error-estimate block solves (default 0.1: integration error ~1e-6, far below the spread).</summary>
    public double ErrorEstimateStep
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentException("ErrorEstimateStep must be > 0");
    } = 0.1;

    /// <summary>Relative tolerance of the adaptive integrator.</summary>
    public double RelativeTolerance
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentException("rtol must be > 0");
    } = 1e-5;

    /// <summary>Absolute tolerance of the adaptive integrator.</summary>
    public double AbsoluteTolerance
    {
        get;
        init => field = value > 0 && double.IsFinite(value) ? value : throw new ArgumentException("atol must be > 0");
    } = 1e-8;

    /// <summary>When set, fixed-step classical RK4 with this step instead of Dormand–Prince (xor.md §5.1: 0.02–0.05).</summary>
    public double? FixedStep
    {
        get;
        init => field = value is null || (value > 0 && double.IsFinite(value.Value)) ? value : throw new ArgumentException("FixedStep must be > 0");
    }

    /// <summary>A deliberate change of the right-hand side for negative controls (null: the derived ODE; claims.md §0.7).</summary>
    public XorTheoryPerturbation? Perturbation { get; init; }

    /// <summary>QMC settings of the loss and accuracy observables (null: <see cref="XorPopulationRule.Default"/>).</summary>
    public XorPopulationRule? PopulationRule { get; init; }

    /// <summary>Total number of points N = R·n.</summary>
    public int QmcPoints => QmcPointsPerBlock * QmcBlocks;
}
