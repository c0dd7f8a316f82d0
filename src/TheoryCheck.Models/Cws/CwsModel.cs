using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Models.Cws;

/// <summary>
/// The <c>cws</c> model (parameters.md, cws section; docs/theory/cws.md): one-pass SGD with step γ(t)/d on a linear
/// model r = ⟨X, a⟩ for a mixture of C ≥ 2 Gaussian classes a = m_c + K_c^{1/2} z with commuting (diagonal in the
/// common eigenbasis) covariances, logistic or least-squares loss; X_0 = 0; time t = ℓ/d. The theory is per
/// eigenmode, so both sides need d.
/// </summary>
public static class CwsModel
{
    /// <summary>Model id.</summary>
    public const string Id = "cws";

    /// <summary>Observable: population risk 𝓡 = Σ_c p_c E ℓ(r, y_c), r ~ N(M_c, S_c) (cws.md §2, §4).</summary>
    public const string Risk = "risk";

    /// <summary>Observable: ⟨X, μ⟩ with μ the signal direction (cws.md §4; μ itself for two classes ±μ).</summary>
    public const string Overlap = "overlap";

    /// <summary>Observable: ‖X‖².</summary>
    public const string Norm2 = "norm2";

    /// <summary>Observable: ⟨X, μ⟩/(‖X‖‖μ‖), 0 when X = 0.</summary>
    public const string Cosine = "cosine";

    /// <summary>Observable: Σ_{i∈𝒞} X_i μ_i / ⟨X, μ⟩ over the lowest-variance 10% of modes 𝒞, 0 when ⟨X, μ⟩ = 0.</summary>
    public const string CleanShare = "clean_share";

    /// <summary>Observable: misclassification probability Σ_c p_c P(sign r ≠ side of y_c).</summary>
    public const string Error = "error";

    /// <summary>Per-class families recorded for C &gt; 2 (1-based c): <c>risk[c]</c>, <c>overlap[c]</c> = M_c = ⟨X, m_c⟩, <c>error[c]</c>.</summary>
    public static readonly IReadOnlyList<string> PerClassFamilies = [Risk, Overlap, Error];

    /// <summary>Default <c>problem_seed</c>: the key of the random mean signs for C ≥ 3 (shared by theory and simulation).</summary>
    public const long DefaultProblemSeed = 0;

