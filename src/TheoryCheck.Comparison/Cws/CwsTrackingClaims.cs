using TheoryCheck.Comparison.Claims;
using TheoryCheck.Comparison.Tracking;
using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Simulation.Cws;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Comparison.Cws;

/// <summary>
/// The cws tracking claims (claims.md §0.4, §3.1, §3.2, §3.8): the population risk of one SGD run tracks the per-mode
/// ODE computed at the same d, sup-error O(d^{-1/2}), judged by the rate check (95% CI ∋ −½, ∌ 0) and a bound at the
/// largest d. Each is a <see cref="TrackingClaim"/> with the theory solved once per d; the negative control scales
/// the ODE's SGD-noise term.
/// </summary>
internal static class CwsTrackingClaims
{
    /// <summary>The grid of the quick and full profiles: Δt = 0.5 up to T = 20.</summary>
    public static TimeGrid Grid { get; } = TimeGrid.Uniform(20, 0.5);

    /// <summary>
    /// The grid of the test profiles: Δt = 0.5 up to T = 10 (the sup-error is reached at t ≤ 3 in these models; the test
    /// profiles spend their budget on five sizes and eight seeds instead, so that the interval is decisive).
    /// </summary>
    public static TimeGrid TestGrid { get; } = TimeGrid.Uniform(10, 0.5);

    /// <summary>The sizes of the test profiles: 50 … 800 (×2).</summary>
    public static IReadOnlyList<int> TestSizes { get; } = [50, 100, 200, 400, 800];

    /// <summary>Reported (not compared) observables.</summary>
    public static IReadOnlyList<string> Reported { get; } = [CwsModel.Overlap, CwsModel.Norm2, CwsModel.Error];

    /// <summary>Figures from the largest d: the risk, and the reported overlap and ‖X‖².</summary>
    public static IReadOnlyList<(string Name, string Title, IReadOnlyList<string> Observables)> Figures(string id) =>
    [
        ("risk-trajectories", $"{id}: risk, ODE vs SGD", [CwsModel.Risk]),
        ("overlap-norm2", $"{id}: ⟨X, μ⟩, ‖X‖² (reported)", [CwsModel.Overlap, CwsModel.Norm2]),
    ];

    /// <summary>
    /// A cws tracking claim of <c>risk</c> with the noise-term control of factor <paramref name="controlFactor"/>, run by
    /// <paramref name="engines"/> (default first; <c>full</c> when null). Only claims whose every point is isotropic or
    /// zero-one may list <c>subspace</c> (docs/theory/subspace.md §11.7).
    /// </summary>
    public static TrackingClaim Create(ClaimInfo info, Func<Profile, TrackingProfile> profiles, double controlFactor, IReadOnlyList<string> notes,
        IReadOnlyList<(string Name, string Title, IReadOnlyList<string> Observables)>? figures = null, IReadOnlyList<string>? engines = null) =>
        new(info, () => new CwsBinding(), [CwsModel.Risk], profiles, CwsClaimKit.NoiseControl(controlFactor),
            (values, grid, strength) => CwsClaimKit.NoiseControlledTheory(values, grid, strength, controlFactor))
        {
            Engines = engines ?? [EngineNames.Full],
            Reported = Reported,
            FigureGroups = figures ?? Figures(info.Id),
            GoldenTolerances = CwsClaimKit.GoldenTolerances,
            Notes = notes,
        };
}

