using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Models.Xor;

/// <summary>
/// The <c>xor</c> model (parameters.md, xor section; xor.md): an XOR-type Gaussian mixture (clusters ±μ with label 1,
/// ±ν with label 0, noise N(0, I_d/λ)) classified by a two-layer network s(X) = Σ_j v_j g(W_j·X) with ReLU g and
/// sigmoid output, logistic loss and ℓ2 penalty, trained by online SGD with step δ = c_δ/d; time t = ℓ·δ.
/// </summary>
public static class XorModel
{
    /// <summary>Model id.</summary>
    public const string Id = "xor";

    /// <summary>Observable name: population loss including the penalty (xor.md §6).</summary>
    public const string Loss = "loss";

    /// <summary>Observable name: population test accuracy, label 1 iff s &gt; 0 (xor.md §2, §6).</summary>
    public const string Accuracy = "accuracy";

    /// <summary>
    /// Observable name: number of covered clusters (xor.md §7.3, τ = 0.05), a function of (v, W·μ, W·ν) alone, so the
    /// ODE gives it too (<see cref="XorCoverage"/>).
    /// </summary>
    public const string Covered = "covered";

    /// <summary>Id, parameters (names, defaults and ranges of parameters.md) and observables.</summary>
    public static ModelDescriptor Descriptor { get; } = new(
        Id,
        "XOR-type Gaussian mixture (±μ label 1, ±ν label 0), two-layer ReLU network with sigmoid output, logistic loss + ℓ2",
        "Ben Arous–Gheissari–Jagannath 2022 (arXiv 2206.04030); Ben Arous–Gheissari–Huang–Jagannath 2023 (arXiv 2310.03010)",
        "t = ℓ·δ, δ = cdelta/d",
        [
            // Integer defaults are created as long so that ParameterValues.Integer can read them back.
            new("width", "hidden width K", ParameterKind.Integer, JsonValue.Create(4L)) { Minimum = 1, Maximum = XorParameters.MaxWidth },
            new("lambda", "SNR: noise Z ~ N(0, I_d/λ)", ParameterKind.Real, 20.0) { Minimum = 0, MinimumInclusive = false },
            new("beta", "ℓ2 penalty (β/2)(‖v‖² + ‖W‖_F²)", ParameterKind.Real, 0.05) { Minimum = 0 },
            new("cdelta", "step size δ = cdelta/d", ParameterKind.Real, 1.0) { Minimum = 0, MinimumInclusive = false },
            new("v0", "initial second layer v(0) (length K; warm start)", ParameterKind.RealList, (JsonNode?)null)
                { DefaultText = "[0.8, 0.7, -0.8, -0.7] (neuron i takes entry ((i-1) mod 4)+1)" },
            new("mmu0", "initial W_i·μ (length K; warm start)", ParameterKind.RealList, (JsonNode?)null)
                { DefaultText = "[0.3, -0.3, 0.05, -0.05] (neuron i takes entry ((i-1) mod 4)+1)" },
            new("mnu0", "initial W_i·ν (length K; warm start)", ParameterKind.RealList, (JsonNode?)null)
                { DefaultText = "[0.05, -0.05, 0.3, -0.3] (neuron i takes entry ((i-1) mod 4)+1)" },
            new("rperp0", "initial ‖W_i⊥‖² (the W_i⊥ orthogonal to each other and to μ, ν; warm start)", ParameterKind.Real, 1.0) { Minimum = 0 },
            new("init", "warm (v0, mmu0, mnu0, rperp0) or random (v_i ~ N(0,1), W_i ~ N(0, I_d/d))", ParameterKind.Choice, "warm")
                { Choices = ["warm", "random"] },
            new("d", "data dimension (simulation only; integer ≥ K + 2)", ParameterKind.Integer, (JsonNode?)null)
                { Minimum = 3, Maximum = int.MaxValue, SimulationOnly = true },
            new("seed", "random seed (simulation only)", ParameterKind.Integer, (JsonNode?)null) { SimulationOnly = true },
        ],
        [
            new("v[i]", "second-layer weight v_i"),
            new("mmu[i]", "W_i·μ (first-layer overlap with μ)"),
            new("mnu[i]", "W_i·ν (first-layer overlap with ν)"),
            new("Rperp[i,j]", "W_i⊥·W_j⊥, i ≤ j, W_i⊥ = W_i − (W_i·μ)μ − (W_i·ν)ν"),
            new(Loss, "population loss E[log(1 + e^s) − y s] + (β/2)(‖v‖² + ‖W‖_F²)"),
            new(Accuracy, "population test accuracy P(1{s > 0} = y)"),
            new(Covered, "number of covered clusters: s(±μ) > 0.05, s(±ν) < −0.05 without noise (xor.md §7.3)"),
        ]);

    /// <summary>
    /// Observable names for width K in the fixed order of both engines: v[1..K], mmu[1..K], mnu[1..K], Rperp[i,j] for
    /// i ≤ j (row by row), loss, accuracy, covered. Count 3K + K(K+1)/2 + 3.
    /// </summary>
    public static IReadOnlyList<string> ObservableNames(int width)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), "width must be ≥ 1");
        var names = new List<string>(ObservableCount(width));
        for (int i = 1; i <= width; i++) names.Add(Name("v", i));
        for (int i = 1; i <= width; i++) names.Add(Name("mmu", i));
        for (int i = 1; i <= width; i++) names.Add(Name("mnu", i));
        for (int i = 1; i <= width; i++)
            for (int j = i; j <= width; j++) names.Add(string.Create(CultureInfo.InvariantCulture, $"Rperp[{i},{j}]"));
        names.Add(Loss);
        names.Add(Accuracy);
        names.Add(Covered);
        return names;
    }

    /// <summary>Number of observables for width K: 3K + K(K+1)/2 + 3.</summary>
    public static int ObservableCount(int width) => XorStatistics.PackedLength(width) + 3;

    /// <summary>Names of the statistics only (the first <see cref="XorStatistics.PackedLength"/> observables).</summary>
    public static IReadOnlyList<string> StatisticNames(int width) => ObservableNames(width).Take(XorStatistics.PackedLength(width)).ToArray();

    private static string Name(string family, int i) => string.Create(CultureInfo.InvariantCulture, $"{family}[{i}]");
}