    /// <summary>Id, parameters (names, defaults and ranges of parameters.md plus the C-class and schedule extensions) and observables.</summary>
    public static ModelDescriptor Descriptor { get; } = new(
        Id,
        "anisotropic Gaussian mixture (C classes, commuting covariances), linear model, logistic or least squares",
        "Collins-Woodfin–Seroussi 2025 (arXiv 2510.14074); Collins-Woodfin–Paquette–Paquette–Seroussi (arXiv 2308.08977)",
        "t = ℓ/d, step γ(t)/d",
        [
            new("loss", "logistic (labels 1/0) or squares (labels ±1)", ParameterKind.Choice, "logistic") { Choices = ["logistic", "squares"] },
            new("cov", "covariance family in the eigenbasis", ParameterKind.Choice, "isotropic") { Choices = ["isotropic", "zero-one", "power-law"] },
            new("gamma", "step size γ/d (γ₀ of the schedule)", ParameterKind.Real, 1.0) { Minimum = 0, MinimumInclusive = false },
            new("zero_fraction", "zero-one: fraction f of zero-variance (clean) modes", ParameterKind.Real, 0.5) { Minimum = 0, Maximum = 1, MaximumInclusive = false },
            new("alpha1", "power law: class 1 eigenvalues (i/d)^alpha1", ParameterKind.Real, 1.1) { Minimum = 0, MinimumInclusive = false },
            new("alpha2", "power law: class 2 eigenvalues (i/d)^alpha2 (class C for C > 2)", ParameterKind.Real, 1.5) { Minimum = 0, MinimumInclusive = false },
            new("mean_exponent", "power law: mean profile μ_i = d^{-1/2}(i/d)^mean_exponent", ParameterKind.Real, -0.25) { Minimum = -0.5, MinimumInclusive = false },
            new("mean_on", "zero-one: the flat mean lives on the clean modes, the noisy modes, or both", ParameterKind.Choice, "clean") { Choices = ["clean", "noisy", "both"] },
            new("mean_norm", "‖μ‖ for isotropic and zero-one (flat on its support)", ParameterKind.Real, 1.0) { Minimum = 0, MinimumInclusive = false },
            new("d", "dimension (the theory is per mode, so the ODE needs d too)", ParameterKind.Integer, JsonValue.Create(1000L)) { Minimum = 2, Maximum = CwsParameters.MaxDimension },
            new("seed", "simulation seed", ParameterKind.Integer, (JsonNode?)null) { SimulationOnly = true },
            new("classes", "number of classes C (2 ≤ C ≤ max(2, d/4))", ParameterKind.Integer, JsonValue.Create(2L)) { Minimum = 2 },
            new("problem_seed", "key of the random mean signs for C ≥ 3 (theory and simulation share it)", ParameterKind.Integer, JsonValue.Create(DefaultProblemSeed)),
            new("p", "class probabilities (positive, sum 1, length C)", ParameterKind.RealList, (JsonNode?)null)
                { DefaultText = "uniform", Minimum = 0, MinimumInclusive = false },
            new("labels", "class labels y_c (length C; logistic: in [0, 1])", ParameterKind.RealList, (JsonNode?)null)
                { DefaultText = "1,0,1,… (logistic) / +1,−1,+1,… (squares)" },
            new("means", "class means m_{c,i}, C·d numbers, class by class (scenario files)", ParameterKind.RealList, (JsonNode?)null)
                { DefaultText = "±μ (C = 2); m_{c,i} = ξ_{c,i}μ_i, ξ = ±1 from problem_seed (C ≥ 3)" },
            new("alphas", "power law: per-class exponents α_c (length C)", ParameterKind.RealList, (JsonNode?)null)
                { DefaultText = "alpha1 … alpha2 (linear in c)", Minimum = 0, MinimumInclusive = false },
            new("schedule", "learning-rate schedule γ(t)", ParameterKind.Choice, "constant") { Choices = ["constant", "power", "piecewise"] },
            new("t0", "power schedule: γ(t) = gamma/(1 + t/t0)^decay", ParameterKind.Real, CwsSchedule.DefaultT0) { Minimum = 0, MinimumInclusive = false },
            new("decay", "power schedule: exponent a ≥ 0", ParameterKind.Real, CwsSchedule.DefaultDecay) { Minimum = 0 },
            new("steps", "piecewise schedule: milestone times t_1 < t_2 < …", ParameterKind.RealList, (JsonNode?)null)
                { DefaultText = "none", Minimum = 0, MinimumInclusive = false },
            new("step_gammas", "piecewise schedule: γ on [t_j, t_{j+1}), one per milestone", ParameterKind.RealList, (JsonNode?)null)
                { DefaultText = "none", Minimum = 0, MinimumInclusive = false },
        ],
        [
            new(Risk, "population risk Σ_c p_c E ℓ(⟨X, a⟩, y_c)"),
            new(Overlap, "⟨X, μ⟩, μ = Σ_c p_c (y_c − ȳ) m_c / Σ_c p_c |y_c − ȳ| (= μ for two classes ±μ)"),
            new(Norm2, "‖X‖²"),
            new(Cosine, "⟨X, μ⟩/(‖X‖‖μ‖)"),
            new(CleanShare, "share of ⟨X, μ⟩ carried by the lowest-variance 10% of modes"),
            new(Error, "misclassification probability (predicted positive iff ⟨X, a⟩ > 0)"),
            new("risk[c]", "C > 2: risk of class c"),
            new("overlap[c]", "C > 2: M_c = ⟨X, m_c⟩"),
            new("error[c]", "C > 2: misclassification probability of class c"),
        ]);

    /// <summary>
    /// Observable names for C classes in the fixed order of both sides: risk, overlap, norm2, cosine, clean_share,
    /// error; for C &gt; 2 then risk[1..C], overlap[1..C], error[1..C]. Count 6 (C = 2) or 6 + 3C.
    /// </summary>
    public static IReadOnlyList<string> ObservableNames(int classes)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), "C must be ≥ 2");
        var names = new List<string>(ObservableCount(classes)) { Risk, Overlap, Norm2, Cosine, CleanShare, Error };
        if (classes > 2)
            foreach (string family in PerClassFamilies)
                for (int c = 1; c <= classes; c++) names.Add(string.Create(CultureInfo.InvariantCulture, $"{family}[{c}]"));
        return names;
    }

    /// <summary>6 for C = 2, 6 + 3C for C &gt; 2.</summary>
    public static int ObservableCount(int classes) => classes > 2 ? 6 + 3 * classes : 6;

    /// <summary>JSON / command-line name of a loss.</summary>
    public static string Name(CwsLoss loss) => loss == CwsLoss.Squares ? "squares" : "logistic";

    /// <summary>JSON / command-line name of a covariance family.</summary>
    public static string Name(CwsCovariance covariance) => covariance switch
    {
        CwsCovariance.ZeroOne => "zero-one",
        CwsCovariance.PowerLaw => "power-law",
        _ => "isotropic",
    };

    /// <summary>JSON / command-line name of a mean support.</summary>
    public static string Name(CwsMeanSupport support) => support switch
    {
        CwsMeanSupport.Noisy => "noisy",
        CwsMeanSupport.Both => "both",
        _ => "clean",
    };

    /// <summary>JSON / command-line name of a schedule shape.</summary>
    public static string Name(CwsScheduleKind kind) => kind switch
    {
        CwsScheduleKind.Power => "power",
        CwsScheduleKind.Piecewise => "piecewise",
        _ => "constant",
    };
}