/// <summary>
/// <c>cws.ode-tracking</c> (claims.md §3.1): logistic, isotropic, ‖μ‖ = 1, γ = 1; the risk of SGD tracks the per-mode
/// ODE (cws.md §3) with sup-error ∝ d^{-1/2} over t ≤ 20 (Δt = 0.5); overlap, norm2, error reported.
/// </summary>
public sealed class CwsOdeTrackingClaim : IShardableClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "cws.ode-tracking";

    /// <summary>The negative control: the ODE's SGD-noise term × this factor.</summary>
    public const double ControlFactor = 1.5;

    /// <summary>The profile numbers (claims.md §3.1; Test: a small version for the test suite and the goldens).</summary>
    public static TrackingProfile ProfileFor(Profile profile)
    {
        var parameters = new CwsParameters(CwsLoss.Logistic, CwsCovariance.Isotropic, gamma: 1, meanNorm: 1).ToValues();
        return profile switch
        {
            Profile.Test => new TrackingProfile { Parameters = parameters, Grid = CwsTrackingClaims.TestGrid, Sizes = CwsTrackingClaims.TestSizes, Seeds = 8, Bound = 0.010 },
            Profile.Quick => new TrackingProfile { Parameters = parameters, Grid = CwsTrackingClaims.Grid, Sizes = [125, 250, 500, 1000, 2000], Seeds = 8, Bound = 0.006 },
            _ => new TrackingProfile { Parameters = parameters, Grid = CwsTrackingClaims.Grid, Sizes = [500, 1000, 2000, 4000, 8000, 16000], Seeds = 8, Bound = 0.003 },
        };
    }

    private readonly TrackingClaim _tracking = CwsTrackingClaims.Create(
        new(Id, CwsModel.Id, "2510.14074 (abstract); derived ODE", "logistic risk tracks the per-mode ODE, error ∝ d^{-1/2}", "cws.md §2, §3, §6; claims.md §3.1"),
        ProfileFor, ControlFactor,
        [
            "Sup-error of the population risk over t ∈ {0, 0.5, …, T} (T = 20; 10 at the test profile, where the sup is reached at t ≤ 3 all the same); the ODE is solved at each simulated d (the theory is per mode), though for the isotropic model it does not depend on d (cws.md §6).",
            "The risk of an iterate is exact given its closure statistics (cws.md §2): the error is SGD's fluctuation and the ODE's O(1/d) bias, nothing from sampling the risk.",
        ], engines: [EngineNames.Full, EngineNames.Subspace]);

    /// <inheritdoc/>
    public ClaimInfo Info => _tracking.Info;

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines => _tracking.Engines;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings => _tracking.Settings;

    /// <inheritdoc/>
    public NegativeControl Control => _tracking.Control;

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context) => _tracking.Run(context);
}

/// <summary>
/// <c>cws.squares-tracking</c> (claims.md §3.2): least squares, power law α₁ = α₂ = 1.5, β_μ = −0.25, γ = 1; the risk of
/// SGD tracks the per-mode ODE at the same d with sup-error ∝ d^{-1/2} over t ≤ 20.
/// </summary>
public sealed class CwsSquaresTrackingClaim : IShardableClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "cws.squares-tracking";

    /// <summary>The negative control: the ODE's SGD-noise term × this factor.</summary>
    public const double ControlFactor = 1.5;

    /// <summary>The profile numbers (claims.md §3.2).</summary>
    public static TrackingProfile ProfileFor(Profile profile)
    {
        var parameters = new CwsParameters(CwsLoss.Squares, CwsCovariance.PowerLaw, gamma: 1, alpha1: 1.5, alpha2: 1.5, meanExponent: -0.25).ToValues();
        return profile switch
        {
            Profile.Test => new TrackingProfile { Parameters = parameters, Grid = CwsTrackingClaims.TestGrid, Sizes = CwsTrackingClaims.TestSizes, Seeds = 8, Bound = 0.006 },
            Profile.Quick => new TrackingProfile { Parameters = parameters, Grid = CwsTrackingClaims.Grid, Sizes = [125, 250, 500, 1000, 2000], Seeds = 8, Bound = 0.005 },
            _ => new TrackingProfile { Parameters = parameters, Grid = CwsTrackingClaims.Grid, Sizes = [250, 500, 1000, 2000, 4000, 8000], Seeds = 8, Bound = 0.003 },
        };
    }

    private readonly TrackingClaim _tracking = CwsTrackingClaims.Create(
        new(Id, CwsModel.Id, "derived", "least-squares risk tracks the per-mode ODE, error ∝ d^{-1/2}", "cws.md §3, §5, §8.3; claims.md §3.2"),
        ProfileFor, ControlFactor,
        [
            "Sup-error of the population risk over t ∈ {0, 0.5, …, T} (T = 20; 10 at the test profile); the per-mode ODE is solved at each simulated d (the power-law spectrum and mean depend on d: R(20) = 0.0109 … 0.0092 for d = 250 … 2000, cws.md §8.3).",
            "Equal exponents α₁ = α₂, so the classes have equal traces and the least-squares closed forms of cws.md §5 apply (the unequal-trace correction of cws.md §5.2 does not arise).",
        ]);

    /// <inheritdoc/>
    public ClaimInfo Info => _tracking.Info;

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines => _tracking.Engines;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings => _tracking.Settings;

    /// <inheritdoc/>
    public NegativeControl Control => _tracking.Control;

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context) => _tracking.Run(context);
}

