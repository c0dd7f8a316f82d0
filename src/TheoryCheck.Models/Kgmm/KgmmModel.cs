using System.Globalization;
using System.Text.Json.Nodes;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Parameters;

namespace TheoryCheck.Models.Kgmm;

/// <summary>
/// The <c>kgmm</c> model (parameters.md, kgmm section; kgmm.md): a k-component Gaussian mixture with orthonormal
/// means, classified by a single-layer softmax network x^1..x^k ∈ ℝ^d with cross-entropy and ℓ2 penalty, trained
/// by online SGD with step δ = c_δ/d; time t = ℓ·δ.
/// </summary>
public static class KgmmModel
{
    /// <summary>Model id.</summary>
    public const string Id = "kgmm";

    /// <summary>Observable name: population loss including the penalty (kgmm.md §7).</summary>
    public const string Loss = "loss";

    /// <summary>Observable name: population test accuracy (kgmm.md §6.4, §7).</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Id, parameters (names, defaults and ranges of parameters.md) and observables.</summary>
    public static ModelDescriptor Descriptor { get; } = new(
        Id,
        "k-component Gaussian mixture, single-layer softmax network, cross-entropy + ℓ2",
        "Ben Arous–Gheissari–Huang–Jagannath 2023 (arXiv 2310.03010); Ben Arous–Gheissari–Jagannath 2022 (arXiv 2206.04030)",
        "t = ℓ·δ, δ = cdelta/d",
        [
            // Integer defaults are created as long so that ParameterValues.Integer can read them back.
            new("k", "number of classes (mixture components)", ParameterKind.Integer, JsonValue.Create(3L)) { Minimum = 2, Maximum = KgmmParameters.MaxClasses },
            new("lambda", "signal-to-noise ratio: noise Z ~ N(0, I_d/λ)", ParameterKind.Real, 10.0) { Minimum = 0, MinimumInclusive = false },
            new("beta", "ℓ2 penalty (β/2)·Σ‖x^c‖²", ParameterKind.Real, 0.1) { Minimum = 0 },
            new("cdelta", "step size δ = cdelta/d", ParameterKind.Real, 1.0) { Minimum = 0, MinimumInclusive = false },
            new("p", "class probabilities (positive, sum 1, length k)", ParameterKind.RealList, (JsonNode?)null)
                { DefaultText = "uniform", Minimum = 0, MinimumInclusive = false },
            new("d", "data dimension (simulation only)", ParameterKind.Integer, (JsonNode?)null)
            {
                Minimum = 4, Maximum = KgmmParameters.MaxDimension(2), SimulationOnly = true,
                Rule = $"≥ 2k and ≤ ⌊(2³¹ − 1)/k⌋ ({KgmmParameters.MaxDimension(3)} at k = 3)",
            },
            new("seed", "random seed (simulation only)", ParameterKind.Integer, (JsonNode?)null) { SimulationOnly = true },
        ],
        [
            new("m[c,a]", "x^c·μ_a (overlap of class-c weights with mean a)"),
            new("R[c,e]", "x^c·x^e, c ≤ e (Gram matrix of the weights)"),
            new("Rperp[c,e]", "R − m mᵀ, c ≤ e (Gram matrix of the parts orthogonal to the means)"),
            new(Loss, "population loss E[−log π_b] + (β/2)Σ‖x^c‖²"),
            new(Accuracy, "population test accuracy P(argmax_c ζ_c = b)"),
        ]);

    /// <summary>
    /// Observable names for k classes in the fixed order of both engines: m[1,1], m[1,2], …, m[k,k]; R[c,e] for
    /// c ≤ e (row by row); Rperp[c,e] for c ≤ e; loss; accuracy. Count k² + k(k+1) + 2.
    /// </summary>
    public static IReadOnlyList<string> ObservableNames(int k)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), "k must be ≥ 2");
        var names = new List<string>(ObservableCount(k));
        for (int c = 1; c <= k; c++)
            for (int a = 1; a <= k; a++) names.Add(Name("m", c, a));
        for (int c = 1; c <= k; c++)
            for (int e = c; e <= k; e++) names.Add(Name("R", c, e));
        for (int c = 1; c <= k; c++)
            for (int e = c; e <= k; e++) names.Add(Name("Rperp", c, e));
        names.Add(Loss);
        names.Add(Accuracy);
        return names;
    }

    /// <summary>Number of observables for k classes: k² + k(k+1) + 2.</summary>
    public static int ObservableCount(int k) => k * k + k * (k + 1) + 2;

    /// <summary>Index of the upper-triangle entry (c, e), 0-based with c ≤ e, in row-by-row order (k(k+1)/2 entries).</summary>
    public static int UpperIndex(int k, int c, int e)
    {
        if (c > e) (c, e) = (e, c);
        return c * k - c * (c - 1) / 2 + (e - c);
    }

    private static string Name(string family, int i, int j) => string.Create(CultureInfo.InvariantCulture, $"{family}[{i},{j}]");
}