/// <summary>
/// <c>cws.many-classes</c> (claims.md §3.8): logistic, isotropic, C = d/20 classes with means m_{c,i} = ξ_{c,i}μ_i
/// (random signs from problem_seed, cws.md §1.1), ‖μ‖² = C/2 (so the signal per class stays fixed as C grows), labels
/// 1, 0, 1, …, γ = 1; the risk of SGD tracks the C-class per-mode ODE (cws.md §3.1) at the same d and C with sup-error
/// ∝ d^{-1/2} while C grows with d.
/// </summary>
public sealed class CwsManyClassesClaim : IShardableClaim
{
    /// <summary>Claim id.</summary>
    public const string Id = "cws.many-classes";

    /// <summary>The negative control: the ODE's SGD-noise term × this factor.</summary>
    public const double ControlFactor = 1.5;

    /// <summary>Classes per dimension: C = d / <see cref="DimensionsPerClass"/>.</summary>
    public const int DimensionsPerClass = 20;

    /// <summary>The parameters at size d: C = d/20 classes and ‖μ‖ = √(C/2).</summary>
    public static Models.Parameters.ParameterValues AtSize(Models.Parameters.ParameterValues values, int d)
    {
        int classes = Math.Max(2, d / DimensionsPerClass);
        return values.With("classes", System.Text.Json.Nodes.JsonValue.Create((long)classes)).With("mean_norm", Math.Sqrt(classes / 2.0));
    }

    /// <summary>The profile numbers (claims.md §3.8).</summary>
    public static TrackingProfile ProfileFor(Profile profile)
    {
        var parameters = new CwsParameters(CwsLoss.Logistic, CwsCovariance.Isotropic, gamma: 1).ToValues();
        return profile switch
        {
            Profile.Test => new TrackingProfile { Parameters = parameters, Grid = CwsTrackingClaims.TestGrid, Sizes = [60, 120, 240, 480, 960], Seeds = 8, Bound = 0.009, AtSize = AtSize },
            Profile.Quick => new TrackingProfile { Parameters = parameters, Grid = CwsTrackingClaims.Grid, Sizes = [100, 200, 400, 800, 1600], Seeds = 8, Bound = 0.007, AtSize = AtSize },
            _ => new TrackingProfile { Parameters = parameters, Grid = CwsTrackingClaims.Grid, Sizes = [200, 400, 800, 1600, 3200, 6400], Seeds = 8, Bound = 0.0035, AtSize = AtSize },
        };
    }

    private readonly TrackingClaim _tracking = CwsTrackingClaims.Create(
        new(Id, CwsModel.Id, "2510.14074 (title: multi-class SGD); derived C-class ODE", "C = d/20 classes: risk tracks the C-class ODE, error ∝ d^{-1/2}",
            "cws.md §1.1, §3.1; claims.md §3.8"),
        ProfileFor, ControlFactor,
        [
            "C = d/20 classes (5 … 320 over the profiles) with ‖μ‖² = C/2, so each class keeps a fixed share of the signal and the risk has a C → ∞ limit (about 0.55 at t = 20); test profile C = 3 … 48 for d = 60 … 960; classes and mean_norm follow d and override --set values.",
            "Sup-error of the class-averaged risk; the per-class risk[c], overlap[c] = M_c and error[c] are recorded by both sides (the per-class sup over C entries would grow like √(log C)).",
        ],
        [
            ("risk-trajectories", $"{Id}: risk, ODE vs SGD", [CwsModel.Risk]),
            ("per-class-risk", $"{Id}: risk of classes 1–3 (reported)", ["risk[1]", "risk[2]", "risk[3]"]),
            ("per-class-overlap", $"{Id}: M_c = ⟨X, m_c⟩ of classes 1–3 (reported)", ["overlap[1]", "overlap[2]", "overlap[3]"]),
        ]);

    /// <inheritdoc/>
    public ClaimInfo Info => _tracking.Info;

    /// <inheritdoc/>
    public IReadOnlyList<string> Engines => _tracking.Engines;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimSetting> Settings => _tracking.Settings;

    /// <inheritdoc/>
    public NegativeControl Control => _tracking.Control;

    /// <inheritdoc/>
    public ClaimResult Run(ClaimContext context) => _tracking.Run(context);
}
